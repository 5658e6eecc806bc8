/**
 * One line of `bench/results.json` and of the printed table: our median against its reference.
 * `ratio` is ours ÷ reference for times and sizes, reference ÷ ours never: read `better` to know
 * which direction is good.
 */
export interface BenchResult {
  /** Stable id, e.g. "tree-lint". */
  name: string;
  /** What was measured, for the table. */
  title: string;
  /** Our median. */
  ours: number;
  /** What it is compared with, and that one's median (undefined when the reference is a fixed target). */
  referenceName: string;
  reference: number | undefined;
  /** ours / reference (undefined without a measured reference). */
  ratio: number | undefined;
  unit: string;
  /** The target, said as a sentence, and whether this run met it. */
  target: string;
  met: boolean;
  /** Anything else worth keeping: sample counts, sizes, percentiles. */
  details?: Record<string, number | string>;
}

export interface BenchContext {
  root: string;
  /** Timed runs per measurement (after warm-up). */
  runs: number;
  warmups: number;
  /** A scratch folder under bench/tmp/ (git-ignored), kept between runs for generated inputs. */
  tmp: string;
  log: (line: string) => void;
}

export interface Benchmark {
  id: string;
  /** One line saying what it measures. */
  description: string;
  run(context: BenchContext): Promise<BenchResult[]>;
}

/** A result from a measured pair. */
export function compared(
  fields: Omit<BenchResult, 'ratio' | 'met'> & { reference: number },
  meets: (ours: number, reference: number, ratio: number) => boolean,
): BenchResult {
  const ratio = fields.ours / fields.reference;
  return { ...fields, ratio, met: meets(fields.ours, fields.reference, ratio) };
}
