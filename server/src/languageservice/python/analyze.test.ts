import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatHex } from '../mode/decode';
import { extractMarkers } from '../../testing/markers';
import { applyEdits } from '../../testing/edits';
import { readRepoFile } from '../../testing/paths';
import { analyzePython, tokenizePython } from './analyze';

const FIXTURES = 'server/src/languageservice/python/fixtures';

interface Expected {
  hovers: Record<string, { none?: boolean; range?: string; contains?: string[] }>;
  contexts: { receiver: string; mode: string; role: string; timeout: number }[];
  findings: string[];
  fixed?: Record<string, string>;
}

const expectations = JSON.parse(readRepoFile(FIXTURES, 'expectations.json')) as Record<string, Expected>;

describe('pyOpenSSL fixtures', () => {
  for (const [file, expected] of Object.entries(expectations)) {
    if (file.startsWith('$')) continue;
    const { text, markers } = extractMarkers(readRepoFile(FIXTURES, file));
    const analysis = analyzePython(text, { library: 'openssl-3.0' });
    for (const [marker, hover] of Object.entries(expected.hovers)) {
      it(`${file} ⟦${marker}⟧`, () => {
        const got = analysis.hoverAt(markers.get(marker)!);
        if (hover.none) return assert.equal(got, null);
        assert.ok(got, 'a hover');
        assert.equal(text.slice(got.start, got.end), hover.range);
        for (const s of hover.contains ?? []) assert.ok(got.markdown.includes(s), `hover contains ${s}:\n${got.markdown}`);
      });
    }
    it(`${file}: contexts and findings`, () => {
      assert.deepEqual(
        analysis.contexts.map((c) => ({ receiver: c.receiver, mode: formatHex(c.setting.mode), role: c.setting.role, timeout: c.setting.timeout })),
        expected.contexts,
      );
      assert.deepEqual(analysis.findings.map((f) => f.ruleId), expected.findings);
      for (const [ruleId, line] of Object.entries(expected.fixed ?? {})) {
        const finding = analysis.findings.find((f) => f.ruleId === ruleId)!;
        const fixedText = applyEdits(text, finding.fixes[0].edits);
        const at = finding.start;
        assert.equal(fixedText.slice(fixedText.lastIndexOf('\n', at) + 1).split('\n')[0], line);
      }
    });
  }
});

describe('pyOpenSSL extraction', () => {
  it('skips comments, strings with prefixes and triple-quoted strings', () => {
    const names = tokenizePython('a # SESS\nb"x" rb\'y\' """SESS\n""" c').map((t) => t.text);
    assert.deepEqual(names, ['a', 'c']);
  });

  it('an expression it cannot evaluate gives no context rather than a guess', () => {
    assert.deepEqual(analyzePython('ctx.set_session_cache_mode(mode_from_config())', { library: 'openssl-3.0' }).contexts, []);
  });

  it('the same C rules fire at the Python flag', () => {
    const text = 'ctx.set_session_cache_mode(SSL.SESS_CACHE_OFF | SSL.SESS_CACHE_NO_AUTO_CLEAR)\nconn.set_accept_state()';
    const findings = analyzePython(text, { library: 'openssl-3.0' }).findings;
    assert.ok(findings.length > 0, 'some finding');
    assert.ok(findings.every((f) => f.start >= 0 && f.end <= text.length));
  });
});
