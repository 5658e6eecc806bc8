import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runScenario } from '../languageservice/simulator/run';
import { parseScenario } from '../languageservice/simulator/scenario';
import { repoRoot } from '../testing/paths';

const CLI = path.join(repoRoot(), 'dist', 'cli.js');
const run = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, [CLI, 'simulate', ...args], { encoding: 'utf8', input, maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const example = path.join(repoRoot(), 'examples', 'scenarios', 'external-cache.json');

describe('sesscache simulate (dist/cli.js)', () => {
  it('--json prints exactly the contract result object the simulator computes', () => {
    const r = run([example, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(json), ['trace', 'counters']);
    const expected = runScenario(parseScenario(fs.readFileSync(example, 'utf8')));
    assert.deepEqual(json, { trace: expected.trace, counters: expected.counters });
    assert.deepEqual(Object.keys(json.counters), ['number', 'accept', 'acceptGood', 'hits', 'misses', 'timeouts', 'cbHits', 'cacheFull', 'newCalls', 'getCalls', 'removeCalls', 'externalSize']);
  });

  it('--details adds each connection path; the summary names paths, stores, evictions and flushes', () => {
    const details = JSON.parse(run([example, '--json', '--details']).stdout);
    assert.equal(details.connections.length, 6);
    assert.deepEqual(Object.keys(details.connections[0]), ['event', 'offered', 'resumed', 'path', 'storedIn', 'evicted', 'autoFlushed']);
    const summary = run([example]).stdout;
    assert.match(summary, /connections {2}6 over 901 s: 4 offered a session, 2 resumed \(33\.3%\), 0 failed/);
    assert.match(summary, /paths {8}ticket 0 · internal hit 0 · external hit 2 · miss 0 · timeout 1/);
    assert.match(summary, /2 explicit flushes/);
    assert.match(summary, /callbacks {4}new 4, get 3, remove 2; external cache 2 entries/);
  });

  it('a client configuration (a binding connecting out) is not simulated, and says why', () => {
    const r = run([path.join(repoRoot(), 'examples', 'ruby', 'session_client.rb')]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /session_client\.rb: ctx is a TLS client: the simulator models a server's session cache/);
  });

  it('reads standard input with -', () => {
    const r = run(['-', '--json'], JSON.stringify({ version: 1, protocol: 'TLSv1.3', events: [{ at: 0, connect: 'a' }, { at: 1, connect: 'a' }] }));
    assert.equal(r.code, 0);
    assert.equal(JSON.parse(r.stdout).trace[1].resumed, true);
  });

  it('rejects a bad scenario with the field named, exit 2, nothing on stdout', () => {
    const cases: [string, RegExp][] = [
      ['{"version":1,"protocol":"TLSv1.2","server":{"mode":"SEVRER"},"events":[]}', /server\.mode: unknown flag "SEVRER"; did you mean SERVER\?/],
      ['{"version":1,"protocol":"TLSv1.2","events":[{"at":5,"connect":"a"},{"at":4,"connect":"a"}]}', /events\[1\]\.at: goes backwards \(4 after 5\)/],
      ['{"version":2,"protocol":"TLSv1.2","events":[]}', /version: must be 1/],
      ['{"version":1,"protocol":"TLSv1.2","events":[],"colour":1}', /colour/],
      ['{"version":1,"library":"openssl-1.0.2","protocol":"TLSv1.3","events":[]}', /protocol: openssl-1\.0\.2 has no TLS 1\.3/],
      ['{"version":1,"protocol":"TLSv1.2","events":[]} trailing', /trailing|after the JSON|unexpected/i],
    ];
    for (const [input, message] of cases) {
      const r = run(['-'], input);
      assert.equal(r.code, 2, input);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
    }
    assert.match(run(['/no/such/file.json']).stderr, /cannot read \/no\/such\/file\.json/);
    assert.equal(run([]).code, 2);
    assert.equal(run([example, '--colour']).code, 2);
  });

  it('a seeded workload gives the same result on every run', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sesscache-sim-'));
    try {
      const file = path.join(dir, 'w.json');
      fs.writeFileSync(file, JSON.stringify({ version: 1, protocol: 'TLSv1.2', server: { tickets: false }, workload: { seed: 9, clients: 500, connections: 20000, rate: 50, abortProbability: 0.01, flushInterval: 60 } }));
      const first = run([file, '--json']).stdout;
      assert.equal(run([file, '--json']).stdout, first);
      const trace = JSON.parse(first).trace as { kind: string }[];
      assert.equal(trace.filter((e) => e.kind === 'connect').length, 20000);
      assert.ok(trace.some((e) => e.kind === 'flush'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('sesscache simulate on bad input', () => {
  it('names the file and the field, line or reason, exits 2 and prints nothing on standard output', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sesscache-bad-'));
    try {
      const files: Record<string, string | Buffer> = {
        'flag.json': '{"version": 1, "library": "openssl-3.0",\n "protocol": "TLSv1.3",\n "server": {"mode": "SERVR"}, "events": []}',
        'syntax.json': '{"version": 1,\n "library": "openssl-3.0", }',
        'empty.json': '',
        'binary.json': Buffer.from([0, 1, 0xff, 0xfe]),
        'events.json': '{"version": 1, "library": "openssl-3.0", "protocol": "TLSv1.2", "server": {"mode": "SERVER"}, "events": [{"at": 5, "connect": "a"}, {"at": 2, "connect": "a"}]}',
        'bad.sslcache': 'library openssl-3.0\nserver\n  mode FOO\n',
        'nginx.conf': 'http {\n  server {\n    listen 443 ssl;\n    ssl_session_cache shared:SSL:abc;\n  }\n',
      };
      for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
      fs.mkdirSync(path.join(dir, 'folder.json'));
      const expected: [string, RegExp][] = [
        ['flag.json', /flag\.json: server\.mode: unknown flag "SERVR"; did you mean SERVER\?/],
        ['syntax.json', /syntax\.json: invalid JSON: .* \(at line 2, column 28\)/],
        ['empty.json', /empty\.json: empty input/],
        ['binary.json', /binary\.json: invalid JSON: .*line 1, column 1/],
        ['events.json', /events\.json: events\[1\]\.at: goes backwards \(2 after 5\)/],
        ['bad.sslcache', /bad\.sslcache: .*line 2: unknown directive "server"/],
        ['nginx.conf', /nginx\.conf: line 1: missing "}" for the "http" block.*; line 4: invalid session cache "shared:SSL:abc"/],
        ['folder.json', /cannot read .*folder\.json \(EISDIR: illegal operation on a directory/],
        ['missing.json', /cannot read .*missing\.json \(ENOENT: no such file or directory/],
      ];
      for (const [name, message] of expected) {
        const r = run([path.join(dir, name)]);
        assert.equal(r.code, 2, `${name}: ${r.stderr}`);
        assert.match(r.stderr, message, name);
        assert.equal(r.stdout, '', `${name}: nothing on standard output`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
