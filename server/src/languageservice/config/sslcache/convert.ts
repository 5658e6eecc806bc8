/**
 * Between `.sslcache` files and the simulator's scenario contract (docs/spec/scenario-contract.md):
 * a file with a workload becomes a scenario with `workload`; a scenario with `workload` becomes a
 * file. Event lists have no `.sslcache` form.
 */
import { lineNumberOf } from '../../util/lines';
import { DEFAULT_LIBRARY } from '../../knowledge/libraries';
import type { LibraryId } from '../../knowledge/libraries';
import { decodeMode } from '../../mode/decode';
import { findPreset } from '../../simulator/report';
import type { WorkloadPreset } from '../../simulator/report';
import { ScenarioError, parseScenario } from '../../simulator/scenario';
import type { Protocol } from '../../simulator/scenario';
import { WORKLOAD_FIELDS } from '../../simulator/workload';
import { closestName } from '../../util/closest';
import { WORKLOAD_FIELD_TO_CONTRACT } from './directives';
import { formatDuration, parseSslcache, quoteString } from './parse';
import type { SslcacheDocument, SslcacheWorkload } from './parse';

/** A file or scenario that cannot be converted; the message says why. */
export class SslcacheConversionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SslcacheConversionError';
  }
}

/** The protocol a simulation pins: the last one listed, else the library's highest. */
export function simulatedProtocol(doc: SslcacheDocument, library: LibraryId): Protocol {
  const listed = doc.server.protocols;
  if (listed && listed.length) return listed[listed.length - 1];
  return library === 'openssl-1.0.2' ? 'TLSv1.2' : 'TLSv1.3';
}

/** The preset a workload starts from. */
export const DEFAULT_PRESET = 'web';

/**
 * The contract's `workload` object for a workload of the file: the preset's values, then the
 * fields written (a written `duration` replaces the preset's connection count). Keys in the
 * contract's order. Invalid fields are left out.
 */
export function workloadObject(workload: SslcacheWorkload | undefined): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  const preset: WorkloadPreset | undefined = workload ? workload.preset : findPreset(DEFAULT_PRESET);
  if (preset) Object.assign(merged, preset.workload);
  if (workload) {
    for (const [name, d] of workload.values) {
      const field = WORKLOAD_FIELD_TO_CONTRACT[name];
      if (!field || !d.value) continue;
      const v = d.value;
      merged[field] = v.kind === 'number' ? v.value : v.kind === 'flush' ? v.flush : undefined;
    }
    if (workload.values.has('duration')) delete merged.connections;
  }
  const out: Record<string, unknown> = {};
  for (const key of WORKLOAD_FIELDS) if (merged[key] !== undefined) out[key] = merged[key];
  return out;
}

/** The contract's `server` object: only what the file sets (an absent directive is a setter not called). */
export function serverObject(doc: SslcacheDocument): Record<string, unknown> {
  const s = doc.server;
  const out: Record<string, unknown> = {};
  const mode = doc.serverDirectives.get('mode')?.mode;
  if (s.mode !== undefined && mode) out.mode = mode.tokens.map((t) => t.text).join(' | ');
  if (s.cacheSize !== undefined) out.cacheSize = s.cacheSize;
  if (s.timeout !== undefined) out.timeout = s.timeout;
  if (s.sessionIdContext !== undefined) out.sessionIdContext = s.sessionIdContext;
  if (s.verifyPeer !== undefined) out.verifyPeer = s.verifyPeer;
  if (s.tickets !== undefined) out.tickets = s.tickets;
  if (s.numTickets !== undefined) out.numTickets = s.numTickets;
  if (s.callbacks !== undefined) out.callbacks = [...s.callbacks];
  return out;
}

export interface ToScenarioOptions {
  /** The library when the file does not say (the editor's `sesscache.library`); default openssl-3.0. */
  library?: LibraryId;
}

/**
 * The scenario (contract JSON, version 1, with a `workload`) for one workload of the file: the one
 * named, else the first, else the preset `web`. Throws SslcacheConversionError when the file has
 * errors or has no workload of that name.
 */
export function sslcacheToScenario(doc: SslcacheDocument | string, workloadName?: string, options: ToScenarioOptions = {}): Record<string, unknown> {
  if (typeof doc === 'string') doc = parseSslcache(doc);
  const errors = doc.findings.filter((f) => f.severity === 'error');
  if (errors.length) {
    const first = errors[0];
    const line = lineNumberOf(doc.text, first.start);
    throw new SslcacheConversionError(`the file has ${errors.length} error${errors.length === 1 ? '' : 's'}; line ${line}: ${first.message}`);
  }
  let workload: SslcacheWorkload | undefined;
  if (workloadName !== undefined) {
    workload = doc.workloads.find((w) => w.name === workloadName);
    if (!workload) {
      const names = doc.workloads.map((w) => w.name);
      const suggestion = closestName(workloadName, names);
      throw new SslcacheConversionError(
        `no workload named "${workloadName}"` +
          (suggestion ? `; did you mean "${suggestion}"?` : names.length ? `; the file has ${names.map((n) => `"${n}"`).join(', ')}` : '; the file has no workload'),
      );
    }
  } else {
    workload = doc.workloads[0];
  }
  const library = doc.server.library ?? options.library ?? DEFAULT_LIBRARY;
  return {
    version: 1,
    library,
    protocol: simulatedProtocol(doc, library),
    server: serverObject(doc),
    workload: workloadObject(workload),
  };
}


// ---------------------------------------------------------------------------------------------
// Scenario → .sslcache

export interface FromScenarioOptions {
  /** The workload's name in the file; default `main`. */
  workloadName?: string;
  /** A first comment line (without `#`); default says where the file came from. */
  title?: string;
}

/**
 * A `.sslcache` file for a contract scenario (its JSON text, or the parsed JSON value) that has a
 * `workload`. Throws SslcacheConversionError for an invalid scenario, or one with `events`: a
 * list of events has no `.sslcache` form.
 */
export function scenarioToSslcache(scenario: unknown, options: FromScenarioOptions = {}): string {
  let text: string;
  if (typeof scenario === 'string') text = scenario;
  else {
    try {
      text = JSON.stringify(scenario) ?? '';
    } catch (e) {
      throw new SslcacheConversionError(`not a scenario: ${(e as Error).message}`);
    }
  }
  try {
    parseScenario(text);
  } catch (e) {
    if (e instanceof ScenarioError) throw new SslcacheConversionError(`not a valid scenario: ${e.message}`);
    throw e;
  }
  const raw = JSON.parse(text) as Record<string, unknown>;
  if (raw.workload === undefined) {
    throw new SslcacheConversionError(
      'the scenario lists "events"; a .sslcache file describes workloads (seeded generators of connections), not event lists, ' +
        'so it cannot be converted. Simulate the JSON itself, or replace "events" by a "workload".',
    );
  }
  const name = options.workloadName ?? 'main';
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new SslcacheConversionError(`workload name "${name}": use letters, digits, "-", "_" and "."`);
  const lines: string[] = [];
  lines.push(`# ${(options.title ?? 'Converted from a simulator scenario (contract version 1)').replace(/[\r\n]+/g, ' ')}`);
  lines.push(`library ${typeof raw.library === 'string' ? raw.library : DEFAULT_LIBRARY}`);
  lines.push(`protocol ${raw.protocol as string}`);
  const server = (raw.server ?? {}) as Record<string, unknown>;
  if (server.mode !== undefined) {
    const mode = typeof server.mode === 'number' ? decodeMode(server.mode).shortExpression : (server.mode as string).split('|').map((t) => t.trim()).join(' | ');
    lines.push(`mode ${mode}`);
  }
  if (server.cacheSize !== undefined) lines.push(`cache-size ${wholeText(server.cacheSize)}`);
  if (server.timeout !== undefined) lines.push(`timeout ${formatDuration(server.timeout as number)}`);
  if (server.sessionIdContext !== undefined) lines.push(`session-id-context ${quoteString(server.sessionIdContext as string)}`);
  if (server.verifyPeer !== undefined) lines.push(`verify-peer ${server.verifyPeer ? 'yes' : 'no'}`);
  if (server.tickets !== undefined) lines.push(`tickets ${server.tickets ? 'yes' : 'no'}`);
  if (server.numTickets !== undefined) lines.push(`num-tickets ${wholeText(server.numTickets)}`);
  if (server.callbacks !== undefined) {
    const names = ['new', 'get', 'remove'].filter((c) => (server.callbacks as string[]).includes(c));
    lines.push(`callbacks ${names.length ? names.join(' ') : 'none'}`);
  }
  lines.push('');
  lines.push(`workload ${name}`);
  const w = raw.workload as Record<string, unknown>;
  const field = (key: string, value: string): void => {
    lines.push(`  ${key} ${value}`);
  };
  if (w.clients !== undefined) field('clients', wholeText(w.clients));
  if (w.connections !== undefined) field('connections', wholeText(w.connections));
  if (w.duration !== undefined) field('duration', formatDuration(w.duration as number));
  if (w.rate !== undefined) field('rate', realText(w.rate as number));
  if (w.resumeProbability !== undefined) field('resume', realText(w.resumeProbability as number));
  if (w.abortProbability !== undefined) field('abort', realText(w.abortProbability as number));
  if (w.flushInterval !== undefined) field('flush-interval', formatDuration(w.flushInterval as number));
  if (w.flush !== undefined) field('flush', w.flush as string);
  if (w.start !== undefined) field('start', formatDuration(w.start as number));
  if (w.seed !== undefined) field('seed', wholeText(w.seed));
  const out = lines.join('\n') + '\n';
  // What the contract accepts but a .sslcache file rejects (TLS 1.3 on OpenSSL 1.0.2, a BoringSSL timeout over 32 bits).
  const problem = parseSslcache(out).findings[0];
  if (problem) throw new SslcacheConversionError(`the scenario cannot be written as .sslcache: ${problem.message}`);
  return out;
}

function wholeText(v: unknown): string {
  return String(v as number);
}

/** A number as the shortest text that reads back the same (`0.9`, `1e-7`). */
function realText(v: number): string {
  return String(v);
}
