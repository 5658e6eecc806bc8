import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits } from '../../../testing/edits';
import { readRepoFile, repoRoot } from '../../../testing/paths';
import { mulberry32 } from '../../simulator/workload';
import { analyzeSslcache } from './analyze';
import { parseSslcache } from './parse';

const FIXTURES = 'server/src/languageservice/config/sslcache/fixtures';

interface ExpectedFinding {
  line: number;
  range: string;
  message: string;
  fix?: string;
}
interface Expected {
  findings: ExpectedFinding[];
  setting?: Record<string, unknown>;
  workloads?: string[];
}

const expected = JSON.parse(readRepoFile(FIXTURES, 'expected.json')) as Record<string, Expected>;
const fixtureFiles = fs
  .readdirSync(path.join(repoRoot(), FIXTURES))
  .filter((f) => f.endsWith('.sslcache'))
  .sort();

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

describe('sslcache parser fixtures', () => {
  it('has an expectation for every fixture and a fixture for every expectation', () => {
    assert.deepEqual(fixtureFiles, Object.keys(expected).filter((k) => !k.startsWith('$')).sort());
  });

  for (const file of fixtureFiles) {
    describe(file, () => {
      const text = readRepoFile(FIXTURES, file);
      const analysis = analyzeSslcache(text);
      const want = expected[file];

      it('reports exactly the expected findings', () => {
        const got = analysis.findings.map((f) => {
          const out: ExpectedFinding = { line: lineOf(text, f.start), range: text.slice(f.start, f.end), message: f.message };
          if (f.fixes[0]) out.fix = f.fixes[0].edits[0].newText;
          return out;
        });
        assert.deepEqual(got, want.findings);
        for (const f of analysis.findings) {
          assert.equal(f.ruleId, 'sslcache-syntax');
          assert.equal(f.severity, 'error');
          assert.ok(f.end > f.start, `empty range for ${f.message}`);
        }
      });

      it('each preferred fix removes its finding', () => {
        for (const f of analysis.findings) {
          const fix = f.fixes.find((x) => x.preferred) ?? f.fixes[0];
          if (!fix) continue;
          const fixed = analyzeSslcache(applyEdits(text, fix.edits));
          const count = (findings: { message: string }[]) => findings.filter((g) => g.message === f.message).length;
          assert.ok(count(fixed.findings) < count(analysis.findings), `fix "${fix.title}" left: ${f.message}`);
          assert.ok(fixed.findings.length < analysis.findings.length, `fix "${fix.title}" did not reduce the findings`);
        }
      });

      if (want.setting) {
        it('gives the expected setting', () => {
          assert.equal(analysis.settings.length, 1);
          const setting = analysis.settings[0] as unknown as Record<string, unknown>;
          for (const [key, value] of Object.entries(want.setting!)) {
            assert.deepEqual(setting[key], value === null ? undefined : value, key);
          }
          assert.equal(setting.role, 'server');
        });
      }
      if (want.workloads) {
        it('finds the workloads', () => {
          assert.deepEqual(
            analysis.document.workloads.map((w) => w.name),
            want.workloads,
          );
        });
      }
    });
  }
});

describe('sslcache syntax tree', () => {
  const text = readRepoFile(FIXTURES, 'web-external.sslcache');
  const doc = parseSslcache(text);

  it('keeps offsets of every directive name, value and comment', () => {
    assert.equal(doc.directives.length, 19);
    for (const d of doc.directives) {
      assert.equal(text.slice(d.name.start, d.name.end), d.name.text);
      for (const v of d.values) assert.equal(text.slice(v.start, v.end), v.text);
      if (d.comment) assert.equal(text.slice(d.comment.start, d.comment.end), d.comment.text);
      assert.ok(d.comment === undefined || d.comment.text.startsWith('#'));
      assert.ok(d.value, `${d.name.text} has a value`);
    }
  });

  it('reads the mode operands and their flags', () => {
    const mode = doc.serverDirectives.get('mode')!;
    assert.deepEqual(
      mode.mode!.tokens.map((t) => [t.text, t.flag?.name, t.value]),
      [
        ['SERVER', 'SSL_SESS_CACHE_SERVER', 2],
        ['NO_INTERNAL', 'SSL_SESS_CACHE_NO_INTERNAL', 0x300],
        ['NO_AUTO_CLEAR', 'SSL_SESS_CACHE_NO_AUTO_CLEAR', 0x80],
      ],
    );
    assert.equal(mode.mode!.pipes.length, 2);
    assert.equal(text.slice(mode.valueSpan!.start, mode.valueSpan!.end), 'SERVER | NO_INTERNAL | NO_AUTO_CLEAR');
  });

  it('groups the indented fields under their workload', () => {
    const [peak] = doc.workloads;
    assert.equal(peak.name, 'peak');
    assert.deepEqual(
      peak.fields.map((f) => f.name.text),
      ['preset', 'clients', 'connections', 'rate', 'resume', 'abort', 'flush-interval', 'seed'],
    );
    assert.equal(peak.preset?.id, 'web');
    assert.deepEqual(peak.values.get('flush-interval')!.value, { kind: 'number', value: 600 });
  });

  it('reads the server values', () => {
    assert.deepEqual(doc.server, {
      library: 'openssl-3.0',
      protocols: ['TLSv1.2', 'TLSv1.3'],
      mode: 0x382,
      cacheSize: 20480,
      timeout: 300,
      numTickets: 2,
      sessionIdContext: 'example',
      verifyPeer: false,
      tickets: true,
      callbacks: ['new', 'get', 'remove'],
    });
  });

  it('handles CRLF, a byte order mark, tabs and a missing final line break', () => {
    const crlf = parseSslcache('\uFEFFmode\tSERVER\r\nworkload w\r\n\tclients 3\r\n\tduration 1h30m');
    assert.deepEqual(crlf.findings, []);
    assert.equal(crlf.eol, '\r\n');
    assert.equal(crlf.server.mode, 2);
    assert.equal(crlf.workloads[0].values.get('duration')!.value!.kind, 'number');
    assert.deepEqual(crlf.workloads[0].values.get('duration')!.value, { kind: 'number', value: 5400 });
    assert.equal(crlf.lines.length, 4);
    assert.equal(crlf.lines[0].start, 1);
  });

  it('reads every value form', () => {
    const doc2 = parseSslcache(
      [
        'session-id-context "caf\\u{E9} \\"q\\" \\\\ \\t"',
        'mode 0x0302 | 128',
        'workload w',
        '  rate 2/h',
        '  resume 50%',
        '  abort .5',
        '  start 1d',
        '  flush all',
      ].join('\n'),
    );
    assert.deepEqual(doc2.findings, []);
    assert.equal(doc2.server.sessionIdContext, 'café "q" \\ \t');
    assert.equal(doc2.server.mode, 0x382);
    const w = doc2.workloads[0].values;
    assert.deepEqual(w.get('rate')!.value, { kind: 'number', value: 2 / 3600 });
    assert.deepEqual(w.get('resume')!.value, { kind: 'number', value: 0.5 });
    assert.deepEqual(w.get('abort')!.value, { kind: 'number', value: 0.5 });
    assert.deepEqual(w.get('start')!.value, { kind: 'number', value: 86400 });
    assert.deepEqual(w.get('flush')!.value, { kind: 'flush', flush: 'all' });
  });

  it('counts the session id context in UTF-8 bytes', () => {
    assert.deepEqual(parseSslcache(`session-id-context "${'é'.repeat(16)}"`).findings, []);
    const over = parseSslcache(`session-id-context "${'é'.repeat(16)}x"`);
    assert.match(over.findings[0].message, /is 33 bytes \(UTF-8\); SSL_CTX_set_session_id_context accepts at most 32/);
    assert.deepEqual(parseSslcache('session-id-context ""').server.sessionIdContext, '');
  });

  it('suggests indenting a field and names the workload field outside any workload', () => {
    const inside = parseSslcache('workload a\nclients 3\n');
    assert.equal(inside.findings.length, 1);
    assert.match(inside.findings[0].message, /belongs to workload "a": indent it/);
    assert.equal(inside.workloads[0].values.get('clients')?.value?.kind, 'number');
    const after = parseSslcache('workload a\n  clients 3\nmode SERVER\n  clients 4\n');
    assert.match(after.findings[0].message, /outside a workload; move it under a `workload NAME` line, indented/);
  });
});

describe('sslcache parser robustness', () => {
  const samples = fixtureFiles.map((f) => readRepoFile(FIXTURES, f));

  it('never throws on any prefix or suffix of the fixtures', () => {
    for (const text of samples) {
      for (let i = 0; i <= text.length; i++) {
        analyzeSslcache(text.slice(0, i));
        analyzeSslcache(text.slice(i));
      }
    }
  });

  it('never throws on random text, and every finding lies inside the text', () => {
    const random = mulberry32(7);
    const alphabet = ['mode', 'workload', ' ', '  ', '\t', '\n', '\r\n', '#', '"', '\\', '|', 'SERVER', '0x', '1', '5m', 'clients', 'preset', 'web', 'x', 'é', '%', '/'];
    for (let n = 0; n < 400; n++) {
      let text = '';
      const length = Math.floor(random() * 40);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      const a = analyzeSslcache(text);
      for (const f of a.findings) assert.ok(f.start >= 0 && f.end <= text.length && f.start <= f.end, JSON.stringify({ text, f }));
      for (let offset = 0; offset <= text.length; offset++) a.hoverAt(offset);
    }
  });
});

describe('many workloads (found by fuzzing: each name was compared with every earlier one)', () => {
  it('20,000 workloads: names looked up, the duplicate at the end found with its line', () => {
    const text = Array.from({ length: 20_000 }, (_, i) => `workload w${i}\n  connections 10\n`).join('') + 'workload w7\n';
    const doc = parseSslcache(text);
    assert.equal(doc.workloads.length, 20_001);
    assert.deepEqual(doc.findings.map((f) => f.message), ['duplicate workload name "w7": already used on line 15']);
  });
});
