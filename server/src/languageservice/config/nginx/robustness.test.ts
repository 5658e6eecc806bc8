import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../../../testing/paths';
import { mulberry32 } from '../../simulator/workload';
import type { ConfigAnalysis } from '../model';
import { analyzeNginx } from './analyze';

/** Deterministic PRNG, so that failures reproduce. */
const rng = mulberry32;

const SPECIAL = ['{', '}', ';', '"', "'", '#', '\\', '$', '${', '\n', ' ', 'server {', 'include x;', 'ssl_session_cache ', 'shared:', ':', '\r\n', '_by_lua_block {', '[['];

function mutate(text: string, random: () => number): string {
  let out = text;
  const ops = 1 + Math.floor(random() * 4);
  for (let k = 0; k < ops; k++) {
    const at = Math.floor(random() * (out.length + 1));
    const op = Math.floor(random() * 5);
    if (op === 0) out = out.slice(0, at);
    else if (op === 1) out = out.slice(0, at) + out.slice(at + Math.floor(random() * 40));
    else if (op === 2) out = out.slice(0, at) + SPECIAL[Math.floor(random() * SPECIAL.length)] + out.slice(at);
    else if (op === 3) {
      const len = Math.floor(random() * 60);
      out = out.slice(0, at) + out.slice(at, at + len) + out.slice(at);
    } else out = out.slice(at) + out.slice(0, at);
  }
  return out;
}

function randomBytes(random: () => number, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += String.fromCharCode(Math.floor(random() * 256));
  return s;
}

/** Everything an adapter would touch: findings in range, spans in range, hovers anywhere. */
function exercise(text: string, analysis: ConfigAnalysis, random: () => number): void {
  for (const f of analysis.findings) {
    assert.ok(f.start >= 0 && f.start <= f.end && f.end <= text.length, `finding ${f.ruleId} ${f.start}-${f.end} outside ${text.length}`);
    for (const fix of f.fixes) for (const e of fix.edits) assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length);
  }
  for (const s of analysis.settings) {
    assert.ok(s.span.start >= 0 && s.span.start <= s.span.end && s.span.end <= text.length, 'setting span inside the text');
    assert.ok(Number.isInteger(s.mode) && s.calls.length > 0);
  }
  for (let k = 0; k < 8; k++) {
    const h = analysis.hoverAt(Math.floor(random() * (text.length + 1)));
    if (h) assert.ok(h.start >= 0 && h.end <= text.length && h.markdown.length > 0);
  }
}

const FIXTURES = path.join(repoRoot(), 'server/src/languageservice/config/nginx/fixtures');
function fixtureFiles(dir = FIXTURES): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? fixtureFiles(path.join(dir, e.name)) : e.name.endsWith('.json') ? [] : [path.join(dir, e.name)]));
}

describe('nginx robustness: never throws', () => {
  it('random bytes', () => {
    const random = rng(1);
    for (let i = 0; i < 200; i++) {
      const text = randomBytes(random, Math.floor(random() * 400));
      exercise(text, analyzeNginx(text), random);
    }
  });

  it('mutations and truncations of every fixture, with includes pointing at mutated files', () => {
    const files = fixtureFiles();
    assert.ok(files.length >= 8);
    const random = rng(2);
    for (const file of files) {
      const original = fs.readFileSync(file, 'utf8');
      for (let i = 0; i < 60; i++) {
        const text = mutate(original, random);
        const other = mutate(fs.readFileSync(files[Math.floor(random() * files.length)], 'utf8'), random);
        const analysis = analyzeNginx(text, { loadInclude: (name) => (random() < 0.2 ? undefined : [{ name, text: other }]) });
        exercise(text, analysis, random);
      }
      for (let cut = 0; cut <= original.length; cut += Math.max(1, Math.floor(original.length / 50))) {
        const text = original.slice(0, cut);
        exercise(text, analyzeNginx(text), random);
      }
    }
  });

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
