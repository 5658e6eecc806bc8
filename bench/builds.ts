import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCommand } from './measure';
import type { BenchContext } from './types';

/** What the packaged extension holds besides dist/ (see .vscodeignore). */
const EXTENSION_FILES = ['package.json', 'syntaxes', 'snippets', 'docs/rules.md'];

let built: string | undefined;

/**
 * What users run: the extension, server and CLI built with --production (minified, no source
 * maps), with the files the package holds, in bench/tmp/extension-production (dist/ stays the
 * tests' development build). Built once per bench run.
 */
export function productionBuild(context: BenchContext): string {
  if (built) return built;
  const folder = path.join(context.tmp, 'extension-production');
  fs.rmSync(folder, { recursive: true, force: true });
  for (const file of EXTENSION_FILES) fs.cpSync(path.join(context.root, file), path.join(folder, file), { recursive: true });
  runCommand({ file: process.execPath, args: ['esbuild.mjs', '--production', `--outdir=${path.join(folder, 'dist')}`], options: { cwd: context.root } });
  built = folder;
  return folder;
}
