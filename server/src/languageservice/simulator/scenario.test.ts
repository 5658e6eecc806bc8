import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readRepoFile } from '../../testing/paths';
import {
  COUNTER_NAMES,
  ScenarioError,
  diffResults,
  parseModeString,
  parseScenario,
  resolvedServer,
  zeroCounters,
} from './scenario';
import type { Scenario, ScenarioResult } from './scenario';
import { summariseScenario } from './run';
import { MAX_CLIENTS } from './workload';

/** A valid scenario's JSON with `patch` applied (undefined deletes a top-level field). */
function text(patch: Record<string, unknown> = {}): string {
  const base: Record<string, unknown> = { version: 1, protocol: 'TLSv1.2', events: [{ at: 0, connect: 'alice' }] };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete base[k];
    else base[k] = v;
  }
  return JSON.stringify(base);
}

const ok = (t: string): Scenario => parseScenario(t);

/** Asserts a ScenarioError with exactly this path and a message matching `message`. */
function rejects(t: string, path: string, message: RegExp): void {
  assert.throws(
    () => parseScenario(t),
    (e: unknown) => {
      assert.ok(e instanceof ScenarioError, `expected a ScenarioError, got ${String(e)}`);
      assert.equal(e.path, path, `path of: ${e.message}`);
      if (path) assert.ok(e.message.startsWith(`${path}: `), `message starts with the path: ${e.message}`);
      assert.match(e.message, message);
      return true;
    },
  );
}

const withServer = (server: unknown) => text({ server });
const withEvents = (events: unknown) => text({ events });
const mode = (m: unknown) => withServer({ mode: m });

describe('scenario contract: valid input', () => {
  it("parses the contract's example exactly", () => {
    const contract = readRepoFile('docs', 'spec', 'scenario-contract.md');
    const example = /## Input\s+```json\n([\s\S]*?)```/.exec(contract)![1];
    assert.deepEqual(ok(example), {
      version: 1,
      library: 'openssl-3.0',
      protocol: 'TLSv1.2',
      server: {
        mode: 0x0202,
        cacheSize: 20480,
        timeout: 7200,
        sessionIdContext: 'app',
        verifyPeer: false,
        tickets: true,
        numTickets: 2,
        callbacks: ['new', 'get', 'remove'],
      },
      events: [
        { at: 0, connect: 'alice' },
        { at: 10, connect: 'alice' },
        { at: 11, connect: 'bob', resume: false },
        { at: 12, connect: 'bob', abort: true },
        { at: 900, flush: 'expired' },
        { at: 901, flush: 'all' },
      ],
    });
  });
  it('fills in the library and an absent server; events may be empty', () => {
    const s = ok(text({ events: [] }));
    assert.equal(s.library, 'openssl-3.0');
    assert.deepEqual(s.server, {});
    assert.deepEqual(s.events, []);
  });
  it('accepts every library id', () => {
    for (const lib of ['openssl-3.0', 'openssl-1.1.1', 'openssl-1.0.2', 'libressl', 'boringssl']) {
      assert.equal(ok(text({ library: lib })).library, lib);
    }
  });
  it('accepts both protocols', () => {
    assert.equal(ok(text({ protocol: 'TLSv1.3' })).protocol, 'TLSv1.3');
  });
  it('keeps "not called" apart from explicit values', () => {
    assert.deepEqual(ok(withServer({})).server, {});
    assert.deepEqual(ok(withServer({ sessionIdContext: '', numTickets: 0, cacheSize: 0 })).server, {
      sessionIdContext: '', numTickets: 0, cacheSize: 0,
    });
  });
  it('counts callbacks once, in the order new, get, remove', () => {
    assert.deepEqual(ok(withServer({ callbacks: ['remove', 'new', 'remove'] })).server.callbacks, ['new', 'remove']);
    assert.deepEqual(ok(withServer({ callbacks: [] })).server.callbacks, []);
  });
  it('accepts whole numbers written with a fraction or an exponent, and -0', () => {
    assert.equal(ok(withServer({ timeout: 0 }).replace('"timeout":0', '"timeout":1.0')).server.timeout, 1);
    assert.equal(ok(withServer({ timeout: 0 }).replace('"timeout":0', '"timeout":1e3')).server.timeout, 1000);
    assert.equal(ok(withServer({ timeout: 0 }).replace('"timeout":0', '"timeout":0.5e1')).server.timeout, 5);
    assert.equal(ok(withServer({ timeout: 0 }).replace('"timeout":0', '"timeout":100E-2')).server.timeout, 1);
    assert.equal(ok(withEvents([{ at: 0, connect: 'a' }]).replace('"at":0', '"at":-0')).events[0].at, 0);
    assert.equal(ok(withServer({ cacheSize: 9007199254740991 })).server.cacheSize, 9007199254740991);
    assert.equal(ok(text().replace('"version":1', '"version":1.000')).version, 1);
  });
  it('accepts events at the same time, client names of any text, resume and abort flags', () => {
    const s = ok(withEvents([
      { at: 5, connect: ' ', resume: true, abort: false },
      { at: 5, connect: 'Alice' },
      { at: 5, connect: 'alice', resume: false },
      { at: 6, connect: 'ünï "côdé"\n', abort: true },
      { at: 6, flush: 'all' },
    ]));
    assert.deepEqual(s.events.map((e) => ('connect' in e ? e.connect : e.flush)), [' ', 'Alice', 'alice', 'ünï "côdé"\n', 'all']);
    assert.deepEqual(s.events[0], { at: 5, connect: ' ', resume: true, abort: false });
  });
  it('accepts a session id context of exactly 32 UTF-8 bytes', () => {
    assert.equal(ok(withServer({ sessionIdContext: 'x'.repeat(32) })).server.sessionIdContext, 'x'.repeat(32));
    assert.equal(ok(withServer({ sessionIdContext: 'é'.repeat(16) })).server.sessionIdContext!.length, 16);
  });
  it('ignores blanks between JSON tokens and a leading byte order mark', () => {
    assert.equal(ok('\ufeff \n\t{ "version" : 1 ,\r\n "protocol":"TLSv1.2", "events" : [ ] }\n\n ').events.length, 0);
  });
  it('reads JSON string escapes', () => {
    assert.equal((ok(withEvents([{ at: 0, connect: 'x' }]).replace('"x"', '"\\u0061\\n\\/\\ud83d\\ude00"')).events[0] as { connect: string }).connect, 'a\n/😀');
  });
});

describe('scenario contract: mode strings', () => {
  it('evaluates flag names, short names and numbers joined by |', () => {
    assert.equal(ok(mode('SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL_STORE')).server.mode, 0x202);
    assert.equal(ok(mode('SERVER|NO_INTERNAL')).server.mode, 0x302);
    assert.equal(ok(mode('OFF')).server.mode, 0);
    assert.equal(ok(mode('BOTH |\tUPDATE_TIME')).server.mode, 0x403);
    assert.equal(ok(mode('SERVER | 0x80 | 1024')).server.mode, 0x482);
    assert.equal(ok(mode('0xFFFFFFFF')).server.mode, 0xffffffff);
    assert.equal(ok(mode('4294967295')).server.mode, 0xffffffff);
    assert.equal(ok(mode('0x1000|SERVER')).server.mode, 0x1002, 'unknown bits pass through');
    assert.equal(ok(mode('0x80000000 | 1')).server.mode, 0x80000001, 'stays unsigned');
    assert.equal(ok(mode('010')).server.mode, 10, 'decimal, as the contract says (not C octal)');
  });
  it('accepts a number', () => {
    assert.equal(ok(mode(0)).server.mode, 0);
    assert.equal(ok(mode(514)).server.mode, 514);
    assert.equal(ok(mode(4294967295)).server.mode, 0xffffffff);
  });
  it('rejects unknown and miscased flag names, with a suggestion', () => {
    rejects(mode('SEVRER'), 'server.mode', /^server\.mode: unknown flag "SEVRER"; did you mean SERVER\?$/);
    rejects(mode('SSL_SESS_CACHE_SEVRER'), 'server.mode', /unknown flag "SSL_SESS_CACHE_SEVRER"; did you mean SSL_SESS_CACHE_SERVER\?/);
    rejects(mode('server'), 'server.mode', /unknown flag "server"; flag names are case-sensitive: SERVER/);
    rejects(mode('SERVER|Ssl_Sess_Cache_Off'), 'server.mode', /unknown flag "Ssl_Sess_Cache_Off"/);
    rejects(mode('SSL_SESS_CACHE_'), 'server.mode', /unknown flag "SSL_SESS_CACHE_"/);
    rejects(mode('SESS_CACHE_SERVER'), 'server.mode', /unknown flag "SESS_CACHE_SERVER"/);
    rejects(mode('SSL_VERIFY_PEER'), 'server.mode', /unknown flag "SSL_VERIFY_PEER"/);
  });
  it('rejects empty tokens', () => {
    rejects(mode(''), 'server.mode', /is empty/);
    rejects(mode('  '), 'server.mode', /is empty/);
    rejects(mode('SERVER|'), 'server.mode', /empty flag after the last "\|"/);
    rejects(mode('|SERVER'), 'server.mode', /empty flag before the first "\|"/);
    rejects(mode('SERVER|| NO_AUTO_CLEAR'), 'server.mode', /empty flag between two "\|"/);
    rejects(mode('SERVER | | NO_AUTO_CLEAR'), 'server.mode', /empty flag between two "\|"/);
  });
  it('allows blanks only around |', () => {
    rejects(mode(' SERVER'), 'server.mode', /starts with a blank/);
    rejects(mode('SERVER '), 'server.mode', /ends with a blank/);
    rejects(mode('SERVER NO_AUTO_CLEAR'), 'server.mode', /"SERVER NO_AUTO_CLEAR": flags must be joined by "\|"/);
    rejects(mode('SERVER|\nCLIENT'), 'server.mode', /is not a flag name or a number/);
  });
  it('has no operators, parentheses or casts other than |', () => {
    for (const m of ['SERVER+CLIENT', '(SERVER)', 'SERVER||CLIENT', '~SERVER', '(long)SERVER', 'SERVER,CLIENT', '-1', '+2', '1u', '0b1', '2.0']) {
      assert.throws(() => parseScenario(mode(m)), ScenarioError, m);
    }
    rejects(mode('SERVER & 2'), 'server.mode', /"SERVER & 2": flags must be joined by "\|"/);
    rejects(mode('SERVER+CLIENT'), 'server.mode', /"SERVER\+CLIENT" is not a flag name or a number/);
  });
  it('takes decimal and lowercase 0x hex, within 0..0xFFFFFFFF', () => {
    rejects(mode('0X10'), 'server.mode', /"0X10": write hex numbers with a lowercase 0x/);
    rejects(mode('0x'), 'server.mode', /"0x" is not a flag name or a number/);
    rejects(mode('0x100000000'), 'server.mode', /0x100000000 is out of range \(0\.\.0xFFFFFFFF\)/);
    rejects(mode('4294967296'), 'server.mode', /4294967296 is out of range/);
    assert.equal(parseModeString('0x000000000000ff'), 0xff);
  });
  it('checks a numeric mode like any number', () => {
    rejects(mode(4294967296), 'server.mode', /must be at most 4294967295 \(0xFFFFFFFF\), got 4294967296/);
    rejects(mode(-1), 'server.mode', /must be at least 0, got -1/);
    rejects(mode(2.5), 'server.mode', /must be a whole number, got 2\.5/);
    rejects(mode(true), 'server.mode', /must be a number or a string of flag names, got true/);
    rejects(mode(null), 'server.mode', /got null/);
    rejects(mode(['SERVER']), 'server.mode', /got an array/);
  });
  it('parseModeString names the path it is given', () => {
    assert.throws(() => parseModeString('X', 'modes[2]'), (e: unknown) => e instanceof ScenarioError && e.path === 'modes[2]');
  });
});

describe('scenario contract: rejected input, with the field path', () => {
  it('rejects unknown fields at every level, suggesting the right name', () => {
    rejects(text({ verison: 1 }), 'verison', /^verison: unknown field; did you mean "version"\?$/);
    rejects(text({ comment: 'x' }), 'comment', /^comment: unknown field$/);
    rejects(withServer({ cachesize: 1 }), 'server.cachesize', /unknown field; did you mean "cacheSize"\?/);
    rejects(withServer({ sessionIdCtx: 'a' }), 'server.sessionIdCtx', /unknown field/);
    rejects(withEvents([{ at: 0, connect: 'a' }, { at: 1, conect: 'a' }]), 'events[1].conect', /unknown field; did you mean "connect"\?/);
    rejects(withEvents([{ at: 0, connect: 'a', note: 1 }]), 'events[0].note', /unknown field/);
    rejects(withServer({ 'a b': 1 }), 'server["a b"]', /unknown field/);
    rejects(text({ __proto__x: 1 }), '__proto__x', /unknown field/);
    rejects('{"version":1,"protocol":"TLSv1.2","events":[],"__proto__":{}}', '__proto__', /unknown field/);
  });
  it('rejects duplicate keys at every level', () => {
    rejects('{"version":1,"version":1,"protocol":"TLSv1.2","events":[]}', 'version', /^version: duplicate key \(at line 1, column 14\)$/);
    rejects('{"version":1,"protocol":"TLSv1.2","server":{"mode":2,"mode":3},"events":[]}', 'server.mode', /duplicate key/);
    rejects('{"version":1,"protocol":"TLSv1.2","events":[{"at":0,"at":1,"connect":"a"}]}', 'events[0].at', /duplicate key/);
    rejects('{"version":1,"protocol":"TLSv1.2","events":[],\n  "events":[]}', 'events', /duplicate key \(at line 2, column 3\)/);
  });
  it('rejects trailing text and broken JSON, saying where', () => {
    rejects(text() + ' x', '', /^trailing text after the JSON \(at line 1, column \d+\)$/);
    rejects(text() + '{}', '', /trailing text/);
    rejects(text() + '\n// comment', '', /trailing text after the JSON \(at line 2, column 1\)/);
    rejects('', '', /empty input/);
    rejects('  ', '', /empty input/);
    rejects('{"version":1,', '', /expected a "quoted" field name, found the end of the input/);
    rejects('{"version":1,"protocol":"TLSv1.2","events":[{"at":0,"connect":"a",}]}', 'events[0]', /expected a "quoted" field name, found "}"/);
    rejects('{"version":1,"protocol":"TLSv1.2","events":[{"at":0,"connect":"a"},]}', 'events[1]', /expected a value, found "]"/);
    rejects('{"version":01}', 'version', /bad number/);
    rejects('{"version":+1}', 'version', /expected a value/);
    rejects('{"version":1.}', 'version', /bad number/);
    rejects('{"version":.5}', 'version', /expected a value/);
    rejects('{"version":NaN}', 'version', /expected a value/);
    rejects("{'version':1}", '', /expected a "quoted" field name/);
    rejects('{"protocol":"TLS\tv1.2"}', 'protocol', /control character in a string/);
    rejects('{"protocol":"\\x41"}', 'protocol', /bad escape/);
    rejects('{"protocol":"TLSv1.2', 'protocol', /unterminated string/);
    rejects('{"version" 1}', 'version', /expected ":"/);
    rejects('{"version":1 "protocol":"x"}', '', /expected "," or "}"/);
    rejects('{"events":[1 2]}', 'events', /expected "," or "]"/);
    rejects('{"version":tru}', 'version', /expected a value/);
    rejects('['.repeat(100), '[0]'.repeat(64), /nested too deeply/);
  });
  it('rejects a lone surrogate (not text; its UTF-8 length is undefined)', () => {
    rejects(withEvents([{ at: 0, connect: 'x' }]).replace('"x"', '"\\ud800"'), 'events[0].connect', /lone surrogate \\uD800/);
    rejects(withServer({ sessionIdContext: 'x' }).replace('"x"', '"a\\udc00"'), 'server.sessionIdContext', /lone surrogate \\uDC00/);
  });
  it('requires the top level to be an object', () => {
    rejects('[]', '', /^must be an object, got an array$/);
    rejects('1', '', /must be an object, got 1/);
    rejects('null', '', /must be an object, got null/);
  });
  it('requires version 1', () => {
    rejects(text({ version: undefined }), 'version', /^version: required/);
    rejects(text({ version: 2 }), 'version', /^version: must be 1, got 2$/);
    rejects(text({ version: '1' }), 'version', /must be 1, got "1"/);
    rejects(text({ version: 1.5 }), 'version', /must be 1, got 1\.5/);
    rejects(text({ version: -1 }), 'version', /must be 1, got -1/);
    assert.equal(ok(text().replace('"version":1', '"version":0.1e1')).version, 1);
  });
  it('checks library and protocol', () => {
    rejects(text({ library: 'openssl3' }), 'library', /^library: unknown library "openssl3"; expected one of: openssl-3\.0, openssl-1\.1\.1, openssl-1\.0\.2, libressl, boringssl$/);
    rejects(text({ library: 'OpenSSL-3.0' }), 'library', /unknown library/);
    rejects(text({ library: 3 }), 'library', /must be a string, got 3/);
    rejects(text({ protocol: undefined }), 'protocol', /^protocol: required/);
    rejects(text({ protocol: 'TLSv1.1' }), 'protocol', /must be "TLSv1\.2" or "TLSv1\.3", got "TLSv1\.1"/);
    rejects(text({ protocol: 'tlsv1.3' }), 'protocol', /must be "TLSv1\.2" or "TLSv1\.3"/);
  });
  it('takes a workload instead of events, checked field by field', () => {
    rejects(text({ workload: { seed: 1 } }), 'workload', /^workload: give either "events" or "workload", not both$/);
    const w = parseScenario(text({ events: undefined, workload: { seed: 7, clients: 3, connections: 10, rate: 2 } }));
    assert.deepEqual(w.events, []);
    assert.equal(w.workload?.connections, 10);
    assert.equal(parseScenario(text({ events: undefined, workload: { duration: 60, rate: 5 } })).workload?.connections, 300);
    rejects(text({ events: undefined, workload: { seed: -1 } }), 'workload.seed', /^workload\.seed: must be a whole number >= 0$/);
    rejects(text({ events: undefined, workload: { clients: 2, colour: 'red' } }), 'workload.colour', /unknown field/);
    rejects(text({ events: undefined, workload: { resumeProbability: 2 } }), 'workload.resumeProbability', /from 0 to 1/);
    rejects(text({ events: undefined, workload: { connections: 5, duration: 5 } }), 'workload.duration', /either connections or duration/);
    rejects(text({ events: undefined, workload: [] }), 'workload', /must be an object/);
  });
  it('checks the server object and its fields', () => {
    rejects(withServer([]), 'server', /^server: must be an object, got an array$/);
    rejects(withServer(null), 'server', /must be an object, got null/);
    rejects(withServer({ cacheSize: -1 }), 'server.cacheSize', /^server\.cacheSize: must be at least 0, got -1$/);
    rejects(withServer({ cacheSize: 1.5 }), 'server.cacheSize', /must be a whole number, got 1\.5/);
    rejects(withServer({ cacheSize: '10' }), 'server.cacheSize', /must be a whole number, got "10"/);
    rejects(withServer({ cacheSize: 9007199254740992 }), 'server.cacheSize', /must be at most 9007199254740991, got 9007199254740992/);
    rejects(withServer({ timeout: 0 }), 'server.timeout', /^server\.timeout: must be at least 1, got 0$/);
    rejects(withServer({ timeout: -5 }), 'server.timeout', /must be at least 1/);
    rejects(withServer({ numTickets: -1 }), 'server.numTickets', /must be at least 0, got -1/);
    rejects(withServer({ numTickets: 0.5 }), 'server.numTickets', /must be a whole number/);
    rejects(withServer({ verifyPeer: 'yes' }), 'server.verifyPeer', /must be true or false, got "yes"/);
    rejects(withServer({ verifyPeer: 1 }), 'server.verifyPeer', /must be true or false, got 1/);
    rejects(withServer({ tickets: null }), 'server.tickets', /must be true or false, got null/);
    rejects(withServer({ callbacks: 'new' }), 'server.callbacks', /must be an array/);
    rejects(withServer({ callbacks: ['new', 'delete'] }), 'server.callbacks[1]', /^server\.callbacks\[1\]: unknown callback "delete"; expected "new", "get" or "remove"/);
    rejects(withServer({ callbacks: ['New'] }), 'server.callbacks[0]', /unknown callback "New".*did you mean "new"/);
    rejects(withServer({ callbacks: [1] }), 'server.callbacks[0]', /must be a string, got 1/);
  });
  it('limits the session id context to 32 UTF-8 bytes', () => {
    rejects(withServer({ sessionIdContext: 'x'.repeat(33) }), 'server.sessionIdContext', /^server\.sessionIdContext: is 33 bytes \(UTF-8\); at most 32 are allowed$/);
    rejects(withServer({ sessionIdContext: 'é'.repeat(16) + 'x' }), 'server.sessionIdContext', /is 33 bytes/);
    rejects(withServer({ sessionIdContext: '😀'.repeat(8) + 'x' }), 'server.sessionIdContext', /is 33 bytes/);
    rejects(withServer({ sessionIdContext: 5 }), 'server.sessionIdContext', /must be a string/);
  });
  it('checks numbers exactly, not through floating point', () => {
    rejects(withServer({ timeout: 1 }).replace('"timeout":1', '"timeout":0.99999999999999999999'), 'server.timeout', /must be a whole number, got 0\.99999999999999999999/);
    rejects(withServer({ timeout: 1 }).replace('"timeout":1', '"timeout":9007199254740993'), 'server.timeout', /must be at most 9007199254740991/);
    rejects(withServer({ timeout: 1 }).replace('"timeout":1', '"timeout":9007199254740991.5'), 'server.timeout', /must be a whole number/);
    rejects(withServer({ timeout: 1 }).replace('"timeout":1', '"timeout":1e400'), 'server.timeout', /must be at most/);
    rejects(withServer({ timeout: 1 }).replace('"timeout":1', '"timeout":1e-400'), 'server.timeout', /must be a whole number/);
    rejects(withServer({ timeout: 1 }).replace('"timeout":1', '"timeout":1e999999999999'), 'server.timeout', /must be at most/);
    rejects(withServer({ timeout: 1 }).replace('"timeout":1', '"timeout":-0.0'), 'server.timeout', /must be at least 1, got -0\.0/);
  });
  it('requires events as an array of objects', () => {
    rejects(text({ events: undefined }), 'events', /^events: required/);
    rejects(withEvents({}), 'events', /must be an array, got an object/);
    rejects(withEvents([1]), 'events[0]', /^events\[0\]: must be an object, got 1$/);
  });
  it('requires exactly one of connect and flush', () => {
    rejects(withEvents([{ at: 0, connect: 'a', flush: 'all' }]), 'events[0]', /^events\[0\]: has both "connect" and "flush"/);
    rejects(withEvents([{ at: 0, connect: 'a' }, { at: 1 }]), 'events[1]', /^events\[1\]: needs "connect" \(a client name\) or "flush"/);
    rejects(withEvents([{ at: 0, resume: false }]), 'events[0]', /needs "connect"/);
  });
  it('checks at: required, whole, >= 0, never decreasing', () => {
    rejects(withEvents([{ connect: 'a' }]), 'events[0].at', /^events\[0\]\.at: required/);
    rejects(withEvents([{ at: -1, connect: 'a' }]), 'events[0].at', /must be at least 0, got -1/);
    rejects(withEvents([{ at: 0.5, connect: 'a' }]), 'events[0].at', /must be a whole number, got 0\.5/);
    rejects(withEvents([{ at: '1', connect: 'a' }]), 'events[0].at', /must be a whole number, got "1"/);
    rejects(withEvents([{ at: 9007199254740992, connect: 'a' }]), 'events[0].at', /must be at most 9007199254740991/);
    rejects(
      withEvents([{ at: 0, connect: 'a' }, { at: 15, connect: 'a' }, { at: 15, flush: 'all' }, { at: 12, connect: 'b' }]),
      'events[3].at',
      /^events\[3\]\.at: goes backwards \(12 after 15\)$/,
    );
    rejects(withEvents([{ at: 7, flush: 'expired' }, { at: 6, flush: 'all' }]), 'events[1].at', /goes backwards \(6 after 7\)/);
  });
  it('checks connect: a non-empty string name; resume and abort booleans', () => {
    rejects(withEvents([{ at: 0, connect: '' }]), 'events[0].connect', /^events\[0\]\.connect: the client name is empty$/);
    rejects(withEvents([{ at: 0, connect: 7 }]), 'events[0].connect', /must be a string, got 7/);
    rejects(withEvents([{ at: 0, connect: null }]), 'events[0].connect', /must be a string, got null/);
    rejects(withEvents([{ at: 0, connect: 'a', resume: 'no' }]), 'events[0].resume', /must be true or false, got "no"/);
    rejects(withEvents([{ at: 0, connect: 'a', abort: 1 }]), 'events[0].abort', /must be true or false, got 1/);
  });
  it('checks flush: "expired" or "all", without resume or abort', () => {
    rejects(withEvents([{ at: 0, flush: 'everything' }]), 'events[0].flush', /^events\[0\]\.flush: must be "expired" or "all", got "everything"$/);
    rejects(withEvents([{ at: 0, flush: true }]), 'events[0].flush', /must be a string, got true/);
    rejects(withEvents([{ at: 0, flush: 'all', resume: false }]), 'events[0].resume', /^events\[0\]\.resume: not allowed on a flush/);
    rejects(withEvents([{ at: 0, flush: 'all', abort: false }]), 'events[0].abort', /not allowed on a flush/);
  });
  it('reports a ScenarioError with name, path and detail', () => {
    try {
      parseScenario(mode('SEVRER'));
      assert.fail('no error');
    } catch (e) {
      assert.ok(e instanceof ScenarioError && e instanceof Error);
      assert.equal(e.name, 'ScenarioError');
      assert.equal(e.path, 'server.mode');
      assert.equal(e.detail, 'unknown flag "SEVRER"; did you mean SERVER?');
      assert.equal(e.message, 'server.mode: unknown flag "SEVRER"; did you mean SERVER?');
    }
  });
});

describe('scenario contract: defaults and results', () => {
  it('resolves library defaults for everything not given', () => {
    assert.deepEqual(resolvedServer(ok(text())), {
      mode: 0x0002, cacheSize: 20480, timeout: 7200, sessionIdContext: '', verifyPeer: false, tickets: true,
      numTickets: 2, callbacks: { new: false, get: false, remove: false },
    });
    assert.equal(resolvedServer(ok(text({ library: 'openssl-1.0.2' }))).timeout, 300, 'SSLv23_method (spec §2)');
    assert.equal(resolvedServer(ok(text({ library: 'boringssl' }))).timeout, 7200);
    const given = resolvedServer(ok(withServer({ mode: 'OFF', cacheSize: 0, timeout: 5, sessionIdContext: 'a', verifyPeer: true, tickets: false, numTickets: 0, callbacks: ['get'] })));
    assert.deepEqual(given, {
      mode: 0, cacheSize: 0, timeout: 5, sessionIdContext: 'a', verifyPeer: true, tickets: false,
      numTickets: 0, callbacks: { new: false, get: true, remove: false },
    });
  });
  it('lists the counters in the contract order', () => {
    const contract = readRepoFile('docs', 'spec', 'scenario-contract.md');
    const example = JSON.parse(/## Output\s+```json\n([\s\S]*?)```/.exec(contract)![1]) as ScenarioResult;
    assert.deepEqual(Object.keys(example.counters), COUNTER_NAMES);
    assert.deepEqual(Object.keys(zeroCounters()), COUNTER_NAMES);
  });
  it('diffs two results field by field', () => {
    const a: ScenarioResult = {
      trace: [{ event: 0, kind: 'connect', client: 'a', offered: false, resumed: false, failed: false, number: 1 }],
      counters: { ...zeroCounters(), number: 1 },
    };
    const b: ScenarioResult = structuredClone(a);
    assert.deepEqual(diffResults(a, b), []);
    (b.trace[0] as { resumed: boolean }).resumed = true;
    b.counters.hits = 1;
    b.trace.push({ event: 1, kind: 'flush', number: 0 });
    assert.deepEqual(diffResults(a, b), ['trace[0].resumed: expected false, got true', 'trace[1]: unexpected', 'counters.hits: expected 0, got 1']);
  });
});

describe('parseScenario on long runs (found by fuzzing: regexes that were quadratic in the run length)', () => {
  const withServer = (server: string) => `{"version":1,"protocol":"TLSv1.2","server":${server},"events":[]}`;
  const rejects = (text: string, message: RegExp) => assert.throws(() => parseScenario(text), (e: unknown) => e instanceof ScenarioError && message.test(e.message));

  it('blanks inside a mode string: 200,000 of them are reported at once', () => {
    rejects(withServer(`{"mode":"SERVER${' '.repeat(200_000)}x"}`), /^server\.mode: "SERVER +x": flags must be joined by "\|"$/);
    assert.equal(parseScenario(withServer(`{"mode":"SERVER${' \\t'.repeat(100_000)}|${'\\t '.repeat(100_000)}NO_AUTO_CLEAR"}`)).server.mode, 0x82);
  });

  it('numbers with 200,000 zeros: whole or not, decided exactly', () => {
    rejects(withServer(`{"timeout":1${'0'.repeat(200_000)}1}`), /^server\.timeout: must be at most 9007199254740991/);
    rejects(withServer(`{"timeout":1.${'0'.repeat(200_000)}1}`), /^server\.timeout: must be a whole number/);
    assert.equal(parseScenario(withServer(`{"timeout":3.${'0'.repeat(200_000)}e5}`)).server.timeout, 300000);
  });
});

describe('field paths of odd keys (found by fuzzing)', () => {
  it('an unknown workload field that is not an identifier is quoted, as elsewhere', () => {
    assert.throws(
      () => parseScenario('{"version":1,"protocol":"TLSv1.3","workload":{"flush{{interval":3600}}'),
      (e: unknown) => e instanceof ScenarioError && e.path === 'workload["flush{{interval"]' && e.message === 'workload["flush{{interval"]: unknown field',
    );
    assert.throws(() => parseScenario('{"version":1,"protocol":"TLSv1.3","server":{"a b":1}}'), (e: unknown) => e instanceof ScenarioError && e.path === 'server["a b"]');
  });
});

describe('workload clients are bounded (found by fuzzing: 2^53-1 clients were accepted, then the simulator threw a RangeError)', () => {
  const withClients = (clients: number) => `{"version":1,"protocol":"TLSv1.2","workload":{"clients":${clients},"connections":10}}`;
  it(`accepts ${MAX_CLIENTS} and runs it; refuses one more, naming the field`, () => {
    assert.equal(summariseScenario(parseScenario(withClients(MAX_CLIENTS))).counters.accept, 10);
    assert.throws(() => parseScenario(withClients(MAX_CLIENTS + 1)), (e: unknown) => e instanceof ScenarioError && e.message === `workload.clients: must be a whole number from 1 to ${MAX_CLIENTS}`);
    assert.throws(() => parseScenario(withClients(2 ** 53 - 1)), ScenarioError);
  });
});
