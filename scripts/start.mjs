// `npm start`: build, pack the .vsix, install it into a local VS Code for the web (code-server,
// installed on first use) and serve the examples/ workspace at a printed local URL.
// `npm start -- --vscode` installs the .vsix into a desktop VS Code (`code`) instead.
// Options: --port N (default 8080, or $PORT), --host H (default 127.0.0.1).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, installCodeServer } from './vscode/install-code-server.mjs';
import { DEFAULT_SETTINGS } from './vscode/run-in-code-server.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const useDesktop = args.includes('--vscode');
const port = Number(option('--port', process.env.PORT ?? 8080));
const host = option('--host', '127.0.0.1');
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`npm start: --port must be a port number, not ${option('--port', process.env.PORT)}`);
  process.exit(2);
}

function step(message) {
  console.log(`\n▶ ${message}`);
}

function run(command, commandArgs, options = {}) {
  const r = spawnSync(command, commandArgs, { cwd: REPO_ROOT, stdio: 'inherit', ...options });
  if (r.error) throw new Error(`${command}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} exited with ${r.status}`);
}

try {
  step('building and packing the extension (sesscache.vsix)');
  run('npm', ['run', '--silent', 'package']);
  const vsix = join(REPO_ROOT, 'sesscache.vsix');

  if (useDesktop) {
    step('installing into your VS Code (code --install-extension)');
    run('code', ['--install-extension', vsix, '--force']);
    console.log(`\nDone. Open ${join(REPO_ROOT, 'examples')} in VS Code and hover a SSL_SESS_CACHE_* flag.`);
    process.exit(0);
  }

  step('installing code-server (VS Code for the web) on first use; later runs skip this');
  const codeServer = await installCodeServer({ log: (m) => console.log(`  ${m}`) });

  const home = join(REPO_ROOT, '.vscode-test', 'start');
  const userData = join(home, 'user-data');
  const extensions = join(home, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, 'workbench.startupEditor': 'readme' }, null, 2));

  step('installing sesscache.vsix into code-server');
  const base = ['--user-data-dir', userData, '--extensions-dir', extensions];
  // code-server writes its config under XDG dirs; keep them inside .vscode-test, not $HOME.
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_DATA_HOME: join(home, 'data'),
    EXTENSIONS_GALLERY: '{}',
  };
  run(process.execPath, [codeServer.entry, ...base, '--install-extension', vsix, '--force'], { env });

  step('starting code-server');
  const url = `http://${host}:${port}/?folder=${encodeURIComponent(join(REPO_ROOT, 'examples'))}`;
  const server = spawn(
    process.execPath,
    [
      codeServer.entry,
      ...base,
      '--auth', 'none',
      '--bind-addr', `${host}:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--config', join(home, 'config.yaml'),
      join(REPO_ROOT, 'examples'),
    ],
    { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let announced = false;
  const watch = (chunk) => {
    const text = chunk.toString();
    if (/EADDRINUSE/.test(text)) {
      console.error(`\nPort ${port} is in use: try npm start -- --port ${port + 1}`);
    }
    if (!announced && /HTTP server listening/.test(text)) {
      announced = true;
      console.log(`\n  sesscache is running in VS Code for the web:\n\n    ${url}\n\n  Open a file under c/ and hover an SSL_SESS_CACHE_* flag. Ctrl-C stops the server.`);
    }
  };
  server.stdout.on('data', watch);
  server.stderr.on('data', watch);
  const stop = () => server.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.on('exit', (code, signal) => {
    if (!announced) console.error(`code-server exited before it was ready (code ${code}, signal ${signal})`);
    process.exit(announced && signal ? 0 : (code ?? 0));
  });
} catch (e) {
  console.error(`\nnpm start failed: ${e.message}`);
  process.exit(1);
}
