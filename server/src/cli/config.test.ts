import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../testing/paths';

const CLI = path.join(repoRoot(), 'dist', 'cli.js');
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: repoRoot(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('the CLI on configuration files', () => {
  it('lint picks nginx, Apache and .sslcache files by their well-known names, never every .conf', () => {
    const findings = JSON.parse(run('lint', '--format', 'json', 'examples').stdout) as { file: string; code: string }[];
    const files = new Set(findings.map((f) => f.file));
    assert.ok(files.has('examples/nginx/nginx.conf'));
    assert.ok(files.has('examples/sslcache/external-cache.sslcache'));
    const codes = findings.filter((f) => f.file === 'examples/nginx/nginx.conf').map((f) => f.code);
    assert.ok(codes.includes('nginx-builtin-per-worker') && codes.includes('nginx-none-vs-off'), codes.join(', '));
    // The C rules run on the .sslcache file's declared context.
    assert.deepEqual(findings.filter((f) => f.file.endsWith('.sslcache')).map((f) => f.code), ['no-auto-clear-nothing-stored']);
  });

  it('simulate runs a .sslcache workload, or an nginx server under a preset', () => {
    const sslcache = JSON.parse(run('simulate', 'examples/sslcache/external-cache.sslcache', '--workload', 'mail-peers', '--json').stdout);
    assert.equal(sslcache.trace.filter((e: { kind: string }) => e.kind === 'connect').length, 10000);
    const nginx = run('simulate', 'examples/nginx/nginx.conf', '--server', 'api.example.com');
    assert.equal(nginx.code, 0, nginx.stderr);
    assert.match(nginx.stdout, /mode SERVER \| NO_INTERNAL \(0x0302\).*callbacks new, get, remove, peer verification/);
    const missing = run('simulate', 'examples/nginx/nginx.conf', '--server', 'nope');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no TLS server matching "nope" \(servers: server shop\.example\.com:443/);
    assert.match(run('simulate', 'examples/sslcache/external-cache.sslcache', '--workload', 'nope').stderr, /nope/);
  });
});
