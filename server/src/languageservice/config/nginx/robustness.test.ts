import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeNginx } from './analyze';

// Random bytes and mutated fixtures (with includes) are fuzzed by fuzz.test.ts.
describe('nginx robustness: includes', () => {
  it('include fan-out is bounded (every file includes the next ten times)', () => {
    const load = (name: string) => {
      const n = Number(name.replace(/\D/g, '')) || 0;
      return [{ name: `f${n}`, text: `ssl_session_timeout 1h;\n${`include f${n + 1};\n`.repeat(10)}` }];
    };
    const a = analyzeNginx('http { include f1; server { listen 443 ssl; } }', { loadInclude: load });
    assert.equal(a.settings.length, 1);
    assert.ok(a.findings.some((f) => /nested deeper/.test(f.message)));
  });
});

describe('nginx robustness: large inputs finish (linear time)', () => {
  const FIVE_MB = 5 * 1024 * 1024;
  function repeatTo(unit: string, size = FIVE_MB): string {
    return unit.repeat(Math.ceil(size / unit.length));
  }

  it('a 5 MB generated configuration', () => {
    let body = '';
    let i = 0;
    const parts: string[] = ['worker_processes auto;\nevents {}\nhttp {\n  ssl_session_cache shared:SSL:10m;\n'];
    let size = parts[0].length;
    while (size < FIVE_MB) {
      body = `  server {\n    listen ${1000 + (i % 60000)} ssl;\n    server_name s${i}.example.com;\n    ssl_certificate /etc/ssl/s${i}.pem;\n    ssl_session_timeout ${1 + (i % 23)}h;\n    location / { proxy_pass http://127.0.0.1:${2000 + (i % 1000)}; proxy_set_header Host "$host"; }\n  }\n`;
      parts.push(body);
      size += body.length;
      i++;
    }
    parts.push('}\n');
    const text = parts.join('');
    const a = analyzeNginx(text);
    assert.equal(a.settings.length, i);
    assert.deepEqual(a.findings.filter((f) => f.ruleId === 'nginx-syntax'), []);
    assert.ok(a.hoverAt(text.indexOf('ssl_session_timeout', text.length - 2000)));
  });

  it('1 MB of pathological text each: nesting, quotes, braces, one long line', () => {
    const units = ['{', '}', '"', 'a "b', "x '", 'a;', '#', 'server { ', '\\', '${', 'x "\n" y', 'content_by_lua_block { [['];
    for (const text of units.map((u) => repeatTo(u, 1024 * 1024))) {
      const a = analyzeNginx(text);
      assert.ok(Array.isArray(a.findings));
    }
  });
});
