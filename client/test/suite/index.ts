import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/**
 * The VS Code integration suite's entry point, called by the extension host of a real
 * VS Code (@vscode/test-electron) or code-server (scripts/vscode/run-in-code-server.mjs).
 * When SESSCACHE_TEST_RESULTS names a file, the results are written there as JSON
 * ({passed, failed, tests: [{title, state, error}]}) for hosts that cannot see the exit code.
 */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000 });
  for (const file of fs.readdirSync(__dirname)) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, file));
  }
  const tests: { title: string; state: string; error?: string }[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const resultsFile = process.env.SESSCACHE_TEST_RESULTS;
      if (resultsFile) {
        const passed = tests.filter((t) => t.state === 'passed').length;
        fs.writeFileSync(resultsFile + '.tmp', JSON.stringify({ passed, failed: failures, tests }, null, 2));
        fs.renameSync(resultsFile + '.tmp', resultsFile);
      }
      if (failures > 0) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
    runner.on('pass', (test) => tests.push({ title: test.fullTitle(), state: 'passed' }));
    runner.on('fail', (test, err: Error) => tests.push({ title: test.fullTitle(), state: 'failed', error: err.stack ?? err.message }));
  });
}
