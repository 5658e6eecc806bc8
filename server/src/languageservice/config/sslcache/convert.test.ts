import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { readRepoFile, repoRoot } from '../../../testing/paths';
import { LIBRARY_IDS } from '../../knowledge/libraries';
import { FLAGS } from '../../knowledge/flags';
import { WORKLOAD_PRESETS } from '../../simulator/report';
import { parseScenario } from '../../simulator/scenario';
import { mulberry32 } from '../../simulator/workload';
import { SslcacheConversionError, scenarioToSslcache, sslcacheToScenario } from './convert';
import { parseSslcache } from './parse';

const FIXTURES = 'server/src/languageservice/config/sslcache/fixtures';
const SCENARIOS = 'server/src/languageservice/simulator/scenarios';

const cleanFixtures = fs
  .readdirSync(path.join(repoRoot(), FIXTURES))
  .filter((f) => f.endsWith('.sslcache'))
  .map((f) => ({ file: f, text: readRepoFile(FIXTURES, f) }))
  .filter((f) => parseSslcache(f.text).findings.length === 0);

/** scenario JSON → .sslcache → scenario JSON: both must read the same through the contract's parser. */
function roundTrip(scenario: Record<string, unknown>): string {
  const text = scenarioToSslcache(scenario);
  const doc = parseSslcache(text);
  assert.deepEqual(doc.findings, [], text);
  const back = sslcacheToScenario(doc);
  assert.deepEqual(parseScenario(JSON.stringify(back)), parseScenario(JSON.stringify(scenario)), text);
  return text;
}

describe('sslcache → scenario', () => {
  it('gives the contract JSON for the first workload of the web-external fixture', () => {
    const scenario = sslcacheToScenario(parseSslcache(readRepoFile(FIXTURES, 'web-external.sslcache')));
    assert.deepEqual(scenario, {
      version: 1,
      library: 'openssl-3.0',
      protocol: 'TLSv1.3',
      server: {
        mode: 'SERVER | NO_INTERNAL | NO_AUTO_CLEAR',
        cacheSize: 20480,
        timeout: 300,
        sessionIdContext: 'example',
        verifyPeer: false,
        tickets: true,
        numTickets: 2,
        callbacks: ['new', 'get', 'remove'],
      },
      workload: { seed: 1, clients: 5000, connections: 100000, rate: 30, resumeProbability: 0.9, abortProbability: 0.02, flushInterval: 600 },
    });
  });

  it('every workload of every fixture is a valid scenario', () => {
    for (const { file, text } of cleanFixtures) {
      const doc = parseSslcache(text);
      for (const name of [undefined, ...doc.workloads.map((w) => w.name)]) {
        const scenario = sslcacheToScenario(doc, name);
        assert.doesNotThrow(() => parseScenario(JSON.stringify(scenario)), `${file} ${name}`);
      }
    }
  });

  it('merges the preset under the fields written; a duration replaces the preset\'s connections', () => {
    const doc = parseSslcache(readRepoFile(FIXTURES, 'mail-relay.sslcache'));
    assert.deepEqual(sslcacheToScenario(doc, 'day').workload, {
      clients: 20,
      duration: 86400,
      rate: 0.12,
      resumeProbability: 0.95,
      abortProbability: 0.02,
      flushInterval: 3600,
      flush: 'expired',
    });
    assert.deepEqual(sslcacheToScenario(doc, 'burst').workload, {
      seed: 42,
      clients: 50,
      connections: 2000,
      rate: 2 / 60,
      resumeProbability: 0.95,
      abortProbability: 0,
      flushInterval: 3600,
      start: 30,
    });
    assert.equal(sslcacheToScenario(doc).protocol, 'TLSv1.2');
  });

  it('uses the web preset when the file has no workload, and the library given when the file names none', () => {
    const scenario = sslcacheToScenario(parseSslcache('mode SERVER\n'), undefined, { library: 'openssl-1.0.2' });
    const web = WORKLOAD_PRESETS.find((p) => p.id === 'web')!.workload;
    assert.deepEqual(scenario.workload, { ...web });
    assert.equal(scenario.library, 'openssl-1.0.2');
    assert.equal(scenario.protocol, 'TLSv1.2');
    assert.equal(sslcacheToScenario('').protocol, 'TLSv1.3');
    assert.deepEqual(sslcacheToScenario('').server, {});
  });

  it('explains why a file cannot be converted', () => {
    assert.throws(() => sslcacheToScenario('timeout 0\nbogus 1\n'), (e: Error) => e instanceof SslcacheConversionError && e.message === 'the file has 2 errors; line 1: "timeout" must be at least 1 second, got 0');
    const doc = parseSslcache('workload peak\n  preset web\nworkload night\n');
    assert.throws(() => sslcacheToScenario(doc, 'peek'), /no workload named "peek"; did you mean "peak"\?/);
    assert.throws(() => sslcacheToScenario(doc, 'zzzzzz'), /no workload named "zzzzzz"; the file has "peak", "night"/);
    assert.throws(() => sslcacheToScenario('', 'x'), /the file has no workload/);
  });
});

describe('scenario → sslcache', () => {
  it('writes a readable file', () => {
    const text = scenarioToSslcache({
      version: 1,
      protocol: 'TLSv1.2',
      server: { mode: 770, timeout: 7200, sessionIdContext: 'say "hi"\n', callbacks: [] },
      workload: { duration: 5400, rate: 2, flush: 'all', flushInterval: 0 },
    });
    assert.equal(
      text,
      [
        '# Converted from a simulator scenario (contract version 1)',
        'library openssl-3.0',
        'protocol TLSv1.2',
        'mode SERVER | NO_INTERNAL',
        'timeout 2h',
        'session-id-context "say \\"hi\\"\\n"',
        'callbacks none',
        '',
        'workload main',
        '  duration 90m',
        '  rate 2',
        '  flush-interval 0',
        '  flush all',
        '',
      ].join('\n'),
    );
  });

  it('refuses event lists with a clear error', () => {
    const files = fs.readdirSync(path.join(repoRoot(), SCENARIOS)).filter((f) => f.endsWith('.json'));
    assert.ok(files.length > 10);
    for (const file of files) {
      assert.throws(
        () => scenarioToSslcache(readRepoFile(SCENARIOS, file)),
        (e: Error) => e instanceof SslcacheConversionError && /lists "events"; a \.sslcache file describes workloads/.test(e.message),
        file,
      );
    }
  });

  it('refuses invalid scenarios, naming the field', () => {
    assert.throws(() => scenarioToSslcache({ version: 1, protocol: 'TLSv1.2', workload: { clients: 0 } }), /not a valid scenario: workload\.clients: must be a whole number from 1 to 1000000/);
    assert.throws(() => scenarioToSslcache('{"version": 1}'), /not a valid scenario: protocol: required/);
    assert.throws(() => scenarioToSslcache(undefined), SslcacheConversionError);
    assert.throws(
      () => scenarioToSslcache({ version: 1, library: 'openssl-1.0.2', protocol: 'TLSv1.3', workload: {} }),
      /the scenario cannot be written as \.sslcache: OpenSSL 1\.0\.2 has no TLS 1\.3/,
    );
  });

  it('round-trips the scenarios of the simulator\'s tests with a workload instead of events', () => {
    for (const file of fs.readdirSync(path.join(repoRoot(), SCENARIOS)).filter((f) => f.endsWith('.json'))) {
      const scenario = JSON.parse(readRepoFile(SCENARIOS, file)) as Record<string, unknown>;
      delete scenario.events;
      scenario.workload = { clients: 3, connections: 50, seed: 9 };
      roundTrip(scenario);
    }
  });

  it('round-trips every fixture through the contract', () => {
    for (const { file, text } of cleanFixtures) {
      const doc = parseSslcache(text);
      for (const w of doc.workloads.length ? doc.workloads.map((x) => x.name) : [undefined]) {
        const scenario = sslcacheToScenario(doc, w);
        const again = sslcacheToScenario(parseSslcache(scenarioToSslcache(scenario)));
        assert.deepEqual(parseScenario(JSON.stringify(again)), parseScenario(JSON.stringify(scenario)), `${file} ${w}`);
      }
    }
  });

  it('round-trips random scenarios', () => {
    const random = mulberry32(2024);
    const chance = (p: number): boolean => random() < p;
    const int = (max: number): number => Math.floor(random() * (max + 1));
    const pick = <T>(xs: readonly T[]): T => xs[int(xs.length - 1)];
    const contexts = ['', 'app', 'a "quoted" \\ ctx', 'tab\there', 'é€😀', 'x'.repeat(32), '\u0001\u007f\u2028'];
    for (let n = 0; n < 300; n++) {
      const server: Record<string, unknown> = {};
      if (chance(0.7)) {
        server.mode = chance(0.5)
          ? int(0xffff) * (chance(0.1) ? 65536 : 1)
          : Array.from({ length: 1 + int(3) }, () => (chance(0.8) ? (chance(0.5) ? pick(FLAGS).shortName : pick(FLAGS).name) : String(int(4096)))).join(pick(['|', ' | ', '\t|  ']));
      }
      if (chance(0.5)) server.cacheSize = int(30000);
      if (chance(0.5)) server.timeout = 1 + int(200000);
      if (chance(0.5)) server.sessionIdContext = pick(contexts);
      if (chance(0.5)) server.verifyPeer = chance(0.5);
      if (chance(0.5)) server.tickets = chance(0.5);
      if (chance(0.5)) server.numTickets = int(5);
      if (chance(0.5)) server.callbacks = (['new', 'get', 'remove'] as const).filter(() => chance(0.5));
      const workload: Record<string, unknown> = {};
      if (chance(0.5)) workload.seed = int(1e6);
      if (chance(0.5)) workload.clients = 1 + int(10000);
      if (chance(0.5)) workload[chance(0.5) ? 'connections' : 'duration'] = 1 + int(100000);
      if (chance(0.5)) workload.rate = chance(0.5) ? 1 + int(100) : random() * 5 + 1e-6;
      if (chance(0.5)) workload.resumeProbability = chance(0.3) ? pick([0, 1, 1e-7]) : random();
      if (chance(0.5)) workload.abortProbability = random() / 10;
      if (chance(0.5)) workload.flushInterval = int(7200);
      if (chance(0.5)) workload.flush = pick(['expired', 'all']);
      if (chance(0.5)) workload.start = int(100);
      const scenario: Record<string, unknown> = { version: 1, protocol: pick(['TLSv1.2', 'TLSv1.3']), workload };
      if (chance(0.7)) scenario.library = pick(LIBRARY_IDS.filter((l) => l !== 'openssl-1.0.2' || scenario.protocol === 'TLSv1.2'));
      if (chance(0.9)) scenario.server = server;
      roundTrip(scenario);
    }
  });
});
