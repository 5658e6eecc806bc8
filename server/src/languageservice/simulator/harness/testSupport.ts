/**
 * What the tests of the real-library harnesses share: building a harness once (skipped locally,
 * a failure in CI when it cannot be built), running small contract scenarios with their timings,
 * and a one-line view of a trace.
 */
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { LIBRARY_NAMES } from '../../knowledge/libraries';
import { parseScenario } from '../scenario';
import type { Protocol, ScenarioCounters, ScenarioResult } from '../scenario';
import { HarnessUnavailableError, buildHarness, runHarness } from './harness';
import type { HarnessLibrary, HarnessRun } from './harness';

export type ServerJson = Record<string, unknown>;
export type EventJson = Record<string, unknown>;

export class HarnessTestRunner {
  readonly name: string;
  readonly timings: { name: string; ms: number; events: number }[] = [];
  private built = false;
  private unavailable: string | undefined;
  private buildError: Error | undefined;
  private buildMs = 0;

  constructor(readonly library: HarnessLibrary) {
    this.name = `${LIBRARY_NAMES[library]} harness`;
  }

  /** Skips (locally) or fails (in CI) when the harness cannot be built; true when the test may go on. */
  available(t: TestContext): boolean {
    if (!this.built) {
      this.built = true;
      const started = Date.now();
      try {
        buildHarness(this.library);
      } catch (e) {
        if (e instanceof HarnessUnavailableError) this.unavailable = e.message;
        else this.buildError = e as Error;
      }
      this.buildMs = Date.now() - started;
    }
    if (this.buildError) throw this.buildError;
    if (!this.unavailable) return true;
    if (process.env.CI) assert.fail(`the ${this.name} cannot be built, and CI must run it: ${this.unavailable}`);
    t.skip(`${this.name} unavailable: ${this.unavailable.split('\n')[0]}`);
    return false;
  }

  /** Runs a scenario given as contract JSON (for this runner's library) through the parser and the harness. */
  runFull(t: TestContext, protocol: Protocol, server: ServerJson, events: EventJson[], name = t.name): HarnessRun {
    const scenario = parseScenario(JSON.stringify({ version: 1, library: this.library, protocol, server, events }));
    const r = runHarness(scenario);
    this.timings.push({ name, ms: r.elapsedMs, events: events.length });
    t.diagnostic(`${name}: ${events.length} events, ${r.elapsedMs.toFixed(0)} ms`);
    return r;
  }

  run(t: TestContext, protocol: Protocol, server: ServerJson, events: EventJson[], name = t.name): ScenarioResult {
    return this.runFull(t, protocol, server, events, name).result;
  }

  /** The build check's and the scenarios' times, for the end of the file's run. */
  report(): void {
    if (this.timings.length === 0) return;
    const total = this.timings.reduce((s, x) => s + x.ms, 0);
    const lines = this.timings.map((x) => `  ${x.ms.toFixed(0).padStart(5)} ms  ${String(x.events).padStart(4)} events  ${x.name}`);
    console.log(`${this.name}: build check ${this.buildMs} ms; ${this.timings.length} scenarios in ${total.toFixed(0)} ms\n${lines.join('\n')}`);
  }
}

/**
 * The trace in one line: per connect "-" (nothing offered), "o" (offered, not resumed),
 * "R" (resumed) or "F" (failed), then `number`; per flush "f" then `number`.
 */
export function summary(r: ScenarioResult): string {
  return r.trace
    .map((e) => (e.kind === 'flush' ? `f${e.number}` : `${e.failed ? 'F' : e.resumed ? 'R' : e.offered ? 'o' : '-'}${e.number}`))
    .join(' ');
}

/** The named counters of a result equal these. */
export function counters(r: ScenarioResult, expected: Partial<ScenarioCounters>): void {
  const actual = Object.fromEntries(Object.keys(expected).map((k) => [k, r.counters[k as keyof ScenarioCounters]]));
  assert.deepEqual(actual, expected, `counters: ${JSON.stringify(r.counters)}`);
}

export const connects = (n: number, at: number, client = 'c', extra: EventJson = {}): EventJson[] =>
  Array.from({ length: n }, () => ({ at, connect: client, ...extra }));
