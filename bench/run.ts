import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatNumber } from './measure';
import { table, updateReadme } from './report';
import { BENCHMARKS } from './benchmarks';
import type { BenchResult } from './types';

/**
 * `npm run bench [-- --only ID[,ID...]] [--runs N] [--warmups N]`: runs the benchmarks, prints a
 * table of our medians against their references, and writes bench/results.json.
 * With --only, the other benchmarks' entries already in results.json are kept.
 */

interface Options {
  only: string[] | undefined;
  runs: number;
  warmups: number;
}

function usage(message: string): never {
  process.stderr.write(`bench: ${message}\nusage: npm run bench -- [--only ${BENCHMARKS.map((b) => b.id).join(',')}] [--runs N] [--warmups N]\n`);
  process.exit(2);
}

function parseOptions(args: string[]): Options {
  const options: Options = { only: undefined, runs: 7, warmups: 2 };
  for (let i = 0; i < args.length; i++) {
    const [name, inline] = args[i].split('=', 2);
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') usage(`${name} needs a value`);
      return v;
    };
    const count = (min: number): number => {
      const v = value();
      const n = Number(v);
      if (!Number.isInteger(n) || n < min) usage(`${name} takes a whole number >= ${min}, not "${v}"`);
      return n;
    };
    if (name === '--only') {
      options.only = value().split(',');
      for (const id of options.only) if (!BENCHMARKS.some((b) => b.id === id)) usage(`unknown benchmark "${id}"`);
    } else if (name === '--runs') options.runs = count(1);
    else if (name === '--warmups') options.warmups = count(0);
    else usage(`unknown option ${args[i]}`);
  }
  return options;
}


async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const root = path.resolve(__dirname, '..', '..');
  const tmp = path.join(root, 'bench', 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  const resultsFile = path.join(root, 'bench', 'results.json');
  const selected = BENCHMARKS.filter((b) => !options.only || options.only.includes(b.id));
  const results: BenchResult[] = [];
  for (const benchmark of selected) {
    console.log(`\n=== ${benchmark.id}: ${benchmark.description} ===`);
    const started = Date.now();
    const got = await benchmark.run({ root, tmp, runs: options.runs, warmups: options.warmups, log: (l) => console.log(`  ${l}`) });
    for (const r of got) console.log(`  ${r.title}: ${formatNumber(r.ours)} ${r.unit}${r.reference === undefined ? '' : ` vs ${formatNumber(r.reference)} ${r.unit}`} -> ${r.met ? 'met' : 'MISSED'} (${r.target})`);
    console.log(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    results.push(...got);
  }
  // Keep the entries of benchmarks not run this time.
  let previous: BenchResult[] = [];
  if (options.only && fs.existsSync(resultsFile)) {
    try {
      previous = (JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as { results: BenchResult[] }).results ?? [];
    } catch {
      previous = [];
    }
  }
  const ran = new Set(results.map((r) => r.name));
  const order = BENCHMARKS.map((b) => b.id);
  const all = [...previous.filter((r) => !ran.has(r.name)), ...results].sort(
    (a, b) => order.findIndex((id) => a.name.startsWith(id)) - order.findIndex((id) => b.name.startsWith(id)),
  );
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', memoryGB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.type()} ${os.release()}` };
  fs.writeFileSync(resultsFile, JSON.stringify({ date: new Date().toISOString(), machine, runs: options.runs, warmups: options.warmups, results: all }, null, 2) + '\n');
  const readme = path.join(root, 'README.md');
  if (updateReadme(readme, all, machine)) console.log('updated: the table in README.md (Performance)');
  console.log(`\n${table(all)}\n\nwritten: bench/results.json`);
  if (all.some((r) => !r.met)) console.log('some targets were missed (see "met")');
}

main().catch((e: unknown) => {
  console.error(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exit(1);
});
