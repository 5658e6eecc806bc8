/**
 * The simulation report: what the extension hands the report webview, and the messages between
 * them. No `vscode` import here: the webview bundle (client/webview/report.ts) shares this file.
 */

import type { ConnectionPath, StoredIn } from '../../../server/src/languageservice/simulator/model';
import type { SimulationReport } from '../../../server/src/languageservice/simulator/report';

// The report's shape is defined by the core that produces it (the language server's
// `sesscache/simulate` request and the CLI build reports with the same code); re-exported here as
// types only, so that neither the extension nor the webview bundle pulls in simulator code.
//
//   ConnectionPath  'ticket' | 'internal-hit' | 'external-hit' | 'miss' | 'timeout' | 'failure' | 'new'
//   StoredIn        'internal' | 'external' | 'internal+external' | 'nowhere'
//   TimelineBucket  { start, end (virtual seconds), connections, resumed, number (sessions in the internal
//                   cache at the end of the bucket), evicted, flushed (removed by auto or explicit flushes) }
//   SimulationReport { title, library, protocol, preset, configuration: {label, value}[], capacity (0 =
//                   unlimited), summary, counters (the contract's, in order), timeline, scenario }
export type { ConnectionPath, StoredIn } from '../../../server/src/languageservice/simulator/model';
export type { ReportSummary, SimulationReport, TimelineBucket } from '../../../server/src/languageservice/simulator/report';

/** Messages from the webview to the extension. */
export type ReportWebviewMessage =
  | { type: 'ready' }
  | { type: 'exportJson' }
  | { type: 'exportScenario' }
  | { type: 'rerun' }
  | { type: 'compare' };

/** Messages from the extension to the webview: one report, or two side by side for a comparison. */
export type ReportHostMessage = { type: 'show'; reports: SimulationReport[] };

export const CONNECTION_PATHS: readonly ConnectionPath[] = ['ticket', 'internal-hit', 'external-hit', 'miss', 'timeout', 'failure', 'new'];

export const CONNECTION_PATH_LABELS: Readonly<Record<ConnectionPath, string>> = {
  ticket: 'Ticket',
  'internal-hit': 'Internal cache hit',
  'external-hit': 'External cache hit',
  miss: 'Miss',
  timeout: 'Timeout (expired)',
  failure: 'Failure',
  new: 'New session',
};

export const STORED_IN: readonly StoredIn[] = ['internal', 'external', 'internal+external', 'nowhere'];

export const STORED_IN_LABELS: Readonly<Record<StoredIn, string>> = {
  internal: 'Internal cache only',
  external: 'External cache only',
  'internal+external': 'Internal and external caches',
  nowhere: 'Nowhere',
};

/** The contract's counters (docs/spec/scenario-contract.md) and the call that reads each. */
export const COUNTER_SOURCES: Readonly<Record<string, string>> = {
  number: 'SSL_CTX_sess_number',
  accept: 'SSL_CTX_sess_accept',
  acceptGood: 'SSL_CTX_sess_accept_good',
  hits: 'SSL_CTX_sess_hits',
  misses: 'SSL_CTX_sess_misses',
  timeouts: 'SSL_CTX_sess_timeouts',
  cbHits: 'SSL_CTX_sess_cb_hits',
  cacheFull: 'SSL_CTX_sess_cache_full',
  newCalls: 'new_session_cb calls',
  getCalls: 'get_session_cb calls',
  removeCalls: 'remove_session_cb calls',
  externalSize: 'entries in the external cache',
};

/** Resumed connections as a percentage of all connections; undefined when there were none. */
export function resumedPercent(report: SimulationReport): number | undefined {
  const { connections, resumed } = report.summary;
  return connections > 0 ? (100 * resumed) / connections : undefined;
}
