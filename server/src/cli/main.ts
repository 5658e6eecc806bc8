#!/usr/bin/env node
import { runCli } from './cli';

/** Entry point of dist/cli.js (bin `sesscache`). */
try {
  process.exitCode = runCli(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  });
} catch (e) {
  process.stderr.write(`sesscache: internal error: ${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 70;
}
