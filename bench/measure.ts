import { spawnSync, SpawnSyncOptions } from 'node:child_process';

/**
 * Timing helpers for `npm run bench`. Compared things are always measured alternately in the
 * same run (A, B, A, B, ...) after a warm-up, so a machine that slows down or speeds up during
 * the run affects both sides alike; results are medians.
 */

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile (p in 0..100) of a non-empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Milliseconds since an arbitrary origin, with sub-microsecond resolution. */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Runs `f` once and returns its wall time in milliseconds. */
export function timeMs(f: () => void): number {
  const start = nowMs();
  f();
  return nowMs() - start;
}

export interface AlternateOptions {
  warmups: number;
  runs: number;
}

/**
 * Times each of `subjects` `runs` times, alternating between them, after `warmups` untimed rounds.
 * Returns the samples (ms) per subject, in the order given.
 */
export function alternate(subjects: readonly (() => void)[], options: AlternateOptions): number[][] {
  for (let i = 0; i < options.warmups; i++) for (const s of subjects) s();
  const samples = subjects.map(() => [] as number[]);
  for (let i = 0; i < options.runs; i++) {
    // Start every other round with a different subject, so neither always runs first.
    for (let k = 0; k < subjects.length; k++) {
      const j = (k + i) % subjects.length;
      samples[j].push(timeMs(subjects[j]));
    }
  }
  return samples;
}

/** A command to run as a child process; `ok` decides whether its exit status means success. */
export interface Command {
  file: string;
  args: string[];
  options?: SpawnSyncOptions;
  ok?: (status: number | null) => boolean;
}

/** Runs a command to completion (output captured, then dropped) and fails loudly when it fails. */
export function runCommand(command: Command): void {
  const r = spawnSync(command.file, command.args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30, ...command.options });
  const ok = command.ok ?? ((s) => s === 0);
  if (r.error || !ok(r.status)) {
    const why = r.error ? r.error.message : `exit ${r.status}: ${String(r.stderr).slice(0, 400)}`;
    throw new Error(`${command.file} ${command.args.join(' ')} failed (${why})`);
  }
}

/** Formats a number with 3 significant digits, without exponent notation for everyday sizes. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString('en-US');
  return Number(n.toPrecision(3)).toString();
}
