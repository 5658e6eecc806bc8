// Runs every test suite that can run on this machine, then prints one closing line:
// "tests: N passed, N failed" (plus skipped suites). Exit code 1 if anything failed.
// Expects `npm run build` and `npm run compile-tests` to have run (npm test does both).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = { passed: 0, failed: 0, skipped: [] };

function section(title) {
  console.log(`\n=== ${title} ===`);
}

// 1. Unit, LSP-over-stdio and CLI tests (node:test), next to the code they test (the extension's
//    own unit tests too: client/src/*.test.ts import nothing of vscode).
section('core, language server and CLI (node --test)');
mkdirSync(join(root, 'test-results'), { recursive: true });
const tapFile = join(root, 'test-results', 'node.tap');
const unit = spawnSync(
  process.execPath,
  ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tapFile}`, 'out/server/src', 'out/client/src', 'out/bench'],
  { cwd: root, stdio: 'inherit' },
);
const tap = existsSync(tapFile) ? readFileSync(tapFile, 'utf8') : '';
const count = (name) => Number((tap.match(new RegExp(`^# ${name} (\\d+)$`, 'm')) ?? [])[1] ?? 0);
results.passed += count('pass');
results.failed += count('fail') + count('cancelled');
if (unit.status !== 0 && count('fail') === 0) results.failed += 1; // the runner itself failed

// Suites that need system packages are skipped where they are missing, except in CI.
function missingTools(tools) {
  return tools.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
}
function skipOrFail(name, why) {
  if (process.env.CI) {
    console.log(`FAILED: ${name} cannot run in CI: ${why} (bash .ci/install-system-packages installs it)`);
    results.failed += 1;
  } else {
    console.log(`skipped: ${why} (sudo bash .ci/install-system-packages installs it)`);
    results.skipped.push(name);
  }
}

// 2. The VS Code integration suite inside a real VS Code: code-server in headless Chromium.
section('VS Code integration suite (code-server 4.100.3 = VS Code 1.100.3, headless Chromium)');
const codeServerMissing = missingTools(['chromium', 'rg']);
if (codeServerMissing.length > 0) {
  skipOrFail('code-server', `${codeServerMissing.join(', ')} not installed`);
} else {
  const { runInCodeServer, printOutcome } = await import('./vscode/run-in-code-server.mjs');
  const outcome = await runInCodeServer({
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out/client/test/suite/index.js'),
    workspace: join(root, 'examples'),
    resultsFile: join(root, 'test-results/vscode.json'),
    screenshotDir: join(root, 'test-results/screenshots'),
    timeoutMs: 300_000,
  });
  printOutcome(outcome);
  results.passed += outcome.passed ?? 0;
  results.failed += outcome.ok ? 0 : Math.max(1, outcome.failed ?? 0);
}

// 3. The same suite in a desktop VS Code, where one is available.
section('VS Code integration suite (@vscode/test-electron)');
if (process.env.VSCODE_EXECUTABLE || process.env.SESSCACHE_DOWNLOAD_VSCODE === '1') {
  const electron = spawnSync(process.execPath, ['out/client/test/runTest.js'], { cwd: root, stdio: 'inherit' });
  if (electron.status === 0) results.passed += 1;
  else results.failed += 1;
} else {
  console.log('skipped: no desktop VS Code (set VSCODE_EXECUTABLE=/path/to/code, or SESSCACHE_DOWNLOAD_VSCODE=1)');
  results.skipped.push('test-electron');
}

console.log(
  `\ntests: ${results.passed} passed, ${results.failed} failed` +
    (results.skipped.length ? `, ${results.skipped.length} skipped` : ''),
);
process.exit(results.failed > 0 ? 1 : 0);
