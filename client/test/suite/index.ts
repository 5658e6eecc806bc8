import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import type { SesscacheApi } from '../../src/extension';
import { EXTENSION_ID } from './examples';

interface TestResult {
  title: string;
  state: 'passed' | 'failed' | 'skipped';
  error?: string;
}

/**
 * The VS Code integration suite's entry point, called by the extension host of a real
 * VS Code (@vscode/test-electron) or code-server (scripts/vscode/run-in-code-server.mjs).
 * When SESSCACHE_TEST_RESULTS names a file, the results are written there as JSON
 * ({passed, failed, tests}) before run() settles, and run() resolves even on failures
 * (the file carries them); otherwise failures reject, which sets test-electron's exit code.
 */
/** The language client's state and last log lines, for a failure's message (CI logs are all there is of that run). */
function clientDiagnostics(): string {
  const api = vscode.extensions.getExtension<SesscacheApi>(EXTENSION_ID)?.exports;
  if (!api?.diagnostics) return '';
  const { state, log } = api.diagnostics();
  return `\n  language client: ${state}\n  its output channel, last lines:\n${log.split('\n').slice(-40).map((l) => '    | ' + l).join('\n')}`;
}

export async function run(): Promise<void> {
  // SESSCACHE_TEST_GREP runs only the tests whose full title matches (while debugging one).
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, grep: process.env.SESSCACHE_TEST_GREP || undefined });
  for (const file of fs.readdirSync(__dirname).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, file));
  }
  const tests: TestResult[] = [];
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    runner.on('pass', (test) => tests.push({ title: test.fullTitle(), state: 'passed' }));
    runner.on('fail', (test, err: Error) => tests.push({ title: test.fullTitle(), state: 'failed', error: (err.stack ?? err.message) + clientDiagnostics() }));
    runner.on('pending', (test) => tests.push({ title: test.fullTitle(), state: 'skipped' }));
  });
  const resultsFile = process.env.SESSCACHE_TEST_RESULTS;
  if (resultsFile) {
    const passed = tests.filter((t) => t.state === 'passed').length;
    fs.writeFileSync(resultsFile + '.tmp', JSON.stringify({ passed, failed: failures, tests }, null, 2));
    fs.renameSync(resultsFile + '.tmp', resultsFile);
    return;
  }
  if (failures > 0) throw new Error(`${failures} test(s) failed`);
}
