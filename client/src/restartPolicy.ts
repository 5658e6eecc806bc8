/**
 * What the extension does when the language server's connection closes without being asked to
 * (a crash): restart it, telling the user the first time only, and give up after too many crashes
 * in a short time (a server that dies on start would otherwise restart forever).
 */
export class RestartPolicy {
  private crashes: number[] = [];
  private told = false;

  constructor(
    private readonly maxCrashes = 5,
    private readonly windowMs = 3 * 60_000,
  ) {}

  closed(now: number): { restart: boolean; message?: string } {
    this.crashes = [...this.crashes.filter((t) => now - t < this.windowMs), now];
    if (this.crashes.length > this.maxCrashes) {
      return {
        restart: false,
        message: `sesscache: the language server stopped ${this.crashes.length} times in ${Math.round(this.windowMs / 60_000)} minutes and is not restarted again. "sesscache: Restart the language server" starts it; the sesscache output channel may say why it stopped.`,
      };
    }
    if (this.told) return { restart: true };
    this.told = true;
    return { restart: true, message: 'sesscache: the language server stopped unexpectedly and was restarted. The sesscache output channel may say why.' };
  }
}

/**
 * Whether a read or write error on the connection should shut the client down. Once the server
 * process has exited, the errors are the crash's echo (each message written to the dead process's
 * stdin fails): the close that follows decides, through `closed`, whether to restart. Shutting
 * down on them, as the library's default does after 3 write errors, would stop the client for
 * good when the user was typing as the server died. A live server that keeps erroring is shut down.
 */
export function shutsDownOnError(count: number | undefined, serverExited: boolean): boolean {
  if (serverExited) return false;
  return count === undefined || count > 3;
}

/**
 * Whether an error on the connection says the server process is gone: its exit was seen, or the
 * pipe is broken (writes after the death fail with these before the exit or the close is seen).
 */
export function serverIsGone(error: unknown, server: { exitCode: number | null; signalCode: string | null } | undefined): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED') return true;
  return server !== undefined && (server.exitCode !== null || server.signalCode !== null);
}
