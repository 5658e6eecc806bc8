import type { ConnectionDetail, ConnectionPath, SessionCacheSimulator, StoredIn } from './model';
import { CONNECTION_PATHS, STORED_IN } from './model';

/** What a run amounts to, connection by connection: the CLI's summary and the report's headline figures. */
export interface ReportSummary {
  connections: number;
  offered: number;
  resumed: number;
  failed: number;
  flushes: number;
  paths: Record<ConnectionPath, number>;
  storedIn: Record<StoredIn, number>;
  evicted: number;
  autoFlushed: number;
  durationSeconds: number;
}

export function emptySummary(): ReportSummary {
  return {
    connections: 0,
    offered: 0,
    resumed: 0,
    failed: 0,
    flushes: 0,
    paths: Object.fromEntries(CONNECTION_PATHS.map((p) => [p, 0])) as Record<ConnectionPath, number>,
    storedIn: Object.fromEntries(STORED_IN.map((s) => [s, 0])) as Record<StoredIn, number>,
    evicted: 0,
    autoFlushed: 0,
    durationSeconds: 0,
  };
}

/** Adds one connection's outcome to a summary. */
export function countConnection(summary: ReportSummary, detail: ConnectionDetail): void {
  summary.connections++;
  if (detail.offered) summary.offered++;
  if (detail.resumed) summary.resumed++;
  if (detail.path === 'failure') summary.failed++;
  summary.paths[detail.path]++;
  summary.storedIn[detail.storedIn]++;
  summary.evicted += detail.evicted;
  summary.autoFlushed += detail.autoFlushed;
}

/**
 * Counts a run's connections from the simulator's `last*` fields, without a detail object per
 * connection; `summary()` gives the same ReportSummary countConnection would have built.
 */
export class SummaryCounter {
  private readonly paths = new Float64Array(CONNECTION_PATHS.length);
  private readonly stored = new Float64Array(STORED_IN.length);
  private offered = 0;
  private resumed = 0;
  private evicted = 0;
  private autoFlushed = 0;
  flushes = 0;

  countLast(sim: SessionCacheSimulator): void {
    if (sim.lastOffered) this.offered++;
    if (sim.lastResumed) this.resumed++;
    this.paths[sim.lastPath]++;
    this.stored[sim.lastStoredIn]++;
    this.evicted += sim.lastEvicted;
    this.autoFlushed += sim.lastAutoFlushed;
  }

  summary(durationSeconds: number): ReportSummary {
    const s = emptySummary();
    CONNECTION_PATHS.forEach((p, i) => (s.paths[p] = this.paths[i]));
    STORED_IN.forEach((p, i) => (s.storedIn[p] = this.stored[i]));
    s.connections = this.paths.reduce((a, b) => a + b, 0);
    s.offered = this.offered;
    s.resumed = this.resumed;
    s.failed = s.paths.failure;
    s.flushes = this.flushes;
    s.evicted = this.evicted;
    s.autoFlushed = this.autoFlushed;
    s.durationSeconds = durationSeconds;
    return s;
  }
}
