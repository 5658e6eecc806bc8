#!/usr/bin/env node
// Installs code-server (VS Code for the browser, with a real Node extension
// host) into a git-ignored cache folder, without touching the repo's own
// package.json / lockfile, and without any download other than the npm
// registry. Idempotent: a marker file makes a second run instant.
//
//   node scripts/vscode/install-code-server.mjs [--dir DIR] [--version V] [--force] [--quiet]
//
// As a module:
//   import { installCodeServer } from './install-code-server.mjs';
//   const { dir, entry, playwrightDir } = await installCodeServer({ log: console.log });

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(here, '..', '..');
export const DEFAULT_VERSION = '4.100.3';
export const DEFAULT_PLAYWRIGHT_VERSION = '1.65.1';
export const DEFAULT_DIR = path.join(REPO_ROOT, '.vscode-test', 'code-server');
const MARKER = '.install-complete.json';

export class InstallError extends Error {
  name = 'InstallError';
}

/** Where an installed code-server lives inside a cache dir. */
export function codeServerPaths(dir = DEFAULT_DIR) {
  const pkg = path.join(dir, 'node_modules', 'code-server');
  return {
    dir,
    pkg,
    entry: path.join(pkg, 'out', 'node', 'entry.js'),
    vscode: path.join(pkg, 'lib', 'vscode'),
    marker: path.join(dir, MARKER),
    log: path.join(dir, 'install.log'),
  };
}

/** Returns the marker contents when the cache is complete for `version`, else null. */
export function installedInfo({ dir = DEFAULT_DIR, version = DEFAULT_VERSION } = {}) {
  const p = codeServerPaths(dir);
  try {
    const info = JSON.parse(fs.readFileSync(p.marker, 'utf8'));
    if (info.version === version && fs.existsSync(p.entry)) return info;
  } catch {}
  return null;
}

function findOnPath(bin) {
  for (const d of (process.env.PATH || '').split(path.delimiter)) {
    const f = path.join(d, bin);
    try {
      fs.accessSync(f, fs.constants.X_OK);
      return f;
    } catch {}
  }
  return null;
}

/**
 * @param {object} [opts]
 * @param {string} [opts.dir]      cache folder (default <repo>/.vscode-test/code-server)
 * @param {string} [opts.version]  code-server version (default 4.100.3 = VS Code 1.100.3)
 * @param {string} [opts.playwrightVersion] playwright-core version installed beside it
 * @param {boolean} [opts.force]   reinstall even if the marker says complete
 * @param {(msg: string) => void} [opts.log]
 */
export async function installCodeServer(opts = {}) {
  const version = opts.version || DEFAULT_VERSION;
  const playwrightVersion = opts.playwrightVersion || DEFAULT_PLAYWRIGHT_VERSION;
  const dir = path.resolve(opts.dir || DEFAULT_DIR);
  const log = opts.log || ((m) => console.log(`[install-code-server] ${m}`));
  const p = codeServerPaths(dir);
  const result = { dir, entry: p.entry, vscode: p.vscode, playwrightDir: dir, version };

  if (!opts.force) {
    const info = installedInfo({ dir, version });
    if (info) {
      log(`code-server ${version} already installed in ${dir} (${info.completedAt})`);
      return result;
    }
  }

  const t0 = Date.now();
  fs.mkdirSync(dir, { recursive: true });
  fs.rmSync(p.marker, { force: true });
  fs.writeFileSync(p.log, `install of code-server ${version} started ${new Date().toISOString()}\n`);

  const rg = process.env.SESSCACHE_RG_PATH || findOnPath('rg');
  if (!rg) {
    throw new InstallError(
      'ripgrep (rg) not found on PATH; install it with `apt-get install -y ripgrep` ' +
        '(or set SESSCACHE_RG_PATH). code-server\'s @vscode/ripgrep would otherwise download it.',
    );
  }
  for (const tool of ['make', 'g++', 'python3']) {
    if (!findOnPath(tool)) {
      throw new InstallError(`${tool} not found: native modules need build tools (apt-get install -y build-essential python3)`);
    }
  }
  if (!fs.existsSync('/usr/include/krb5.h') && !fs.existsSync('/usr/include/gssapi/gssapi.h')) {
    log('warning: Kerberos headers not found (apt-get install -y libkrb5-dev); the kerberos module may fail to build');
  }

  let stepNo = 0;
  const run = (title, cmd, args, cwd, extraEnv = {}) => {
    stepNo++;
    const ts = Date.now();
    log(`step ${stepNo}: ${title}  (in ${path.relative(dir, cwd) || '.'})`);
    fs.appendFileSync(p.log, `\n=== ${title}: ${cmd} ${args.join(' ')} (cwd ${cwd})\n`);
    const fd = fs.openSync(p.log, 'a');
    const r = spawnSync(cmd, args, {
      cwd,
      stdio: ['ignore', fd, fd],
      env: {
        ...process.env,
        // Keep the repo's npm settings / workspaces out of it.
        npm_config_workspaces: 'false',
        npm_config_fund: 'false',
        npm_config_audit: 'false',
        npm_config_update_notifier: 'false',
        ...extraEnv,
      },
    });
    fs.closeSync(fd);
    if (r.error || r.status !== 0) {
      const tail = fs.readFileSync(p.log, 'utf8').split('\n').slice(-40).join('\n');
      throw new InstallError(
        `step "${title}" failed (${r.error ? r.error.message : `exit ${r.status}`}).\n` +
          `--- last lines of ${p.log} ---\n${tail}`,
      );
    }
    log(`        ok (${((Date.now() - ts) / 1000).toFixed(1)}s)`);
  };
  const symlink = (target, linkPath) => {
    try {
      fs.rmSync(linkPath, { force: true, recursive: false });
    } catch {}
    fs.symlinkSync(target, linkPath);
  };

  // Its own package.json so npm doesn't walk up to the repo's package.json.
  const pkgJson = path.join(dir, 'package.json');
  fs.writeFileSync(
    pkgJson,
    JSON.stringify(
      {
        name: 'sesscache-code-server-cache',
        private: true,
        description: 'Cache of code-server + playwright-core for sesscache UI tests (git-ignored).',
        dependencies: { 'code-server': version, 'playwright-core': playwrightVersion },
      },
      null,
      2,
    ) + '\n',
  );

  run('npm install code-server + playwright-core (no scripts)', 'npm', [
    'install', '--ignore-scripts', '--no-package-lock', `code-server@${version}`, `playwright-core@${playwrightVersion}`,
  ], dir);

  if (!fs.existsSync(p.vscode)) throw new InstallError(`${p.vscode} missing after npm install`);

  run('npm install lib/vscode production deps (no scripts)', 'npm', ['install', '--omit=dev', '--ignore-scripts'], p.vscode);

  const rgBin = path.join(p.vscode, 'node_modules', '@vscode', 'ripgrep', 'bin');
  fs.mkdirSync(rgBin, { recursive: true });
  fs.copyFileSync(rg, path.join(rgBin, 'rg'));
  fs.chmodSync(path.join(rgBin, 'rg'), 0o755);
  log(`        copied ${rg} -> lib/vscode/node_modules/@vscode/ripgrep/bin/rg`);

  run('npm rebuild lib/vscode native modules', 'npm', ['rebuild'], p.vscode, { npm_config_yes: 'true' });

  symlink('node_modules', path.join(p.vscode, 'node_modules.asar'));
  symlink('code-linux.sh', path.join(p.vscode, 'bin', 'remote-cli', 'code-server'));
  symlink('browser-linux.sh', path.join(p.vscode, 'bin', 'helpers', 'browser.sh'));
  log('        linked node_modules.asar, bin/remote-cli/code-server, bin/helpers/browser.sh');

  run('npm install built-in extensions deps', 'npm', ['install', '--omit=dev'], path.join(p.vscode, 'extensions'));

  run('npm rebuild argon2', 'npm', ['rebuild', 'argon2'], dir, { npm_config_yes: 'true' });

  // Sanity: the entry point exists and the playwright-core module resolves.
  if (!fs.existsSync(p.entry)) throw new InstallError(`${p.entry} missing`);
  if (!fs.existsSync(path.join(dir, 'node_modules', 'playwright-core', 'package.json'))) {
    throw new InstallError('playwright-core missing from the cache folder');
  }

  const info = {
    version,
    playwrightVersion,
    completedAt: new Date().toISOString(),
    seconds: Math.round((Date.now() - t0) / 1000),
  };
  fs.writeFileSync(p.marker, JSON.stringify(info, null, 2) + '\n');
  log(`code-server ${version} installed in ${dir} in ${info.seconds}s`);
  return result;
}

function parseArgs(argv) {
  const o = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) throw new InstallError(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--dir') o.dir = val();
    else if (a === '--version') o.version = val();
    else if (a === '--playwright-version') o.playwrightVersion = val();
    else if (a === '--force') o.force = true;
    else if (a === '--quiet') o.log = () => {};
    else if (a === '-h' || a === '--help') {
      console.log(
        'usage: node scripts/vscode/install-code-server.mjs [--dir DIR] [--version 4.100.3] ' +
          '[--playwright-version V] [--force] [--quiet]',
      );
      process.exit(0);
    } else throw new InstallError(`unknown argument ${a}`);
  }
  return o;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    await installCodeServer(parseArgs(process.argv.slice(2)));
  } catch (e) {
    console.error(`[install-code-server] FAILED: ${e instanceof InstallError ? e.message : e.stack || e}`);
    process.exit(1);
  }
}
