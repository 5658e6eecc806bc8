import { ChildProcess, fork } from 'child_process';
import * as path from 'path';
import * as vscode from 'vscode';
// Types only: activate() loads the client library once the server process is starting.
import type { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { formatExplanation } from '../../server/src/cli/cli';
import { DEFAULT_LIBRARY, evaluateModeText, explainMode, isLibraryId } from '../../server/src/languageservice';
import type { SimulationReport } from '../../server/src/languageservice/simulator/report';
import { SimulationReportPanel } from './report/reportPanel';
import { recordingLogChannel } from './recentLog';
import { RestartPolicy, serverIsGone, shutsDownOnError } from './restartPolicy';
import { SimulateOptions, SimulationController } from './simulate';

/**
 * Document selector: C family files, our .sslcache files, and nginx and Apache configurations
 * (the language ids other extensions use too), on disk, unsaved, or in a virtual workspace
 * (vscode-vfs: the server reads no file for those, docs/SECURITY.md). Our hovers add to clangd's
 * and cpptools', never replace them.
 */
const DOCUMENT_SELECTOR = ['c', 'cpp', 'objective-c', 'objective-cpp', 'cuda-cpp', 'sslcache', 'nginx', 'apacheconf', 'haproxy', 'stunnel', 'postfix', 'python', 'ruby', 'perl', 'rust'].flatMap((language) => [
  { scheme: 'file', language },
  { scheme: 'untitled', language },
  { scheme: 'vscode-remote', language },
  { scheme: 'vscode-vfs', language },
]);

let client: LanguageClient | undefined;

/**
 * When activation reached each step, in the extension host's `performance.now()` (so a test in the
 * same host can compare them with its own clock): bench/benchmarks/extension.ts reads them.
 */
export interface ActivationTimes {
  /** activate() was entered (the bundle is loaded by then). */
  activated: number;
  /** The language server answered initialize. */
  clientStarted?: number;
  /** The server answered the first request after initialize, and which one it was. */
  firstAnswer?: { at: number; method: string };
}

export interface SesscacheApi {
  /** Resolves when the language server has answered initialize. */
  ready: Promise<void>;
  times: ActivationTimes;
  /** The reports the simulation view shows now, if it is open (for tests and other extensions). */
  shownReports(): SimulationReport[] | undefined;
  /** The report view's HTML and the folders it may load from, if it is open (tests check its CSP). */
  reportWebview(): { html: string; cspSource: string; localResourceRoots: string[] } | undefined;
  /** What the server said when the last cancelled simulation stopped ("… after N of M connections"). */
  lastCancelledSimulation(): string | undefined;
  /** Whether a simulation is running on the server now (its progress has begun). */
  simulationRunning(): boolean;
  /** The running language server's process id (tests stop it to check that it is restarted). */
  serverProcessId(): number | undefined;
  /** The client's state (starting, running, stopped) and the output channel's last lines: failing tests print them. */
  diagnostics(): { state: string; log: string };
}

export async function activate(context: vscode.ExtensionContext): Promise<SesscacheApi> {
  const times: ActivationTimes = { activated: performance.now() };
  // Most of activation is the server's Node process starting and loading its bundle: it starts
  // first, and boots while the client library loads here.
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  let started: ChildProcess | undefined = startServerProcess(serverModule);
  let running: ChildProcess | undefined = started;
  const { LanguageClient, CloseAction, ErrorAction } = await import('vscode-languageclient/node');
  // Called again by restart(), and after a crash: a new process then.
  const serverOptions: ServerOptions = async () => {
    const child = started ?? startServerProcess(serverModule);
    started = undefined;
    running = child;
    return child;
  };
  const restarts = new RestartPolicy();
  const output = recordingLogChannel(vscode.window.createOutputChannel('sesscache', { log: true }));
  context.subscriptions.push(output.channel);
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output.channel,
    synchronize: { configurationSection: 'sesscache' },
    initializationOptions: { settings: vscode.workspace.getConfiguration('sesscache') },
    errorHandler: {
      error: (error, _message, count) => {
        const exited = serverIsGone(error, running);
        return { action: shutsDownOnError(count, exited) ? ErrorAction.Shutdown : ErrorAction.Continue, handled: exited };
      },
      // The library restarts silently (its notice is only logged): we say so, once.
      closed: () => {
        const decision = restarts.closed(Date.now());
        if (decision.message) void (decision.restart ? vscode.window.showWarningMessage(decision.message) : vscode.window.showErrorMessage(decision.message));
        return { action: decision.restart ? CloseAction.Restart : CloseAction.DoNotRestart, handled: true };
      },
    },
    middleware: {
      sendRequest: async (type, param, token, next) => {
        try {
          return await next(type, param, token);
        } finally {
          times.firstAnswer ??= { at: performance.now(), method: typeof type === 'string' ? type : type.method };
        }
      },
    },
  };
  client = new LanguageClient('sesscache', 'sesscache', serverOptions, clientOptions);
  const simulation = new SimulationController(context, () => client);

  context.subscriptions.push(
    vscode.commands.registerCommand('sesscache.explainMode', explainModeCommand),
    vscode.commands.registerCommand(
      'sesscache.simulate',
      (uri?: string, position?: { line: number; character: number }, protocol?: string, options?: SimulateOptions) =>
        simulation.simulate(typeof uri === 'string' ? uri : undefined, position, protocol, options),
    ),
    vscode.commands.registerCommand('sesscache.cancelSimulation', () => simulation.cancel()),
    vscode.commands.registerCommand('sesscache.openAsSslcache', () => openAsSslcache()),
    vscode.commands.registerCommand('sesscache.compareSimulations', () => simulation.compare()),
    vscode.commands.registerCommand('sesscache.showRuleDocumentation', (ruleId?: string) => showRuleDocumentation(context, ruleId)),
    vscode.commands.registerCommand('sesscache.restartServer', async () => {
      await client?.restart();
      void vscode.window.setStatusBarMessage('sesscache: language server restarted', 3000);
    }),
  );

  const ready = client.start().then(() => {
    times.clientStarted = performance.now();
  });
  context.subscriptions.push({ dispose: () => void client?.stop() });
  return {
    ready,
    times,
    shownReports: () => SimulationReportPanel.current?.lastReports(),
    lastCancelledSimulation: () => simulation.lastCancellation,
    simulationRunning: () => simulation.runningOnServer(),
    reportWebview: () => {
      const webview = SimulationReportPanel.current?.panel.webview;
      return webview && { html: webview.html, cspSource: webview.cspSource, localResourceRoots: (webview.options.localResourceRoots ?? []).map((u) => u.toString()) };
    },
    serverProcessId: () => running?.pid,
    diagnostics: () => ({ state: client ? ({ 1: 'stopped', 2: 'running', 3: 'starting' } as Record<number, string>)[client.state] ?? String(client.state) : 'none', log: output.recent() }),
  };
}

/**
 * The server over stdio, started as vscode-languageclient would start it (`ELECTRON_RUN_AS_NODE`
 * makes Electron's executable run as Node in desktop VS Code), with the inspector when the
 * extension host is being debugged.
 */
function startServerProcess(serverModule: string): ChildProcess {
  const debugging = process.execArgv.some((a) => a.startsWith('--inspect') || a.startsWith('--debug'));
  return fork(serverModule, ['--stdio', `--clientProcessId=${process.pid}`], {
    silent: true,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    execArgv: debugging ? ['--nolazy', '--inspect=6009'] : [],
  });
}

/** Asks for a mode and shows its explanation from the CLI's explain, in a read-only document. */
async function explainModeCommand(modeArgument?: string): Promise<string | undefined> {
  const mode =
    modeArgument ??
    (await vscode.window.showInputBox({
      title: 'Explain a session cache mode',
      prompt: 'Flag names joined by |, or a number',
      placeHolder: 'SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL',
    }));
  if (!mode) return undefined;
  // The pure core is bundled into the extension too, so the command works without a round trip.
  const library = vscode.workspace.getConfiguration('sesscache').get<string>('library', DEFAULT_LIBRARY);
  const result = evaluateModeText(mode, { allowShortNames: true });
  if (!result.ok) {
    void vscode.window.showErrorMessage(`sesscache: invalid mode "${mode}": ${result.error.message}`);
    return undefined;
  }
  const text = formatExplanation(explainMode(result.value, isLibraryId(library) ? library : DEFAULT_LIBRARY));
  const document = await vscode.workspace.openTextDocument({ content: text, language: 'plaintext' });
  await vscode.window.showTextDocument(document, { preview: true });
  return text;
}

/** "Open as .sslcache": the configuration under the cursor in C code, as a .sslcache file to explore what-ifs. */
async function openAsSslcache(): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client) return undefined;
  try {
    const { text } = await client.sendRequest<{ text: string }>('sesscache/exportSslcache', {
      textDocument: { uri: editor.document.uri.toString() },
      position: { line: editor.selection.active.line, character: editor.selection.active.character },
    });
    const document = await vscode.workspace.openTextDocument({ language: 'sslcache', content: text });
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside });
    return text;
  } catch (e) {
    void vscode.window.showErrorMessage(`sesscache: ${(e as Error).message}`);
    return undefined;
  }
}

/** Opens docs/rules.md (shipped in the extension) at the rule's heading. */
async function showRuleDocumentation(context: vscode.ExtensionContext, ruleId?: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(context.asAbsolutePath(path.join('docs', 'rules.md'))));
  const editor = await vscode.window.showTextDocument(document, { preview: true });
  const line = ruleId ? document.getText().split('\n').findIndex((l) => l === `## ${ruleId}` || l === `### ${ruleId}`) : -1;
  if (line >= 0) {
    const position = new vscode.Position(line, 0);
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.AtTop);
  }
  return editor;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
