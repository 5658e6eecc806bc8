import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../../testing/edits';
import { readRepoFile, specSections } from '../../../testing/paths';
import { analyzeNginx } from './analyze';
import { NGINX_RULES } from './rules';

describe('nginx rules', () => {
  it('ids are unique, prefixed and kebab-case; every rule cites existing spec sections and has examples', () => {
    const sections = specSections(readRepoFile('docs/spec/openssl-session-cache.md'));
    const ids = NGINX_RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual([...ids].sort(), [
      'nginx-builtin-per-worker',
      'nginx-long-timeout-with-tickets',
      'nginx-none-vs-off',
      'nginx-syntax',
      'nginx-zone-shared-across-verify-policies',
      'nginx-zone-too-small',
    ]);
    for (const rule of NGINX_RULES) {
      assert.match(rule.id, /^nginx(-[a-z]+)+$/);
      assert.equal(rule.language, 'nginx');
      const cited = rule.section.match(/§\d+(\.\d+)?/g) ?? [];
      assert.ok(cited.length > 0, `${rule.id} cites no section`);
      for (const s of cited) assert.ok(sections.has(s), `${rule.id}: ${s}`);
      for (const s of [...rule.description.matchAll(/§(\d+(?:\.\d+)?)/g)].map((m) => '§' + m[1])) assert.ok(sections.has(s), `${rule.id} description: ${s}`);
      assert.ok(rule.bad.length > 0 && rule.good.length > 0);
    }
  });

  for (const rule of NGINX_RULES) {
    describe(rule.id, () => {
      for (const [i, example] of rule.bad.entries()) {
        it(`flags bad example ${i + 1}`, () => {
          const text = example.code;
          const findings = analyzeNginx(text).findings.filter((f) => f.ruleId === rule.id);
          assert.ok(findings.length > 0, `no ${rule.id} in:\n${text}`);
          for (const f of findings) {
            assert.ok(f.start >= 0 && f.end <= text.length && f.start < f.end, 'range inside the document');
            if (rule.id !== 'nginx-syntax') assert.ok(f.message.length > 80, 'a message that explains');
            for (const fix of f.fixes) {
              const fixed = applyEdits(text, fix.edits);
              const again = analyzeNginx(fixed).findings;
              assert.equal(again.filter((g) => g.ruleId === rule.id && g.message === f.message).length, 0, `fix "${fix.title}" leaves ${rule.id}:\n${fixed}`);
              if (rule.id !== 'nginx-syntax') assert.deepEqual(again.filter((g) => g.ruleId === 'nginx-syntax'), [], `fix "${fix.title}" breaks the syntax:\n${fixed}`);
            }
          }
        });
      }
      for (const [i, example] of rule.good.entries()) {
        it(`leaves good example ${i + 1} alone`, () => {
          const findings = analyzeNginx(example.code).findings;
          assert.deepEqual(findings.filter((f) => f.ruleId === rule.id).map((f) => f.message), []);
          assert.deepEqual(findings.filter((f) => f.ruleId === 'nginx-syntax').map((f) => f.message), [], 'good examples are valid nginx');
        });
      }
    });
  }

  it('builtin-per-worker names the workers and offers the shared zone the file already uses', () => {
    const text = 'worker_processes 3;\nevents {}\nhttp {\n  server { listen 443 ssl; ssl_session_cache shared:Z:5m; }\n  server { listen 8443 ssl; ssl_session_cache builtin:100; }\n}\n';
    const f = analyzeNginx(text).findings.find((x) => x.ruleId === 'nginx-builtin-per-worker')!;
    assert.match(f.message, /worker_processes 3 means 3 separate caches of 100 sessions each/);
    assert.equal(f.fixes[0].edits[0].newText, 'shared:Z:5m');
    assert.equal(f.fixes[0].preferred, true);
  });

  it('zone-too-small says how many sessions fit and what that means for the timeout', () => {
    const text = 'events {}\nhttp {\n  ssl_session_cache shared:SSL:256k;\n  ssl_session_timeout 10m;\n  server { listen 443 ssl; }\n}\n';
    const f = analyzeNginx(text).findings.find((x) => x.ruleId === 'nginx-zone-too-small')!;
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /holds about 1000 sessions/);
    assert.match(f.message, /ssl_session_timeout 10m \(600 s\)/);
    assert.match(f.message, /below about 1\.7 new sessions per second/);
    assert.match(f.message, /fewer than 4000 sessions/);
    assert.equal(applyEdits(text, f.fixes[0].edits).includes('shared:SSL:10m'), true);
    const tiny = analyzeNginx('events {}\nhttp {\n  ssl_session_cache shared:SSL:16k;\n  server { listen 443 ssl; }\n}\n').findings.find((x) => x.ruleId === 'nginx-zone-too-small')!;
    assert.equal(tiny.severity, 'error');
  });

  it('none-vs-off adapts to tickets and inheritance', () => {
    const plain = analyzeNginx(NGINX_RULES.find((r) => r.id === 'nginx-none-vs-off')!.bad[0].code).findings.find((f) => f.ruleId === 'nginx-none-vs-off')!;
    assert.match(plain.message, /still resume with session tickets/);
    assert.match(plain.message, /nginx's default, so the line changes nothing/);
    const overriding = analyzeNginx(NGINX_RULES.find((r) => r.id === 'nginx-none-vs-off')!.bad[1].code).findings.find((f) => f.ruleId === 'nginx-none-vs-off')!;
    assert.match(overriding.message, /no client resumes at all/);
    assert.match(overriding.message, /overrides "shared:SSL:10m" inherited from the http block/);
  });

  it('findings about included directives sit on the include line, without fixes', () => {
    const load = (n: string) => (n === 'cache.conf' ? [{ name: 'cache.conf', text: 'ssl_session_cache builtin;\n' }] : undefined);
    const text = 'worker_processes 2;\nevents {}\nhttp {\n  include cache.conf;\n  server { listen 443 ssl; }\n}\n';
    const f = analyzeNginx(text, { loadInclude: load }).findings.find((x) => x.ruleId === 'nginx-builtin-per-worker')!;
    assert.equal(text.slice(f.start, f.end), 'include cache.conf;');
    assert.match(f.message, /^in cache\.conf: /);
    assert.deepEqual(f.fixes, []);
  });
});
