import type * as vscode from 'vscode';

/**
 * The language client's log channel, keeping its last lines in memory as well: a failing editor
 * test attaches them to its error (a CI log is all there is of that run).
 */
export function recordingLogChannel(channel: vscode.LogOutputChannel, keep = 200): { channel: vscode.LogOutputChannel; recent(): string } {
  const lines: string[] = [];
  const record = (level: string, message: string) => {
    lines.push(...`[${level}] ${message}`.split('\n'));
    if (lines.length > keep) lines.splice(0, lines.length - keep);
  };
  const describe = (message: string | Error, args: unknown[]) =>
    [message instanceof Error ? (message.stack ?? message.message) : message, ...args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a)))].join(' ');
  const recording: vscode.LogOutputChannel = {
    get name() {
      return channel.name;
    },
    get logLevel() {
      return channel.logLevel;
    },
    onDidChangeLogLevel: channel.onDidChangeLogLevel,
    trace: (message, ...args) => {
      record('trace', describe(message, args));
      channel.trace(message, ...args);
    },
    debug: (message, ...args) => {
      record('debug', describe(message, args));
      channel.debug(message, ...args);
    },
    info: (message, ...args) => {
      record('info', describe(message, args));
      channel.info(message, ...args);
    },
    warn: (message, ...args) => {
      record('warn', describe(message, args));
      channel.warn(message, ...args);
    },
    error: (error, ...args) => {
      record('error', describe(error, args));
      channel.error(error, ...args);
    },
    append: (value) => {
      record('out', value);
      channel.append(value);
    },
    appendLine: (value) => {
      record('out', value);
      channel.appendLine(value);
    },
    replace: (value) => {
      lines.length = 0;
      record('out', value);
      channel.replace(value);
    },
    clear: () => {
      lines.length = 0;
      channel.clear();
    },
    show: (...args: unknown[]) => (channel.show as (...a: unknown[]) => void)(...args),
    hide: () => channel.hide(),
    dispose: () => channel.dispose(),
  };
  return { channel: recording, recent: () => lines.join('\n') };
}
