import * as fs from 'node:fs';
import { formatNumber } from './measure';
import type { BenchResult } from './types';

/** The results as a Markdown table: what `npm run bench` prints and puts into the README. */
export function table(results: readonly BenchResult[]): string {
  const rows = [['benchmark', 'ours', 'reference', 'ratio', 'target', 'met']];
  for (const r of results) {
    rows.push([
      r.title,
      `${formatNumber(r.ours)} ${r.unit}`,
      r.reference === undefined ? r.referenceName : `${formatNumber(r.reference)} ${r.unit} (${r.referenceName})`,
      r.ratio === undefined ? '' : formatNumber(r.ratio),
      r.target,
      r.met ? 'yes' : 'NO',
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const line = (row: string[]): string => `| ${row.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

const README_START = '<!-- bench:start (written by npm run bench) -->';
const README_END = '<!-- bench:end -->';

/** Puts the table between the README's bench markers; false when the README has none. */
export function updateReadme(file: string, results: readonly BenchResult[], machine: { cpus: number; cpu: string; node: string }): boolean {
  const text = fs.readFileSync(file, 'utf8');
  const start = text.indexOf(README_START);
  const end = text.indexOf(README_END);
  if (start < 0 || end < start) return false;
  const when = new Date().toISOString().slice(0, 10);
  const body = `\n${table(results)}\n\nMeasured ${when} on ${machine.cpus} × ${machine.cpu}, Node ${machine.node}.\n`;
  fs.writeFileSync(file, text.slice(0, start + README_START.length) + body + text.slice(end));
  return true;
}

