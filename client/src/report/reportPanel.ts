import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { ReportHostMessage, ReportWebviewMessage, SimulationReport } from './reportTypes';

export interface SimulationReportHandlers {
  rerun(): void;
  compare(): void;
}

/** What the page's HTML needs from the webview; kept apart so the HTML can be checked outside VS Code. */
export interface ReportHtmlParts {
  /** `webview.cspSource` */
  cspSource: string;
  /** A fresh random value per page load. */
  nonce: string;
  /** `webview.asWebviewUri` of dist/webview.js and dist/webview.css. */
  scriptUri: string;
  styleUri: string;
}

const escapeAttribute = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The page's HTML: a strict CSP (nothing remote, scripts only with the nonce), the bundled script and
 * style, and a placeholder the script replaces once the extension has sent the reports.
 */
export function reportHtml(parts: ReportHtmlParts): string {
  const nonce = escapeAttribute(parts.nonce);
  const csp = [
    "default-src 'none'",
    `img-src ${parts.cspSource} data:`,
    `style-src ${parts.cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)};">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${nonce}" href="${escapeAttribute(parts.styleUri)}">
<title>Session cache simulation</title>
</head>
<body>
<main id="app" aria-live="polite"><p class="placeholder">Waiting for the simulation…</p></main>
<script nonce="${nonce}" src="${escapeAttribute(parts.scriptUri)}"></script>
</body>
</html>`;
}

/**
 * The "Session cache simulation" webview panel: one at a time, reused by later runs. The page
 * (client/webview/report.ts, bundled to dist/webview.js) says `ready` when it has loaded, and again
 * each time VS Code recreates it (the context is not retained while the panel is hidden); the
 * panel answers every `ready` with the last reports, so nothing posted early is lost.
 */
export class SimulationReportPanel {
  static readonly viewType = 'sesscache.simulationReport';
  static readonly title = 'Session cache simulation';

  /** The open panel, if any. */
  static current: SimulationReportPanel | undefined;

  private reports: SimulationReport[];
  private handlers: SimulationReportHandlers;
  private ready = false;
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];
  private deliveredVersion = 0;
  private version = 0;
  private waiters: { version: number; resolve: () => void; reject: (e: Error) => void }[] = [];

  /** Shows the reports (one, or two side by side), in the open panel when there is one. */
  static show(context: vscode.ExtensionContext, reports: SimulationReport[], handlers: SimulationReportHandlers): SimulationReportPanel {
    const current = SimulationReportPanel.current;
    if (current) {
      current.handlers = handlers;
      current.panel.reveal(undefined, false);
      current.update(reports);
      return current;
    }
    const distUri = vscode.Uri.joinPath(context.extensionUri, 'dist');
    const panel = vscode.window.createWebviewPanel(
      SimulationReportPanel.viewType,
      SimulationReportPanel.title,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      { enableScripts: true, retainContextWhenHidden: false, localResourceRoots: [distUri], enableFindWidget: true },
    );
    SimulationReportPanel.current = new SimulationReportPanel(panel, distUri, reports, handlers);
    return SimulationReportPanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly distUri: vscode.Uri,
    reports: SimulationReport[],
    handlers: SimulationReportHandlers,
  ) {
    this.reports = reports;
    this.handlers = handlers;
    this.version = 1;
    panel.onDidDispose(() => this.dispose(), undefined, this.disposables);
    panel.webview.onDidReceiveMessage((m: ReportWebviewMessage) => this.onMessage(m), undefined, this.disposables);
    panel.onDidChangeViewState(
      (e) => {
        // A hidden webview without retained context is torn down; it says `ready` again when shown.
        if (!e.webviewPanel.visible) this.ready = false;
      },
      undefined,
      this.disposables,
    );
    panel.webview.html = this.html();
  }

  /** The reports last given to the panel (what the page shows, or will show once it is ready). */
  lastReports(): SimulationReport[] {
    return this.reports;
  }

  /** Replaces the reports shown. */
  update(reports: SimulationReport[]): void {
    if (this.disposed) return;
    this.reports = reports;
    this.version++;
    if (this.ready) void this.post();
  }

  /** Resolves once the page has been sent the current reports (for tests and screenshots). */
  whenDelivered(): Promise<void> {
    if (this.deliveredVersion >= this.version) return Promise.resolve();
    if (this.disposed) return Promise.reject(new Error('the simulation report panel was closed'));
    const version = this.version;
    return new Promise((resolve, reject) => this.waiters.push({ version, resolve, reject }));
  }

  /** Saves the reports as JSON (always an array, one or two reports). Asks where unless `target` is given. */
  async exportJson(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    return this.save(target, `${fileStem(this.reports[0]?.title)}.report.json`, JSON.stringify(this.reports, null, 2) + '\n', 'Export simulation report');
  }

  /** Saves the first report's scenario as-is (a string is written verbatim). Asks where unless `target` is given. */
  async exportScenario(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const scenario = this.reports[0]?.scenario;
    if (scenario === undefined) {
      void vscode.window.showWarningMessage('sesscache: this report has no scenario to export.');
      return undefined;
    }
    const text = typeof scenario === 'string' ? scenario : JSON.stringify(scenario, null, 2) + '\n';
    return this.save(target, `${fileStem(this.reports[0]?.title)}.scenario.json`, text, 'Export simulation scenario');
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (SimulationReportPanel.current === this) SimulationReportPanel.current = undefined;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w.reject(new Error('the simulation report panel was closed'));
    this.panel.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }

  private onMessage(message: ReportWebviewMessage): void {
    switch (message?.type) {
      case 'ready':
        this.ready = true;
        void this.post();
        break;
      case 'exportJson':
        void this.exportJson();
        break;
      case 'exportScenario':
        void this.exportScenario();
        break;
      case 'rerun':
        this.handlers.rerun();
        break;
      case 'compare':
        this.handlers.compare();
        break;
    }
  }

  private async post(): Promise<void> {
    const version = this.version;
    const message: ReportHostMessage = { type: 'show', reports: this.reports };
    let delivered: boolean;
    try {
      delivered = await this.panel.webview.postMessage(message);
    } catch {
      return; // disposed meanwhile
    }
    if (!delivered || this.disposed) return;
    this.deliveredVersion = Math.max(this.deliveredVersion, version);
    const due = this.waiters.filter((w) => w.version <= this.deliveredVersion);
    this.waiters = this.waiters.filter((w) => w.version > this.deliveredVersion);
    for (const w of due) w.resolve();
  }

  private async save(target: vscode.Uri | undefined, fileName: string, text: string, title: string): Promise<vscode.Uri | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const uri =
      target ??
      (await vscode.window.showSaveDialog({
        title,
        defaultUri: folder ? vscode.Uri.joinPath(folder, fileName) : undefined,
        filters: { JSON: ['json'] },
        saveLabel: 'Export',
      }));
    if (!uri) return undefined;
    try {
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    } catch (error) {
      void vscode.window.showErrorMessage(`sesscache: could not write ${uri.fsPath || uri.toString()}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
    void vscode.window.setStatusBarMessage(`sesscache: saved ${vscode.workspace.asRelativePath(uri)}`, 4000);
    return uri;
  }

  private html(): string {
    const webview = this.panel.webview;
    return reportHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(18).toString('base64'),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.distUri, 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.distUri, 'webview.css')).toString(),
    });
  }
}

/** A file name from a report title ("server.c:63 · ctx" → "server.c-63-ctx"). */
function fileStem(title: string | undefined): string {
  const stem = (title ?? '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return stem || 'sesscache-simulation';
}
