/**
 * Runs fuzz targets with fast-check: a fixed seed and number of cases in the test suites, more
 * (and a time budget per case) in scripts/fuzz.mjs. Failures come back shrunk, with the seed and
 * path that replay them.
 */
import fc from 'fast-check';
import type { FuzzTarget } from './targets';

export interface FuzzRun {
  seed: number;
  runs: number;
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
  fc.assert(property, { seed: run.seed, numRuns: run.runs, endOnFailure: false });
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
