import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { SimulationReport } from '../../server/src/languageservice/simulator/report';
import { WORKLOAD_PRESETS } from '../../server/src/languageservice/simulator/report';
import { SimulationReportPanel } from './report/reportPanel';

/** The server's `sesscache/simulate` request (server/src/languageserver/server.ts, docs/LSP.md). */
const SIMULATE_METHOD = 'sesscache/simulate';
interface SimulateParams {
  textDocument: { uri: string };
  position: { line: number; character: number };
  preset?: string;
  workload?: Record<string, unknown>;
  protocol?: 'TLSv1.2' | 'TLSv1.3';
  workDoneToken?: string;
  maxEvents?: number;
}

/** The server's error for a run above `maxEvents` (server.ts SIMULATION_TOO_LARGE), with `{ events, limit }` as data. */
const SIMULATION_TOO_LARGE = -32001;

export interface SimulateOptions {
  preset?: string;
  workload?: Record<string, unknown>;
  protocol?: 'TLSv1.2' | 'TLSv1.3';
  /** Do not ask anything (tests): the default preset, and runs above `sesscache.simulation.maxEvents` are refused. */
  quiet?: boolean;
  /** The user agreed to run above `sesscache.simulation.maxEvents` (asked once per run; Re-run keeps it). */
  confirmed?: boolean;
}

interface Run {
  uri: string;
  position: { line: number; character: number };
  options: SimulateOptions;
  report: SimulationReport;
}

/**
 * "Simulate session cache": runs the configuration under the cursor (or a code lens's) in the
 * language server, off the extension host's UI thread, with progress and cancellation, and shows
 * the report. The report's Re-run repeats it after an edit; Compare puts it beside the previous
 * configuration simulated.
 */
export class SimulationController {
  private runs: Run[] = [];
  private tokens = 0;
  private running: vscode.CancellationTokenSource | undefined;
  /** What the server said when the last cancelled run stopped ("… cancelled after N of M connections"). */
  lastCancellation: string | undefined;
  /** The server has begun the run in progress (its progress began). */
  private begun = false;

  /** Whether a run is in progress on the server (not only requested). */
  runningOnServer(): boolean {
    return this.running !== undefined && this.begun;
  }

  /** Stops the simulation in progress (the notification's Cancel button does the same). */
  cancel(): boolean {
    if (!this.running) return false;
    this.running.cancel();
    return true;
  }

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: () => LanguageClient | undefined,
  ) {}

  async simulate(uri?: string, position?: { line: number; character: number }, protocol?: string, options: SimulateOptions = {}): Promise<SimulationReport | undefined> {
    const editor = vscode.window.activeTextEditor;
    const target = uri ?? editor?.document.uri.toString();
    const at = position ?? (editor ? { line: editor.selection.active.line, character: editor.selection.active.character } : undefined);
    if (!target || !at) {
      void vscode.window.showErrorMessage('sesscache: open a C or C++ file with an SSL_CTX_set_session_cache_mode call to simulate it.');
      return undefined;
    }
    const settings = vscode.workspace.getConfiguration('sesscache.simulation');
    let preset = options.preset ?? settings.get<string>('preset', 'web');
    if (!options.preset && !options.quiet && !uri) {
      const picked = await vscode.window.showQuickPick(
        WORKLOAD_PRESETS.map((p) => ({ label: p.label, description: p.id === preset ? 'default' : '', detail: p.description, id: p.id })),
        { title: 'Simulate the session cache with which workload?' },
      );
      if (!picked) return undefined;
      preset = picked.id;
    }
    const run: Omit<Run, 'report'> = {
      uri: target,
      position: at,
      options: { ...options, preset, protocol: (protocol as SimulateOptions['protocol']) ?? options.protocol, workload: options.workload ?? settings.get('workload', {}) },
    };
    const report = await this.requestWithinLimit(run);
    if (!report) return undefined;
    this.runs = [...this.runs.filter((r) => r.report.title !== report.title).slice(-3), { ...run, report }];
    this.show([report]);
    return report;
  }

  private show(reports: SimulationReport[]): void {
    SimulationReportPanel.show(this.context, reports, {
      rerun: () => void this.rerun(),
      compare: () => void this.compare(),
    });
  }

  /** Runs the last configuration again (after an edit, its new values are used). */
  async rerun(): Promise<SimulationReport | undefined> {
    const last = this.runs[this.runs.length - 1];
    if (!last) return undefined;
    const report = await this.requestWithinLimit(last);
    if (report) {
      last.report = report;
      this.show([report]);
    }
    return report;
  }

  /** The last two configurations simulated, side by side. */
  async compare(): Promise<SimulationReport[] | undefined> {
    if (this.runs.length < 2) {
      void vscode.window.showInformationMessage('sesscache: simulate a second configuration first (a code lens or "Simulate session cache" on another call); Compare then shows both side by side.');
      return undefined;
    }
    const reports = this.runs.slice(-2).map((r) => r.report);
    this.show(reports);
    return reports;
  }

  /**
   * Runs above `sesscache.simulation.maxEvents` ask "Run anyway?" (a modal) first: the server counts
   * the events of the scenario it builds and refuses with SIMULATION_TOO_LARGE, and the request is
   * sent again without the limit if the user agrees.
   */
  private async requestWithinLimit(run: Omit<Run, 'report'>): Promise<SimulationReport | undefined> {
    const maxEvents = run.options.confirmed ? undefined : vscode.workspace.getConfiguration('sesscache.simulation').get<number>('maxEvents', 5_000_000);
    const outcome = await this.request(run, maxEvents);
    if (!('tooLarge' in outcome)) return outcome.report;
    const { events, limit } = outcome.tooLarge;
    const text = `This simulation runs ${events.toLocaleString('en')} connections, more than sesscache.simulation.maxEvents (${limit.toLocaleString('en')}). It may take a while; you can cancel it.`;
    if (run.options.quiet) {
      void vscode.window.showWarningMessage(`sesscache: ${text} Not run.`);
      return undefined;
    }
    const choice = await vscode.window.showWarningMessage(text, { modal: true }, 'Run anyway');
    if (choice !== 'Run anyway') return undefined;
    run.options.confirmed = true;
    const again = await this.request(run, undefined);
    return 'report' in again ? again.report : undefined;
  }

  private async request(run: Omit<Run, 'report'>, maxEvents: number | undefined): Promise<{ report?: SimulationReport } | { tooLarge: { events: number; limit: number } }> {
    const client = this.client();
    if (!client) return {};
    const workDoneToken = `sesscache-simulate-${++this.tokens}`;
    // Loaded by activation already; imported here so that loading this module does not load the client library.
    const { WorkDoneProgress } = await import('vscode-languageclient/node');
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Simulating the session cache', cancellable: true },
      async (progress, uiToken) => {
        const source = new vscode.CancellationTokenSource();
        this.running = source;
        this.begun = false;
        this.lastCancellation = undefined;
        uiToken.onCancellationRequested(() => source.cancel());
        const token = source.token;
        let last = 0;
        const listener = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
          if (value.kind === 'report' && value.percentage !== undefined) {
            progress.report({ message: value.message, increment: value.percentage - last });
            last = value.percentage;
          }
          if (value.kind === 'begin') this.begun = true;
          // A cancelled run ends saying how far it got.
          if (value.kind === 'end' && value.message) {
            this.lastCancellation = value.message;
            void vscode.window.setStatusBarMessage(`sesscache: ${value.message}`, 5000);
          }
        });
        try {
          const params: SimulateParams = {
            textDocument: { uri: run.uri },
            position: run.position,
            preset: run.options.preset,
            workload: run.options.workload,
            protocol: run.options.protocol,
            workDoneToken,
            maxEvents,
          };
          return { report: await client.sendRequest<SimulationReport>(SIMULATE_METHOD, params, token) };
        } catch (e) {
          if (token.isCancellationRequested) return {};
          const error = e as { code?: number; data?: { events: number; limit: number }; message: string };
          if (error.code === SIMULATION_TOO_LARGE && error.data) return { tooLarge: error.data };
          void vscode.window.showErrorMessage(`sesscache: ${error.message}`);
          return {};
        } finally {
          listener.dispose();
          if (this.running === source) this.running = undefined;
          source.dispose();
        }
      },
    );
  }
}
