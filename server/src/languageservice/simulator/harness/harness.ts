/**
 * The real-OpenSSL harness: runs a scenario of the scenario contract against the system
 * libssl 3.0 (Debian libssl-dev) and returns the contract's result object. Test and benchmark
 * infrastructure: it compiles a C program and runs it, so it does I/O. The pure core must not
 * import it.
 *
 * `openssl_harness.c` beside this file is built on demand into `<repo>/out/harness/openssl-harness`
 * (gcc -O2 -rdynamic ... -lssl -lcrypto). The scenario is passed on stdin in a line format
 * (formatHarnessInput), the result comes back as JSON on stdout.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  COUNTER_NAMES,
  CONNECT_ENTRY_FIELDS,
  FLUSH_ENTRY_FIELDS,
  isConnectEvent,
  parseScenario,
} from '../scenario';
import type { Scenario, ScenarioResult } from '../scenario';

/** gcc or the OpenSSL development files are missing: the harness cannot be built on this machine. */
export class HarnessUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HarnessUnavailableError';
  }
}

/** The harness was built but a run failed (bad scenario for the harness, crash, timeout, bad output). */
export class HarnessError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HarnessError';
  }
}

const SOURCE_IN_REPO = path.join('server', 'src', 'languageservice', 'simulator', 'harness', 'openssl_harness.c');
const INSTALL_HINT = 'install the Debian packages gcc and libssl-dev (apt-get install gcc libssl-dev)';

/** The repository root: the nearest directory above this file that holds the harness source. */
function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, SOURCE_IN_REPO))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new HarnessUnavailableError(`the harness source ${SOURCE_IN_REPO} was not found above ${__dirname}`);
    dir = parent;
  }
}

export interface HarnessPaths {
  source: string;
  binary: string;
}

export function openSslHarnessPaths(): HarnessPaths {
  const root = repoRoot();
  return { source: path.join(root, SOURCE_IN_REPO), binary: path.join(root, 'out', 'harness', 'openssl-harness') };
}

/**
 * Compiles the harness if the binary is missing or older than the C source; returns the binary's
 * path. Throws HarnessUnavailableError (naming the Debian package) when gcc or the OpenSSL headers
 * or libraries are missing, HarnessError when the compiler fails otherwise.
 */
export function buildOpenSslHarness(): string {
  const { source, binary } = openSslHarnessPaths();
  if (fs.existsSync(binary) && fs.statSync(binary).mtimeMs >= fs.statSync(source).mtimeMs) return binary;
  const probe = spawnSync('gcc', ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (probe.error || probe.status !== 0) {
    throw new HarnessUnavailableError(`gcc is not available (${probe.error?.message ?? `exit ${probe.status}`}); ${INSTALL_HINT}`);
  }
  fs.mkdirSync(path.dirname(binary), { recursive: true });
  const tmp = `${binary}.${process.pid}.tmp`;
  const cc = spawnSync(
    'gcc',
    ['-O2', '-std=c11', '-Wall', '-Wextra', '-rdynamic', '-o', tmp, source, '-lssl', '-lcrypto'],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (cc.error || cc.status !== 0) {
    fs.rmSync(tmp, { force: true });
    const output = `${cc.stderr ?? ''}${cc.stdout ?? ''}`.trim() || cc.error?.message || `exit ${cc.status}`;
    if (/openssl\/\w+\.h: No such file|cannot find -l(ssl|crypto)|needs the OpenSSL 3\.0 headers/.test(output)) {
      throw new HarnessUnavailableError(`the OpenSSL 3.0 development files are missing (Debian package libssl-dev); ${INSTALL_HINT}\n${output}`);
    }
    throw new HarnessError(`compiling ${source} failed:\n${output}`);
  }
  fs.renameSync(tmp, binary); // atomic: concurrent test processes never see a half-written binary
  return binary;
}

/** The OpenSSL the harness runs against, e.g. "OpenSSL 3.0.22 25 Aug 2026 (built with ...)". */
export function openSslHarnessVersion(): string {
  const r = spawnSync(buildOpenSslHarness(), ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (r.error || r.status !== 0) throw new HarnessError(`openssl-harness --version failed: ${r.error?.message ?? r.stderr}`);
  return r.stdout.trim();
}

/**
 * The harness's stdin for a scenario (see the header of openssl_harness.c): one directive per
 * line; only the server settings the scenario gives are sent (absent = the setter is not called);
 * client names are UTF-8 in hex, numbered in order of first appearance.
 */
export function formatHarnessInput(s: Scenario): string {
  const lines = ['sesscache-harness 1', `protocol ${s.protocol}`];
  const v = s.server ?? {};
  if (v.mode !== undefined) lines.push(`mode ${v.mode}`);
  if (v.cacheSize !== undefined) lines.push(`cacheSize ${v.cacheSize}`);
  if (v.timeout !== undefined) lines.push(`timeout ${v.timeout}`);
  if (v.sessionIdContext !== undefined) {
    lines.push(`sessionIdContext ${v.sessionIdContext === '' ? '-' : Buffer.from(v.sessionIdContext, 'utf8').toString('hex')}`);
  }
  if (v.verifyPeer !== undefined) lines.push(`verifyPeer ${v.verifyPeer ? 1 : 0}`);
  if (v.tickets !== undefined) lines.push(`tickets ${v.tickets ? 1 : 0}`);
  if (v.numTickets !== undefined) lines.push(`numTickets ${v.numTickets}`);
  if (v.callbacks !== undefined && v.callbacks.length > 0) lines.push(`callbacks ${v.callbacks.join(' ')}`);
  const clients = new Map<string, number>();
  for (const e of s.events) {
    if (isConnectEvent(e) && !clients.has(e.connect)) {
      lines.push(`client ${clients.size} ${Buffer.from(e.connect, 'utf8').toString('hex')}`);
      clients.set(e.connect, clients.size);
    }
  }
  for (const e of s.events) {
    if (isConnectEvent(e)) {
      lines.push(`connect ${e.at} ${clients.get(e.connect)} ${e.resume === false ? 0 : 1} ${e.abort === true ? 1 : 0}`);
    } else {
      lines.push(`flush ${e.at} ${e.flush}`);
    }
  }
  lines.push('end');
  return lines.join('\n') + '\n';
}

export interface HarnessRunOptions {
  /** Kill the harness after this long (default 120 s). */
  timeoutMs?: number;
  /** Ask the harness for a per-event log on stderr (SESSCACHE_HARNESS_VERBOSE=1). */
  verbose?: boolean;
}

export interface HarnessRun {
  result: ScenarioResult;
  /** The harness's diagnostics: failed handshakes (always), per-event lines (verbose). */
  log: string;
  elapsedMs: number;
}

/** Runs a scenario against the real library and returns the result with the harness's log. */
export function runOpenSslHarness(scenario: Scenario, options: HarnessRunOptions = {}): HarnessRun {
  if (scenario.library !== 'openssl-3.0') {
    throw new HarnessError(
      scenario.library === 'boringssl'
        ? 'no harness for library "boringssl" yet: only the openssl-3.0 harness exists (the BoringSSL harness comes later)'
        : `no real-library harness for "${scenario.library}": it is the simulator's own profile; only openssl-3.0 is run against a real library here`,
    );
  }
  // A hand-built Scenario object gets the same validation as a scenario file.
  const checked = parseScenario(JSON.stringify(scenario));
  const binary = buildOpenSslHarness();
  const timeoutMs = options.timeoutMs ?? 120_000;
  const started = process.hrtime.bigint();
  const r = spawnSync(binary, [], {
    input: formatHarnessInput(checked),
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 1 << 30,
    env: { ...process.env, SESSCACHE_HARNESS_VERBOSE: options.verbose ? '1' : '0' },
  });
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.error) {
    const timedOut = (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT';
    throw new HarnessError(timedOut ? `openssl-harness timed out after ${timeoutMs} ms` : `openssl-harness could not run: ${r.error.message}`);
  }
  if (r.status !== 0) {
    throw new HarnessError(`openssl-harness failed (${r.signal ? `signal ${r.signal}` : `exit ${r.status}`}):\n${r.stderr.trim()}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(r.stdout);
  } catch (e) {
    throw new HarnessError(`openssl-harness printed something that is not JSON (${(e as Error).message}):\n${r.stdout.slice(0, 500)}`);
  }
  checkResultShape(parsed, checked);
  return { result: parsed as ScenarioResult, log: r.stderr, elapsedMs };
}

/** Runs a scenario against the real OpenSSL 3.0 and returns the contract's result object. */
export function runOpenSslScenario(scenario: Scenario, options: HarnessRunOptions = {}): ScenarioResult {
  return runOpenSslHarness(scenario, options).result;
}

/** The harness's output must be exactly the contract's object: field names, order and types. */
function checkResultShape(value: unknown, scenario: Scenario): void {
  const fail = (what: string): never => {
    throw new HarnessError(`openssl-harness output breaks the contract: ${what}`);
  };
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isObject(value)) return fail('not an object');
  if (Object.keys(value).join() !== 'trace,counters') fail(`top-level fields ${Object.keys(value).join()}`);
  const trace = value.trace;
  if (!Array.isArray(trace) || trace.length !== scenario.events.length) return fail('trace length differs from the events');
  trace.forEach((entry: unknown, i) => {
    const event = scenario.events[i];
    const fields = isConnectEvent(event) ? CONNECT_ENTRY_FIELDS : FLUSH_ENTRY_FIELDS;
    if (!isObject(entry) || Object.keys(entry).join() !== fields.join()) return fail(`trace[${i}] fields`);
    if (entry.event !== i || entry.kind !== (isConnectEvent(event) ? 'connect' : 'flush')) fail(`trace[${i}] event/kind`);
    if (isConnectEvent(event) && entry.client !== event.connect) fail(`trace[${i}].client`);
    for (const key of ['offered', 'resumed', 'failed'] as const) {
      if (isConnectEvent(event) && typeof entry[key] !== 'boolean') fail(`trace[${i}].${key}`);
    }
    if (!Number.isInteger(entry.number)) fail(`trace[${i}].number`);
  });
  const counters = value.counters;
  if (!isObject(counters) || Object.keys(counters).join() !== COUNTER_NAMES.join()) return fail('counter names');
  for (const key of COUNTER_NAMES) if (!Number.isInteger(counters[key])) fail(`counters.${key}`);
}
