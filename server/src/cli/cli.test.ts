import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../testing/paths';

const CLI = path.join(repoRoot(), 'dist', 'cli.js');
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('sesscache CLI (dist/cli.js)', () => {
  it('explains SERVER|NO_INTERNAL as 0x0302 with each flag', () => {
    const r = run('explain', 'SSL_SESS_CACHE_SERVER|SSL_SESS_CACHE_NO_INTERNAL');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^SSL_SESS_CACHE_SERVER \| SSL_SESS_CACHE_NO_INTERNAL = 0x0302 \(770\)/);
    assert.match(r.stdout, /SSL_SESS_CACHE_SERVER \(0x0002\)\n\s+Server handshakes run the store path/);
    assert.match(r.stdout, /SSL_SESS_CACHE_NO_INTERNAL \(0x0300 = NO_INTERNAL_LOOKUP \| NO_INTERNAL_STORE\)\n\s+Alias for/);
    assert.match(r.stdout, /external cache only/);
    assert.equal(r.stderr, '');
  });
  it('accepts numbers and short names, and prints JSON', () => {
    const r = run('explain', '0x1002', '--json');
    assert.equal(r.code, 0);
    const json = JSON.parse(r.stdout);
    assert.equal(json.hex, '0x1002');
    assert.deepEqual(json.unknownBits, [0x1000]);
    assert.equal(run('explain', 'SERVER | NO_INTERNAL_STORE').stdout.split('\n')[0], 'SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL_STORE = 0x0202 (514)');
  });
  it('takes the library into account', () => {
    assert.match(run('explain', 'SERVER|UPDATE_TIME', '--library', 'libressl').stdout, /not defined by LibreSSL/);
    assert.match(run('explain', 'CLIENT', '--library=boringssl').stdout, /BoringSSL never stores client sessions/);
  });
  it('fails clearly with exit 2 on an unknown flag', () => {
    const r = run('explain', 'FOO');
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /invalid mode "FOO": unknown session cache flag "FOO"/);
    assert.match(run('explain', 'SEVRER').stderr, /did you mean SERVER\?/);
  });
  it('fails with exit 2 on bad usage', () => {
    for (const args of [[], ['explain'], ['frobnicate'], ['explain', 'SERVER', '--library', 'openssl-9'], ['explain', 'SERVER', '--colour']]) {
      const r = run(...args);
      assert.equal(r.code, 2, `args ${args.join(' ')}`);
      assert.notEqual(r.stderr, '');
    }
  });
  it('lint --severity changes or silences a rule, and rejects bad values', () => {
    const file = path.join(repoRoot(), 'examples', 'c', 'mistakes.c');
    const json = (...extra: string[]) => JSON.parse(run('lint', '--format', 'json', ...extra, file).stdout) as { code: string; severity: string }[];
    assert.ok(json().some((f) => f.code === 'unknown-flag' && f.severity === 'error'));
    assert.ok(json('--severity', 'unknown-flag=hint').some((f) => f.code === 'unknown-flag' && f.severity === 'hint'));
    assert.ok(!json('--severity=unknown-flag=off').some((f) => f.code === 'unknown-flag'));
    assert.match(run('lint', '--severity', 'nope=off', file).stderr, /unknown rule "nope"/);
    assert.match(run('lint', '--severity', 'unknown-flag=loud', file).stderr, /expected one of/);
    assert.equal(run('lint', '--severity', 'unknown-flag', file).code, 2);
  });

  it('lint reads macros from workspace headers included with quotes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sesscache-inc-'));
    try {
      fs.mkdirSync(path.join(dir, 'include'));
      fs.writeFileSync(path.join(dir, 'include', 'tls_config.h'), '#define APP_MODE (SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL_LOOKUP)\n');
      fs.writeFileSync(path.join(dir, 'server.c'), '#include "tls_config.h"\nvoid f(SSL_CTX *ctx) { SSL_CTX_set_session_cache_mode(ctx, APP_MODE); }\n');
      const r = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', 'server.c'], { cwd: dir, encoding: 'utf8' });
      const codes = (JSON.parse(r.stdout) as { code: string }[]).map((f) => f.code);
      assert.deepEqual(codes, ['stored-never-looked-up']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--help and --version', () => {
    const help = run('--help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /sesscache explain MODE/);
    const version = run('--version');
    assert.equal(version.code, 0);
    assert.equal(version.stdout.trim(), require(path.join(repoRoot(), 'package.json')).version);
  });
});
