import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../../testing/edits';
import { readRepoFile, specSections } from '../../../testing/paths';
import { analyzeApache } from './analyze';
import { APACHE_RULES } from './rules';

describe('Apache rules', () => {
  it('ids are unique, prefixed and kebab-case; every rule cites existing spec sections and has examples', () => {
    const sections = specSections(readRepoFile('docs/spec/openssl-session-cache.md'));
    const ids = APACHE_RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual([...ids].sort(), ['apache-cache-in-vhost', 'apache-long-timeout-with-tickets', 'apache-no-session-cache', 'apache-nonenotnull', 'apache-syntax']);
    for (const rule of APACHE_RULES) {
      assert.match(rule.id, /^apache(-[a-z]+)+$/);
      assert.equal(rule.language, 'apache');
      const cited = rule.section.match(/§\d+(\.\d+)?/g) ?? [];
      assert.ok(cited.length > 0, `${rule.id} cites no section`);
      for (const s of cited) assert.ok(sections.has(s), `${rule.id}: ${s}`);
      for (const s of [...rule.description.matchAll(/§(\d+(?:\.\d+)?)/g)].map((m) => '§' + m[1])) assert.ok(sections.has(s), `${rule.id} description: ${s}`);
      assert.ok(rule.bad.length > 0 && rule.good.length > 0);
    }
  });

  for (const rule of APACHE_RULES) {
    describe(rule.id, () => {
      for (const [i, example] of rule.bad.entries()) {
        it(`flags bad example ${i + 1}`, () => {
          const text = example.code;
          const findings = analyzeApache(text).findings.filter((f) => f.ruleId === rule.id);
          assert.ok(findings.length > 0, `no ${rule.id} in:\n${text}`);
          for (const f of findings) {
            assert.ok(f.start >= 0 && f.end <= text.length && f.start < f.end, 'range inside the document');
            if (rule.id !== 'apache-syntax') assert.ok(f.message.length > 80, 'a message that explains');
            for (const fix of f.fixes) {
              const fixed = applyEdits(text, fix.edits);
              const again = analyzeApache(fixed).findings;
              assert.equal(again.filter((g) => g.ruleId === rule.id && g.message === f.message).length, 0, `fix "${fix.title}" leaves ${rule.id}:\n${fixed}`);
              if (rule.id !== 'apache-syntax') assert.deepEqual(again.filter((g) => g.ruleId === 'apache-syntax'), [], `fix "${fix.title}" breaks the syntax:\n${fixed}`);
            }
          }
        });
      }
      for (const [i, example] of rule.good.entries()) {
        it(`leaves good example ${i + 1} alone`, () => {
          const findings = analyzeApache(example.code).findings;
          assert.deepEqual(findings.filter((f) => f.ruleId === rule.id).map((f) => f.message), []);
          assert.deepEqual(findings.filter((f) => f.ruleId === 'apache-syntax').map((f) => f.message), [], 'good examples are valid httpd configuration');
        });
      }
    });
  }

  it('cache-in-vhost moves the directive out of the virtual host when the server config has none', () => {
    const text = '<IfModule mod_ssl.c>\n  <VirtualHost *:443>\n    SSLEngine on\n    SSLSessionCache shmcb:x(1000)\n  </VirtualHost>\n</IfModule>\n';
    const f = analyzeApache(text).findings.find((x) => x.ruleId === 'apache-cache-in-vhost')!;
    assert.equal(applyEdits(text, f.fixes[0].edits), '<IfModule mod_ssl.c>\n  SSLSessionCache shmcb:x(1000)\n  <VirtualHost *:443>\n    SSLEngine on\n  </VirtualHost>\n</IfModule>\n');
    const fixed = analyzeApache(applyEdits(text, f.fixes[0].edits));
    assert.equal(fixed.settings[0].callbacks.new, true);
  });

  it('cache-in-vhost also catches Directory and Location', () => {
    const text = '<Directory /srv>\n  SSLSessionCache none\n</Directory>\n';
    const f = analyzeApache(text).findings.find((x) => x.ruleId === 'apache-cache-in-vhost')!;
    assert.match(f.message, /inside <Directory>/);
  });

  it('no-session-cache: tickets decide whether anything resumes', () => {
    const on = analyzeApache('SSLSessionCache none\n<VirtualHost *:443>\nSSLEngine on\n</VirtualHost>\n').findings[0];
    assert.match(on.message, /Only session tickets resume/);
    const mixed = analyzeApache('SSLSessionCache none\n<VirtualHost *:443>\nServerName a\nSSLEngine on\n</VirtualHost>\n<VirtualHost *:443>\nServerName b\nSSLEngine on\nSSLSessionTickets off\n</VirtualHost>\n').findings[0];
    assert.match(mixed.message, /VirtualHost b:443 has SSLSessionTickets off, so nothing resumes there/);
  });

  it('findings about included directives sit on the Include line, without fixes', () => {
    const load = (n: string) => (n === 'site.conf' ? [{ name: 'site.conf', text: '<VirtualHost *:443>\nSSLEngine on\nSSLSessionCache none\n</VirtualHost>\n' }] : undefined);
    const text = 'SSLSessionCache shmcb:x(1)\nInclude site.conf\n';
    const f = analyzeApache(text, { loadInclude: load }).findings.find((x) => x.ruleId === 'apache-cache-in-vhost')!;
    assert.equal(text.slice(f.start, f.end), 'Include site.conf');
    assert.match(f.message, /^in site\.conf: /);
    assert.deepEqual(f.fixes, []);
  });
});
