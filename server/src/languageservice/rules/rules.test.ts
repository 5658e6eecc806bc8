import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeC } from '../c/analysis';
import { LIBRARY_IDS } from '../knowledge/libraries';
import { applyEdits } from '../../testing/edits';
import { readRepoFile, specSections } from '../../testing/paths';
import { lintC } from './lint';
import { allRules } from './registry';
import type { Finding } from './types';


/** Examples are fragments: wrap statements in a function so that they form a translation unit. */
function asFile(code: string): string {
  return /^\s*(static |void |int |SSL_CTX \*|#)/.test(code) && /\{/.test(code) ? code : `void example(SSL_CTX *ctx)\n{\n${code}\n}\n`;
}

describe('rules', () => {
  it('ids are unique kebab-case and every rule cites an existing spec section', () => {
    const sections = specSections(readRepoFile('docs/spec/openssl-session-cache.md'));
    const ids = allRules.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const rule of allRules) {
      assert.match(rule.id, /^[a-z]+(-[a-z]+)*$/);
      for (const s of rule.section.match(/§\d+(\.\d+)?/g) ?? []) assert.ok(sections.has(s), `${rule.id}: ${s}`);
      assert.ok(rule.bad.length > 0 && rule.good.length > 0, `${rule.id} needs good and bad examples`);
    }
  });

  for (const rule of allRules) {
    describe(rule.id, () => {
      for (const [i, example] of rule.bad.entries()) {
        it(`flags bad example ${i + 1}${example.library ? ` (${example.library})` : ''}`, () => {
          const text = asFile(example.code);
          const findings = lintC(analyzeC(text), { library: example.library ?? 'openssl-3.0' }).filter((f) => f.ruleId === rule.id);
          assert.ok(findings.length > 0, `no ${rule.id} in:\n${text}`);
          for (const f of findings) {
            assert.ok(f.start >= 0 && f.end <= text.length && f.start < f.end, 'range inside the document');
            for (const fix of f.fixes) {
              // Every fix is applied and the result re-linted: this finding is gone.
              const fixed = applyEdits(text, fix.edits);
              const again = lintC(analyzeC(fixed), { library: example.library ?? 'openssl-3.0' }).filter((g) => g.ruleId === rule.id && g.message === f.message);
              assert.equal(again.length, 0, `fix "${fix.title}" leaves ${rule.id}:\n${fixed}`);
            }
          }
        });
      }
      for (const [i, example] of rule.good.entries()) {
        it(`leaves good example ${i + 1} alone${example.library ? ` (${example.library})` : ''}`, () => {
          const text = asFile(example.code);
          const findings: Finding[] = lintC(analyzeC(text), { library: example.library ?? 'openssl-3.0' }).filter((f) => f.ruleId === rule.id);
          assert.deepEqual(findings.map((f) => f.message), []);
        });
      }
    });
  }

  it('severity settings: off silences a rule, a severity replaces the default', () => {
    const doc = analyzeC('void f(SSL_CTX *ctx) { SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVR); }');
    assert.equal(lintC(doc, { library: 'openssl-3.0', severities: { 'unknown-flag': 'off' } }).length, 0);
    assert.equal(lintC(doc, { library: 'openssl-3.0', severities: { 'unknown-flag': 'hint' } })[0].severity, 'hint');
  });

  it('ignore comments silence one rule, several, or all, on their line or the line above', () => {
    const base = 'void f(SSL_CTX *ctx) {\n%\n  SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVR);\n}';
    const lint = (comment: string) => lintC(analyzeC(base.replace('%', comment)), { library: 'openssl-3.0' }).map((f) => f.ruleId);
    assert.deepEqual(lint(''), ['unknown-flag']);
    assert.deepEqual(lint('  // sesscache-ignore unknown-flag'), []);
    assert.deepEqual(lint('  /* sesscache-ignore numeric-mode, unknown-flag */'), []);
    assert.deepEqual(lint('  // sesscache-ignore'), []);
    assert.deepEqual(lint('  // sesscache-ignore numeric-mode'), ['unknown-flag']);
  });

  it('every rule runs for every library without throwing on its examples', () => {
    for (const rule of allRules) {
      for (const example of [...rule.bad, ...rule.good]) {
        for (const library of LIBRARY_IDS) lintC(analyzeC(asFile(example.code)), { library });
      }
    }
  });
});
