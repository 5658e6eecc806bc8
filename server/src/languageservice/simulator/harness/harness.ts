/**
 * The real-library harnesses: run a scenario of the scenario contract against the system libssl
 * 3.0 (Debian libssl-dev) or Debian's BoringSSL (android-libboringssl-dev) and return the
 * contract's result object. Test and benchmark infrastructure: it compiles C programs and runs
 * them, so it does I/O. The pure core must not import it.
 *
 * `openssl_harness.c` and `boringssl_harness.c` beside this file (sharing `harness_common.h`) are
 * built on demand into `<repo>/out/harness/`. The scenario is passed on stdin in a line format
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

/** gcc or the library's development files are missing: the harness cannot be built on this machine. */
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

/** The libraries a real harness exists for. */
export type HarnessLibrary = 'openssl-3.0' | 'boringssl';
export const HARNESS_LIBRARIES: readonly HarnessLibrary[] = ['openssl-3.0', 'boringssl'];

const HARNESS_DIR = path.join('server', 'src', 'languageservice', 'simulator', 'harness');
const COMMON_HEADER = 'harness_common.h';
const BORINGSSL_LIBDIR = '/usr/lib/x86_64-linux-gnu/android';

interface HarnessSpec {
  name: string;
  source: string;
  /** gcc arguments after the output and the source. */
  flags: string[];
  /** What gcc says when the library's development files are missing. */
  missing: RegExp;
  missingWhat: string;
  installHint: string;
}

const HARNESSES: Record<HarnessLibrary, HarnessSpec> = {
  'openssl-3.0': {
    name: 'openssl-harness',
    source: 'openssl_harness.c',
    // -rdynamic: the program's time() and gettimeofday() must win over glibc's for libssl.
    flags: ['-rdynamic', '-lssl', '-lcrypto'],
    missing: /openssl\/\w+\.h: No such file|cannot find -l(ssl|crypto)|needs the OpenSSL 3\.0 headers/,
    missingWhat: 'the OpenSSL 3.0 development files are missing (Debian package libssl-dev)',
    installHint: 'install the Debian packages gcc and libssl-dev (apt-get install gcc libssl-dev)',
  },
  boringssl: {
    name: 'boringssl-harness',
    source: 'boringssl_harness.c',
    flags: ['-I/usr/include/android', `-L${BORINGSSL_LIBDIR}`, `-Wl,-rpath,${BORINGSSL_LIBDIR}`, '-lssl', '-lcrypto'],
    missing: /openssl\/\w+\.h: No such file|cannot find -l(ssl|crypto)|needs the BoringSSL headers/,
    missingWhat: 'the BoringSSL development files are missing (Debian package android-libboringssl-dev)',
    installHint: 'install the Debian packages gcc and android-libboringssl-dev (apt-get install gcc android-libboringssl-dev)',
  },
};

/** The repository root: the nearest directory above this file that holds the harness sources. */
function repoRoot(): string {
  const marker = path.join(HARNESS_DIR, COMMON_HEADER);
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, marker))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new HarnessUnavailableError(`the harness source ${marker} was not found above ${__dirname}`);
    dir = parent;
  }
}

export interface HarnessPaths {
  source: string;
  /** Files the source includes from beside it: a change to them rebuilds the binary too. */
  headers: string[];
  binary: string;
}

export function harnessPaths(library: HarnessLibrary): HarnessPaths {
  const root = repoRoot();
  const spec = HARNESSES[library];
  return {
    source: path.join(root, HARNESS_DIR, spec.source),
    headers: [path.join(root, HARNESS_DIR, COMMON_HEADER)],
    binary: path.join(root, 'out', 'harness', spec.name),
  };
}

/**
 * Compiles a library's harness if the binary is missing or older than its C sources; returns the
 * binary's path. Throws HarnessUnavailableError (naming the Debian package) when gcc or the
 * library's headers or libraries are missing, HarnessError when the compiler fails otherwise.
 */
export function buildHarness(library: HarnessLibrary): string {
  const spec = HARNESSES[library];
  const { source, headers, binary } = harnessPaths(library);
  const newestSource = Math.max(...[source, ...headers].map((f) => fs.statSync(f).mtimeMs));
  if (fs.existsSync(binary) && fs.statSync(binary).mtimeMs >= newestSource) return binary;
  const probe = spawnSync('gcc', ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (probe.error || probe.status !== 0) {
    throw new HarnessUnavailableError(`gcc is not available (${probe.error?.message ?? `exit ${probe.status}`}); ${spec.installHint}`);
  }
  fs.mkdirSync(path.dirname(binary), { recursive: true });
  const tmp = `${binary}.${process.pid}.tmp`;
  const cc = spawnSync('gcc', ['-O2', '-std=c11', '-Wall', '-Wextra', '-o', tmp, source, ...spec.flags], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (cc.error || cc.status !== 0) {
    fs.rmSync(tmp, { force: true });
    const output = `${cc.stderr ?? ''}${cc.stdout ?? ''}`.trim() || cc.error?.message || `exit ${cc.status}`;
    if (spec.missing.test(output)) throw new HarnessUnavailableError(`${spec.missingWhat}; ${spec.installHint}\n${output}`);
    throw new HarnessError(`compiling ${source} failed:\n${output}`);
  }
  fs.renameSync(tmp, binary); // atomic: concurrent test processes never see a half-written binary
  return binary;
}

/** The library a harness runs against, e.g. "OpenSSL 3.0.22 25 Aug 2026 (built with ...)" or "BoringSSL (built with ...)". */
export function harnessVersion(library: HarnessLibrary): string {
  const r = spawnSync(buildHarness(library), ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (r.error || r.status !== 0) throw new HarnessError(`${HARNESSES[library].name} --version failed: ${r.error?.message ?? r.stderr}`);
  return r.stdout.trim();
}

/**
 * The harness's stdin for a scenario (see the header of harness_common.h): one directive per
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

function isHarnessLibrary(library: string): library is HarnessLibrary {
  return (HARNESS_LIBRARIES as readonly string[]).includes(library);
}

/** Runs a scenario against the real library its `library` names and returns the result with the harness's log. */
export function runHarness(scenario: Scenario, options: HarnessRunOptions = {}): HarnessRun {
  const library = scenario.library;
  if (!isHarnessLibrary(library)) {
    throw new HarnessError(
      `no real-library harness for "${library}": it is the simulator's own profile; only ${HARNESS_LIBRARIES.join(' and ')} are run against real libraries here`,
    );
  }
  const name = HARNESSES[library].name;
  // A hand-built Scenario object gets the same validation as a scenario file.
  const checked = parseScenario(JSON.stringify(scenario));
  const binary = buildHarness(library);
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
    throw new HarnessError(timedOut ? `${name} timed out after ${timeoutMs} ms` : `${name} could not run: ${r.error.message}`);
  }
  if (r.status !== 0) {
    throw new HarnessError(`${name} failed (${r.signal ? `signal ${r.signal}` : `exit ${r.status}`}):\n${r.stderr.trim()}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(r.stdout);
  } catch (e) {
    throw new HarnessError(`${name} printed something that is not JSON (${(e as Error).message}):\n${r.stdout.slice(0, 500)}`);
  }
  checkResultShape(parsed, checked, name);
  return { result: parsed as ScenarioResult, log: r.stderr, elapsedMs };
}

/** runHarness for scenarios that must be run against one library (the scenario says which). */
function runFor(library: HarnessLibrary, scenario: Scenario, options: HarnessRunOptions): HarnessRun {
  if (scenario.library !== library) {
    throw new HarnessError(`the ${HARNESSES[library].name} runs only "library": "${library}" scenarios, not "${scenario.library}"`);
  }
  return runHarness(scenario, options);
}

/** Runs an openssl-3.0 scenario against the real OpenSSL 3.0. */
export function runOpenSslHarness(scenario: Scenario, options: HarnessRunOptions = {}): HarnessRun {
  return runFor('openssl-3.0', scenario, options);
}

/** Runs a boringssl scenario against the real BoringSSL. */
export function runBoringSslHarness(scenario: Scenario, options: HarnessRunOptions = {}): HarnessRun {
  return runFor('boringssl', scenario, options);
}

/** The harness's output must be exactly the contract's object: field names, order and types. */
function checkResultShape(value: unknown, scenario: Scenario, name: string): void {
  const fail = (what: string): never => {
    throw new HarnessError(`${name} output breaks the contract: ${what}`);
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
