#!/usr/bin/env node
// Runs an extension's test module inside a real VS Code (code-server) remote
// extension host, driven by Debian's Chromium through playwright-core.
//
// CLI:
//   node scripts/vscode/run-in-code-server.mjs \
//     --extensionDevelopmentPath <dir> --extensionTestsPath <file.js> \
//     [--workspace <dir>] [--results <file.json>] [--timeout <seconds>] \
//     [--screenshots <dir>] [--env NAME=VALUE]... [--setting key=<json>]... \
//     [--chromium /usr/bin/chromium] [--keep-temp] [--verbose]
//
// API:
//   import { runInCodeServer } from './run-in-code-server.mjs';
//   const r = await runInCodeServer({ extensionDevelopmentPath, extensionTestsPath, ... });
//   // r = { ok, passed, failed, tests, results, reason, seconds, screenshots }
//
// Protocol with the test module (runs in the extension host, real `vscode` API):
//   process.env.SESSCACHE_TEST_RESULTS      absolute path where run() must write the results JSON
//                                           {passed, failed, tests:[{title, state, error}]}
//                                           (write to a temp file + rename, so it appears atomically)
//   process.env.SESSCACHE_TEST_SCREENSHOTS  "1" when the runner takes screenshots, else "0"
//   screenshot request: write file `${SESSCACHE_TEST_RESULTS}.shot-<name>` (name: [A-Za-z0-9._-]),
//   then wait for `${SESSCACHE_TEST_RESULTS}.shot-<name>.done` (JSON {path} | {skipped:true} | {error}).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { installCodeServer, DEFAULT_DIR } from './install-code-server.mjs';

export const RESULTS_ENV = 'SESSCACHE_TEST_RESULTS';
export const SCREENSHOTS_ENV = 'SESSCACHE_TEST_SCREENSHOTS';
export const SHOT_SUFFIX = '.shot-';
export const SHOT_DONE_SUFFIX = '.done';

export const DEFAULT_CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// User settings written into the fresh user-data-dir: no welcome page, no
// trust prompt, no telemetry/update/extension-gallery chatter.
export const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
};

export class RunError extends Error {
  name = 'RunError';
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** SIGTERM the child's whole process group (code-server, extension host, language servers...), then SIGKILL. */
async function killGroup(child, log) {
  if (!child || !child.pid) return;
  const pgid = child.pid;
  if (!groupAlive(pgid)) return;
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {}
  const end = Date.now() + 4000;
  while (Date.now() < end && groupAlive(pgid)) await sleep(100);
  if (groupAlive(pgid)) {
    log?.(`process group ${pgid} still alive 4s after SIGTERM; sending SIGKILL`);
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {}
    const end2 = Date.now() + 2000;
    while (Date.now() < end2 && groupAlive(pgid)) await sleep(100);
  }
}

async function waitForHttp(url, deadline, child, logFile) {
  let lastErr;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new RunError(
        `code-server exited early (${child.exitCode ?? child.signalCode}).\n--- ${logFile} ---\n${tail(logFile)}`,
      );
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      lastErr = new Error(`HTTP ${res.status}`);
    } catch (e) {
      lastErr = e;
    }
    await sleep(200);
  }
  throw new RunError(`code-server did not answer ${url} in time (${lastErr?.message}).\n--- ${logFile} ---\n${tail(logFile)}`);
}

function normaliseResults(raw) {
  if (!raw || typeof raw !== 'object') throw new Error('results is not a JSON object');
  const tests = Array.isArray(raw.tests) ? raw.tests : [];
  const norm = tests.map((t) => ({
    title: String(t?.title ?? '(untitled)'),
    state: String(t?.state ?? 'unknown'),
    error: t?.error == null ? undefined : String(t.error),
  }));
  const passed = typeof raw.passed === 'number' ? raw.passed : norm.filter((t) => t.state === 'passed').length;
  const failed = typeof raw.failed === 'number' ? raw.failed : norm.filter((t) => t.state === 'failed').length;
  return { ...raw, passed, failed, tests: norm };
}

/**
 * @param {object} o
 * @param {string} o.extensionDevelopmentPath  folder with the extension's package.json
 * @param {string} o.extensionTestsPath        JS module exporting run(): Promise<void>
 * @param {string} [o.workspace]               folder to open (default: a fresh empty temp folder)
 * @param {string} [o.resultsFile]             where the test writes results (default: in the temp dir)
 * @param {number} [o.timeoutMs]               overall limit, default 180000
 * @param {string} [o.screenshotDir]           enables screenshots on request (+ one on failure/timeout)
 * @param {Record<string,string>} [o.env]      extra env for code-server and so for the extension host
 * @param {Record<string,unknown>} [o.settings] extra user settings (merged over DEFAULT_SETTINGS)
 * @param {string} [o.chromium]                default /usr/bin/chromium (or $CHROMIUM_PATH)
 * @param {string} [o.codeServerDir]           install cache, default <repo>/.vscode-test/code-server
 * @param {boolean} [o.keepTemp]               keep the temp dir (logs, user data) for debugging
 * @param {boolean} [o.verbose]                echo code-server + browser console output
 * @param {boolean} [o.quiet]                  no progress output (results are still returned)
 * @param {{width:number,height:number}} [o.viewport] default 1280x800
 */
export async function runInCodeServer(o) {
  const t0 = Date.now();
  const quiet = !!o.quiet;
  const log = o.log || ((m) => !quiet && console.log(`[run-in-code-server] ${m}`));
  const need = (k) => {
    if (!o[k]) throw new RunError(`option ${k} is required`);
    return path.resolve(o[k]);
  };
  const extDev = need('extensionDevelopmentPath');
  const testsPath = need('extensionTestsPath');
  if (!fs.existsSync(path.join(extDev, 'package.json'))) {
    throw new RunError(`extensionDevelopmentPath ${extDev} has no package.json`);
  }
  if (!fs.existsSync(testsPath)) throw new RunError(`extensionTestsPath ${testsPath} does not exist`);
  const timeoutMs = o.timeoutMs ?? 180_000;
  const chromium = o.chromium || process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) {
    throw new RunError(`Chromium not found at ${chromium} (apt-get install -y chromium, or pass --chromium / $CHROMIUM_PATH)`);
  }

  const cs = await installCodeServer({ dir: o.codeServerDir || DEFAULT_DIR, log: quiet ? () => {} : undefined });
  // The time limit starts after the (possibly first, ~85 s) install.
  const deadline = Date.now() + timeoutMs;

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sesscache-cs-'));
  const userData = path.join(tmp, 'user-data');
  const extDir = path.join(tmp, 'extensions');
  const xdg = path.join(tmp, 'xdg');
  for (const d of [userData, path.join(userData, 'User'), extDir, path.join(xdg, 'config'), path.join(xdg, 'data')]) {
    fs.mkdirSync(d, { recursive: true });
  }
  const workspace = o.workspace ? path.resolve(o.workspace) : path.join(tmp, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  const resultsFile = o.resultsFile ? path.resolve(o.resultsFile) : path.join(tmp, 'results.json');
  fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
  const screenshotDir = o.screenshotDir ? path.resolve(o.screenshotDir) : null;
  if (screenshotDir) fs.mkdirSync(screenshotDir, { recursive: true });

  // Clear stale results / screenshot requests from an earlier run.
  const resDir = path.dirname(resultsFile);
  const resBase = path.basename(resultsFile);
  for (const f of fs.readdirSync(resDir)) {
    if (f === resBase || f.startsWith(resBase + SHOT_SUFFIX) || f.startsWith(resBase + '.tmp')) {
      fs.rmSync(path.join(resDir, f), { force: true });
    }
  }

  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_SETTINGS, ...(o.settings || {}) }, null, 2),
  );
  // An explicit (empty-ish) config so code-server doesn't write ~/.config/code-server/config.yaml.
  const configFile = path.join(tmp, 'config.yaml');
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');

  const csLog = path.join(tmp, 'code-server.log');
  const browserLog = path.join(tmp, 'browser-console.log');
  const csLogFd = fs.openSync(csLog, 'a');

  let child = null;
  let browser = null;
  let cleaning = null; // memoised cleanup promise: a signal and the main path both await it
  const onExitSync = () => {
    // Last resort if the process dies without running cleanup().
    if (child && child.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }
  };
  process.on('exit', onExitSync);
  const cleanup = () => (cleaning ||= doCleanup());
  const doCleanup = async () => {
    if (browser) {
      await Promise.race([browser.close().catch(() => {}), sleep(5000)]);
      // playwright kills the Chromium process tree on close; make sure.
      try {
        browser.process?.()?.kill('SIGKILL');
      } catch {}
    }
    await killGroup(child, log);
    try {
      fs.closeSync(csLogFd);
    } catch {}
    process.removeListener('exit', onExitSync);
    if (!o.keepTemp) {
      try {
        fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
      } catch (e) {
        log(`could not remove ${tmp}: ${e.message}`);
      }
    } else log(`kept temp dir ${tmp}`);
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const onSignal = (sig) => {
    log(`got ${sig}; cleaning up`);
    cleanup().finally(() => process.exit(130));
  };
  for (const s of signals) process.on(s, onSignal);

  const outcome = {
    ok: false,
    passed: 0,
    failed: 0,
    tests: [],
    results: null,
    reason: '',
    seconds: 0,
    screenshots: [],
    tempDir: o.keepTemp ? tmp : undefined,
  };
  let page = null;
  const errorLines = []; // workbench-level errors (e.g. what run() threw), shown on failure

  const shoot = async (name) => {
    if (!screenshotDir || !page) return null;
    const file = path.join(screenshotDir, `${name}.png`);
    await page.screenshot({ path: file, timeout: 15000 });
    outcome.screenshots.push(file);
    return file;
  };

  try {
    const port = await freePort();
    const env = {
      ...process.env,
      // No extension gallery: keeps the workbench/server from calling out to open-vsx.org.
      EXTENSIONS_GALLERY: '{}',
      // Keep code-server's own config/data (coder-logs, config.yaml) out of $HOME.
      XDG_CONFIG_HOME: path.join(xdg, 'config'),
      XDG_DATA_HOME: path.join(xdg, 'data'),
      ...(o.env || {}),
      [RESULTS_ENV]: resultsFile,
      [SCREENSHOTS_ENV]: screenshotDir ? '1' : '0',
    };
    // Don't let the runner's own node flags leak into code-server / the extension host.
    delete env.NODE_OPTIONS;
    delete env.VSCODE_IPC_HOOK_CLI;
    const args = [
      cs.entry,
      '--config', configFile,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir', userData,
      '--extensions-dir', extDir,
      workspace,
    ];
    log(`starting code-server on 127.0.0.1:${port} (temp ${tmp})`);
    child = spawn(process.execPath, args, {
      cwd: workspace,
      env,
      detached: true, // own process group: killed as a whole
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const pipeOut = (stream) =>
      stream.on('data', (d) => {
        fs.writeSync(csLogFd, d);
        if (o.verbose) process.stderr.write(`[code-server] ${d}`);
      });
    pipeOut(child.stdout);
    pipeOut(child.stderr);

    const origin = `http://127.0.0.1:${port}`;
    await waitForHttp(`${origin}/healthz`, Math.min(deadline, Date.now() + 60_000), child, csLog);
    log(`code-server is up (${((Date.now() - t0) / 1000).toFixed(1)}s)`);

    const require = createRequire(path.join(cs.playwrightDir, 'package.json'));
    const { chromium: pwChromium } = require('playwright-core');
    browser = await pwChromium.launch({
      executablePath: chromium,
      headless: true,
      args: DEFAULT_CHROMIUM_ARGS,
      // Chromium's crashpad otherwise creates ~/.config/chromium/Crash Reports.
      env: { ...process.env, XDG_CONFIG_HOME: path.join(xdg, 'config'), XDG_CACHE_HOME: path.join(xdg, 'cache') },
      timeout: 60_000,
      // Our own signal handler closes the browser and code-server; playwright's would exit(130) at once.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    const context = await browser.newContext({ viewport: o.viewport || { width: 1280, height: 800 } });
    page = await context.newPage();

    let hostExit = null; // exit code reported by the workbench when the extension host ends
    await page.exposeFunction('codeAutomationExit', (code) => {
      hostExit = { code, at: Date.now() };
    });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = `[workbench ${type}] ${Array.isArray(args) ? args.join(' ') : args}`;
      fs.appendFileSync(browserLog, line + '\n');
      if (type === 'error') errorLines.push(line);
      if (o.verbose) console.log(line);
    });
    let pageCrashed = false;
    page.on('crash', () => (pageCrashed = true));
    page.on('console', (m) => {
      // Workbench log lines ("%c INFO ...") also arrive through codeAutomationLog; skip the copy.
      if (m.text().startsWith('%c')) return;
      const line = `[browser ${m.type()}] ${m.text()}`;
      fs.appendFileSync(browserLog, line + '\n');
      if (o.verbose) console.log(line);
    });
    page.on('pageerror', (e) => {
      fs.appendFileSync(browserLog, `[pageerror] ${e.stack || e}\n`);
      errorLines.push(`[pageerror] ${e.stack || e}`);
    });

    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(extDev)],
      ['extensionTestsPath', remote(testsPath)],
    ];
    const url = `${origin}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    log(`opening Chromium: ${url}`);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: Math.max(1000, deadline - Date.now()) });

    // Poll for screenshot requests, the results file, and the failure signals.
    let hostExitSeen = null;
    let lastHandled = '';
    while (true) {
      if (Date.now() > deadline) {
        outcome.reason = `timed out after ${Math.round(timeoutMs / 1000)}s waiting for ${resultsFile}`;
        break;
      }
      if (pageCrashed) {
        outcome.reason = 'the browser page crashed';
        break;
      }
      if (child.exitCode !== null || child.signalCode !== null) {
        outcome.reason = `code-server exited (${child.exitCode ?? child.signalCode}) before results were written`;
        break;
      }
      // Screenshot requests.
      for (const f of fs.readdirSync(resDir)) {
        if (!f.startsWith(resBase + SHOT_SUFFIX) || f.endsWith(SHOT_DONE_SUFFIX) || f.endsWith('.tmp')) continue;
        const name = f.slice((resBase + SHOT_SUFFIX).length);
        const req = path.join(resDir, f);
        const ack = req + SHOT_DONE_SUFFIX;
        let reply;
        if (!/^[A-Za-z0-9._-]{1,100}$/.test(name)) {
          reply = { error: `bad screenshot name ${JSON.stringify(name)} (use [A-Za-z0-9._-])` };
        } else if (!screenshotDir) {
          reply = { skipped: true };
        } else {
          try {
            reply = { path: await shoot(name) };
            log(`screenshot ${name} -> ${reply.path}`);
          } catch (e) {
            reply = { error: String(e?.message || e) };
          }
        }
        fs.rmSync(req, { force: true });
        fs.writeFileSync(ack + '.tmp', JSON.stringify(reply));
        fs.renameSync(ack + '.tmp', ack);
        lastHandled = name;
      }
      // Results.
      if (fs.existsSync(resultsFile)) {
        try {
          const r = normaliseResults(JSON.parse(fs.readFileSync(resultsFile, 'utf8')));
          outcome.results = r;
          outcome.tests = r.tests;
          outcome.passed = r.passed;
          outcome.failed = r.failed;
          break;
        } catch {
          // Probably half-written; retry on the next tick (until the deadline).
        }
      }
      // The extension host ended (run() resolved/rejected, or failed to load) without results:
      // give the file a short grace period, then fail.
      if (hostExit && !hostExitSeen) hostExitSeen = Date.now();
      if (hostExitSeen && Date.now() - hostExitSeen > 3000) {
        outcome.reason =
          `the extension host finished (exit code ${hostExit.code}) without writing ${resultsFile}` +
          ' (did run() throw, or the tests module fail to load?)';
        break;
      }
      await sleep(150);
    }
    void lastHandled;

    if (outcome.results) {
      if (outcome.failed > 0) outcome.reason = `${outcome.failed} test(s) failed`;
      else if (outcome.passed === 0) outcome.reason = 'no test passed (ran no test?)';
      else outcome.ok = true;
    }
    if (!outcome.ok && screenshotDir && page && !pageCrashed) {
      try {
        const f = await shoot('failure');
        log(`failure screenshot -> ${f}`);
      } catch {}
    }
  } catch (e) {
    outcome.reason = e instanceof RunError ? e.message : String(e?.stack || e);
  } finally {
    if (!outcome.ok) {
      outcome.codeServerLogTail = tail(csLog, 30);
      outcome.browserErrors = errorLines.slice(-8).join('\n').split('\n').slice(-60).join('\n');
    }
    await cleanup();
    for (const s of signals) process.removeListener(s, onSignal);
  }
  outcome.seconds = Math.round((Date.now() - t0) / 100) / 10;
  return outcome;
}

/** Prints per-test lines and the closing "N passed, N failed" line. */
export function printOutcome(r, out = console.log) {
  for (const t of r.tests) {
    const mark =
      { passed: 'ok  ', failed: 'FAIL', skipped: 'skip', pending: 'skip' }[t.state] || t.state.slice(0, 4).padEnd(4);
    out(`  ${mark} ${t.title}`);
    if (t.error) out(`       ${t.error.split('\n').join('\n       ')}`);
  }
  if (!r.ok) {
    out(`[run-in-code-server] FAILED: ${r.reason}`);
    if (!r.results) {
      if (r.codeServerLogTail) out(`--- code-server log (tail) ---\n${r.codeServerLogTail}`);
      if (r.browserErrors) out(`--- workbench errors (last) ---\n${r.browserErrors}`);
      out('(rerun with --keep-temp for the full logs: code-server.log, browser-console.log, user-data/logs/*/exthost1/remoteexthost.log)');
    }
  }
  for (const s of r.screenshots) out(`  screenshot: ${s}`);
  out(`[run-in-code-server] ${r.seconds}s`);
  // A run that failed without counting a failed test (timeout, crash, no results) counts as 1 failed.
  out(`${r.passed} passed, ${r.failed || (r.ok ? 0 : 1)} failed`);
}

function parseArgs(argv) {
  const o = { env: {}, settings: {} };
  const names = {
    '--extensionDevelopmentPath': 'extensionDevelopmentPath',
    '--extension-development-path': 'extensionDevelopmentPath',
    '--extensionTestsPath': 'extensionTestsPath',
    '--extension-tests-path': 'extensionTestsPath',
    '--workspace': 'workspace',
    '--folder': 'workspace',
    '--results': 'resultsFile',
    '--screenshots': 'screenshotDir',
    '--chromium': 'chromium',
    '--code-server-dir': 'codeServerDir',
  };
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    let inline;
    if (a.startsWith('--') && a.includes('=')) {
      inline = a.slice(a.indexOf('=') + 1);
      a = a.slice(0, a.indexOf('='));
    }
    const val = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) throw new RunError(`${a} needs a value`);
      return argv[++i];
    };
    if (names[a]) o[names[a]] = val();
    else if (a === '--timeout') o.timeoutMs = Number(val()) * 1000;
    else if (a === '--env') {
      const v = val();
      const k = v.indexOf('=');
      if (k < 1) throw new RunError(`--env expects NAME=VALUE, got ${v}`);
      o.env[v.slice(0, k)] = v.slice(k + 1);
    } else if (a === '--setting') {
      const v = val();
      const k = v.indexOf('=');
      if (k < 1) throw new RunError(`--setting expects key=<json>, got ${v}`);
      const raw = v.slice(k + 1);
      let parsed;
      try {
        parsed = JSON.parse(raw);
      } catch {
        parsed = raw;
      }
      o.settings[v.slice(0, k)] = parsed;
    } else if (a === '--keep-temp') o.keepTemp = true;
    else if (a === '--verbose') o.verbose = true;
    else if (a === '-h' || a === '--help') {
      console.log(
        fs
          .readFileSync(fileURLToPath(import.meta.url), 'utf8')
          .split('\n')
          .slice(1)
          .filter((l, i, a) => a.slice(0, i + 1).every((x) => x.startsWith('//')))
          .map((l) => l.replace(/^\/\/ ?/, ''))
          .join('\n'),
      );
      process.exit(0);
    } else throw new RunError(`unknown argument ${a} (see --help)`);
  }
  if (o.timeoutMs !== undefined && !(o.timeoutMs > 0)) throw new RunError('--timeout must be a positive number of seconds');
  return o;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  let code = 1;
  try {
    const r = await runInCodeServer(parseArgs(process.argv.slice(2)));
    printOutcome(r);
    code = r.ok ? 0 : 1;
  } catch (e) {
    console.error(`[run-in-code-server] FAILED: ${e?.message || e}`);
    if (!(e instanceof RunError) && e?.name !== 'InstallError') console.error(e?.stack || e);
    console.log('0 passed, 1 failed');
  }
  process.exit(code);
}
