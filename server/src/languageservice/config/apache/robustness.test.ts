import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../../../testing/paths';
import { mulberry32 } from '../../simulator/workload';
import type { ConfigAnalysis } from '../model';
import { analyzeApache } from './analyze';

/** Deterministic PRNG, so that failures reproduce. */
const rng = mulberry32;

const SPECIAL = ['<', '>', '</', '"', "'", '#', '\\', '\\\n', '\n', ' ', '<VirtualHost *:443>', '</VirtualHost>', 'Include x\n', 'SSLSessionCache ', '\r\n', '<IfModule a>'];

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

function exercise(text: string, analysis: ConfigAnalysis, random: () => number): void {
  for (const f of analysis.findings) {
    assert.ok(f.start >= 0 && f.start <= f.end && f.end <= text.length, `finding ${f.ruleId} ${f.start}-${f.end} outside ${text.length}`);
    for (const fix of f.fixes) for (const e of fix.edits) assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length);
  }
  for (const s of analysis.settings) assert.ok(s.span.start >= 0 && s.span.start <= s.span.end && s.span.end <= text.length);
  for (let k = 0; k < 8; k++) {
    const h = analysis.hoverAt(Math.floor(random() * (text.length + 1)));
    if (h) assert.ok(h.start >= 0 && h.end <= text.length && h.markdown.length > 0);
  }
}

const FIXTURES = path.join(repoRoot(), 'server/src/languageservice/config/apache/fixtures');
function fixtureFiles(dir = FIXTURES): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? fixtureFiles(path.join(dir, e.name)) : e.name.endsWith('.json') ? [] : [path.join(dir, e.name)]));
}

describe('Apache robustness: never throws', () => {
  it('random bytes', () => {
    const random = rng(11);
    for (let i = 0; i < 200; i++) {
      let text = '';
      const length = Math.floor(random() * 400);
      for (let k = 0; k < length; k++) text += String.fromCharCode(Math.floor(random() * 256));
      exercise(text, analyzeApache(text), random);
    }
  });

  it('mutations and truncations of every fixture, with includes pointing at mutated files', () => {
    const files = fixtureFiles();
    assert.ok(files.length >= 15);
    const random = rng(12);
    for (const file of files) {
      const original = fs.readFileSync(file, 'utf8');
      for (let i = 0; i < 40; i++) {
        const text = mutate(original, random);
        const other = mutate(fs.readFileSync(files[Math.floor(random() * files.length)], 'utf8'), random);
        exercise(text, analyzeApache(text, { loadInclude: (name) => (random() < 0.2 ? undefined : [{ name, text: other }]) }), random);
      }
      for (let cut = 0; cut <= original.length; cut += Math.max(1, Math.floor(original.length / 40))) {
        const text = original.slice(0, cut);
        exercise(text, analyzeApache(text), random);
      }
    }
  });
});

describe('Apache robustness: large inputs finish (linear time)', () => {
  it('a 5 MB generated configuration', () => {
    const parts = ['LoadModule ssl_module modules/mod_ssl.so\nSSLSessionCache shmcb:logs/ssl_scache(512000)\n'];
    let size = parts[0].length;
    let i = 0;
    while (size < 5 * 1024 * 1024) {
      const v = `<VirtualHost *:${1000 + (i % 60000)}>\n    ServerName s${i}.example.com\n    SSLEngine on\n    SSLCertificateFile "/etc/ssl/s${i}.pem"\n    SSLSessionCacheTimeout ${300 + (i % 100)}\n    <Directory "/srv/s${i}">\n        Require all granted\n    </Directory>\n</VirtualHost>\n`;
      parts.push(v);
      size += v.length;
      i++;
    }
    const text = parts.join('');
    const a = analyzeApache(text);
    assert.equal(a.settings.length, i);
    assert.deepEqual(a.findings, []);
  });

  it('1 MB of pathological text each', () => {
    for (const unit of ['<', '<a>\n', '</a>\n', '"', 'x "\n', '\\\n', '#\\\n', '<VirtualHost\n', 'SSLEngine on\n', "a 'b"]) {
      const text = unit.repeat(Math.ceil((1024 * 1024) / unit.length));
      assert.ok(Array.isArray(analyzeApache(text).findings));
    }
  });
});
