import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { ensureTree } from '../corpus';
import { Command, alternate, median, runCommand } from '../measure';
import { productionBuild } from '../builds';
import { Benchmark, compared } from '../types';

/** The tree: 100 MB of generated C and C++, the same bytes on every machine. */
const TREE_BYTES = 100 * 1024 * 1024;
const TREE_SEED = 20240601;

/** Debian's ripgrep, installed when missing (as root, or with sudo that needs no password). */
function ensureRipgrep(log: (line: string) => void): string {
  const found = spawnSync('rg', ['--version'], { encoding: 'utf8' });
  if (found.status === 0) return found.stdout.split('\n')[0];
  log('rg is missing: installing ripgrep with apt-get');
  const root = process.getuid?.() === 0;
  const apt = (args: string[]) =>
    root ? spawnSync('apt-get', args, { stdio: 'inherit' }) : spawnSync('sudo', ['-n', 'apt-get', ...args], { stdio: 'inherit' });
  const installed = apt(['install', '-y', 'ripgrep']).status === 0 || (apt(['update']).status === 0 && apt(['install', '-y', 'ripgrep']).status === 0);
  const again = spawnSync('rg', ['--version'], { encoding: 'utf8' });
  if (!installed || again.status !== 0) {
    throw new Error('tree-lint needs ripgrep (rg) and could not install it: run "apt-get install -y ripgrep" as root, or give this user password-less sudo');
  }
  return again.stdout.split('\n')[0];
}

export const treeLintBenchmark: Benchmark = {
  id: 'tree-lint',
  description: '`sesscache lint --format json` over 100 MB of generated C/C++ against `rg -c SSL_SESS_CACHE_` over the same tree',
  async run(context) {
    const { tmp, runs, warmups, log } = context;
    const rg = ensureRipgrep(log);
    // The CLI as shipped: its start-up is part of every run.
    const cli = path.join(productionBuild(context), 'dist', 'cli.js');
    const dir = path.join(tmp, 'tree-100mb');
    const tree = ensureTree(dir, TREE_BYTES, TREE_SEED);
    log(`${tree.reused ? 'reusing' : 'generated'} ${dir}: ${tree.files} files, ${(tree.bytes / 2 ** 20).toFixed(1)} MB`);

    // Exit 1 is a normal outcome for both: error findings (ours), no match at all (rg).
    const ours: Command = { file: process.execPath, args: [cli, 'lint', '--format', 'json', dir], ok: (s) => s === 0 || s === 1 };
    const reference: Command = { file: 'rg', args: ['-c', 'SSL_SESS_CACHE_', dir], ok: (s) => s === 0 || s === 1 };

    // Both must really read the tree: rg would skip it silently if an ignore file covered it.
    const rgFiles = spawnSync('rg', reference.args, { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout.split('\n').filter(Boolean).length;
    const report = spawnSync(ours.file, ours.args, { encoding: 'utf8', maxBuffer: 1 << 28 });
    const findings = (JSON.parse(report.stdout) as unknown[]).length;
    log(`${rg}: ${rgFiles} files mention SSL_SESS_CACHE_; sesscache: ${findings} findings`);
    if (rgFiles === 0 || findings === 0) throw new Error('tree-lint: one of the commands found nothing in the tree; the comparison would be meaningless');

    const [oursMs, referenceMs] = alternate([() => runCommand(ours), () => runCommand(reference)], { warmups, runs });
    return [
      compared(
        {
          name: 'tree-lint',
          title: 'lint a 100 MB C/C++ tree (wall time)',
          ours: median(oursMs),
          referenceName: 'rg -c SSL_SESS_CACHE_',
          reference: median(referenceMs),
          unit: 'ms',
          target: 'at most 3x the time of rg',
          details: { files: tree.files, bytes: tree.bytes, findings, rgFilesWithMatches: rgFiles, runs: oursMs.length, oursMin: Math.min(...oursMs), referenceMin: Math.min(...referenceMs) },
        },
        (_o, _r, ratio) => ratio <= 3,
      ),
    ];
  },
};
