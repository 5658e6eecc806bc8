import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from './testing/paths';

/**
 * docs/SECURITY.md's guarantees that can be read off the built bundles and the sources: no network
 * access, nothing executed but our own server, no telemetry, and the workspace support declared.
 */

const root = repoRoot();
const bundle = (name: string) => fs.readFileSync(path.join(root, 'dist', name), 'utf8');

/** Each `require("m")` of a bundle with the module it sits in (esbuild's `// path` comments of a non-minified build). */
function requiresOf(text: string): { module: string; from: string }[] {
  const out: { module: string; from: string }[] = [];
  let from = '(bundle prelude)';
  for (const line of text.split('\n')) {
    const source = /^\/\/ ((?:node_modules|server|client)\/\S+\.[jt]s)$/.exec(line);
    if (source) from = source[1];
    for (const m of line.matchAll(/require\("([^"]+)"\)/g)) out.push({ module: m[1].replace(/^node:/, ''), from });
  }
  return out;
}

/** Our own source files that ship (tests, test helpers and the simulator's C harness excluded). */
function shippedSources(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!['testing', 'harness', 'fixtures', 'corpus'].includes(entry.name)) walk(full);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) files.push(full);
    }
  };
  for (const dir of ['server/src', 'client/src', 'client/webview']) walk(path.join(root, dir));
  return files;
}

const NETWORK_MODULES = ['http', 'https', 'http2', 'tls', 'dgram', 'dns', 'net'];

describe('safety of the built bundles and the sources', () => {
  for (const name of ['server.js', 'cli.js', 'extension.js']) {
    it(`dist/${name} loads no network module but the LSP library's local transports`, () => {
      const requires = requiresOf(bundle(name));
      assert.ok(requires.length > 0, 'the bundle was read');
      for (const r of requires.filter((r) => NETWORK_MODULES.includes(r.module))) {
        // vscode-jsonrpc's --pipe and --socket transports: a named pipe, or a socket on 127.0.0.1.
        assert.deepEqual(r, { module: 'net', from: 'node_modules/vscode-jsonrpc/lib/node/main.js' });
      }
    });
  }

  it('the LSP library connects only to named pipes and 127.0.0.1', () => {
    for (const name of ['server.js', 'extension.js']) {
      const calls = [...bundle(name).matchAll(/net_1\.createConnection\)\(([^)]*)\)/g)].map((m) => m[1]);
      assert.ok(calls.length > 0, name);
      for (const args of calls) assert.match(args, /^(pipeName|port, "127\.0\.0\.1")$/, `${name}: createConnection(${args})`);
    }
  });

  it('dist/cli.js uses only the file system, paths and random bytes', () => {
    assert.deepEqual([...new Set(requiresOf(bundle('cli.js')).map((r) => r.module))].sort(), ['crypto', 'fs', 'path', 'url']);
  });

  it('the report page (dist/webview.js) has no way to reach the network (and its CSP forbids it too)', () => {
    assert.doesNotMatch(bundle('webview.js'), /\bfetch\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon|importScripts/);
  });

  it('our sources import no network module, run no process but the extension starting its own server, and send no telemetry', () => {
    const offenders: string[] = [];
    for (const file of shippedSources()) {
      const text = fs.readFileSync(file, 'utf8');
      const relative = path.relative(root, file);
      const imports = [...text.matchAll(/from '(?:node:)?([a-z_0-9]+)'/g)].map((m) => m[1]);
      for (const m of imports.filter((m) => NETWORK_MODULES.includes(m))) offenders.push(`${relative} imports ${m}`);
      if (imports.includes('child_process') && relative !== path.join('client', 'src', 'extension.ts')) offenders.push(`${relative} imports child_process`);
      if (/\btelemetry\b|TelemetryReporter|\bfetch\(/i.test(text)) offenders.push(`${relative} mentions telemetry or fetch`);
    }
    assert.deepEqual(offenders, []);
    // The one process: dist/server.js, forked from the extension's own folder.
    const extension = fs.readFileSync(path.join(root, 'client', 'src', 'extension.ts'), 'utf8');
    assert.deepEqual([...extension.matchAll(/\bfork\(([^,]+),/g)].map((m) => m[1]), ['serverModule']);
    assert.match(extension, /const serverModule = context\.asAbsolutePath\(path\.join\('dist', 'server\.js'\)\)/);
  });

  it('package.json declares untrusted and virtual workspace support and depends on no telemetry package', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    assert.deepEqual(pkg.capabilities, { untrustedWorkspaces: { supported: true }, virtualWorkspaces: true });
    const dependencies = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
    assert.deepEqual(dependencies.filter((d) => /telemetry|analytics|insights|sentry/i.test(d)), []);
  });
});
