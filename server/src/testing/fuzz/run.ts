/**
 * Runs fuzz targets with fast-check: a fixed seed and number of cases in the test suites, more
 * (and a time budget per case) in scripts/fuzz.mjs. Failures come back shrunk, with the seed and
 * path that replay them.
 */
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FuzzTarget } from './targets';

export interface FuzzRun {
  seed: number;
  runs: number;
  /** Report the first failure as found, without shrinking it (bounded time in CI; the script shrinks). */
  endOnFailure?: boolean;
  /** Called after each case with its input and how long the check took (the script's time budget). */
  onCase?: (text: string, ms: number) => void;
}

/** Runs `runs` cases of a target; throws fast-check's report on the first failure. Returns how many ran. */
export function runFuzzTarget(target: FuzzTarget, run: FuzzRun): number {
  let cases = 0;
  const property = fc.property(target.inputs(), (text) => {
    cases++;
    const started = run.onCase ? performance.now() : 0;
    target.check(text);
    run.onCase?.(text, performance.now() - started);
  });
  fc.assert(property, { seed: run.seed, numRuns: run.runs, endOnFailure: run.endOnFailure ?? false });
  return cases;
}

/** Checks every pathological shape of a target at size n (nesting levels, repetitions). Returns how many ran. */
export function runShapes(target: FuzzTarget, n: number): number {
  for (const shape of target.shapes) {
    const text = shape.make(n);
    try {
      target.check(text);
    } catch (e) {
      throw new Error(`${target.name}: ${shape.name} (n = ${n}, ${text.length} characters): ${(e as Error).message}`, { cause: e });
    }
  }
  return target.shapes.length;
}

/**
 * The CI suite of a target: `runs` hostile inputs from a fixed seed, then every pathological shape
 * at size `shapeSize` (nesting levels, repetitions). Prints how many cases ran.
 */
export function describeFuzz(target: FuzzTarget, options: { seed: number; runs: number; shapeSize: number }): void {
  describe(`fuzz ${target.name}`, () => {
    it(`${options.runs} hostile inputs (seed ${options.seed}): nothing throws, every position is inside the document`, (t) => {
      const cases = runFuzzTarget(target, { seed: options.seed, runs: options.runs, endOnFailure: true });
      assert.equal(cases, options.runs);
      t.diagnostic(`fuzz ${target.name}: ${cases} cases`);
    });
    it(`${target.shapes.length} pathological shapes at n = ${options.shapeSize}`, (t) => {
      const cases = runShapes(target, options.shapeSize);
      t.diagnostic(`fuzz ${target.name}: ${cases} shapes`);
    });
  });
}
