import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { decodeMode } from '../../mode/decode';
import { repoRoot } from '../../../testing/paths';
import type { ConfigAnalysis, ConfigIncludeLoader } from '../model';
import { analyzeNginx } from './analyze';

/**
 * Realistic configurations in fixtures/<case>/ and what sesscache must make of them, as data in
 * fixtures/expected.json. `SESSCACHE_UPDATE_FIXTURES=1` rewrites the file from the current output
 * (review the diff before committing it).
 */

const FIXTURES = path.join(repoRoot(), 'server/src/languageservice/config/nginx/fixtures');
const EXPECTED = path.join(FIXTURES, 'expected.json');

interface ExpectedSetting {
  label: string;
  span: string;
  mode: string;
  cacheSize: number;
  timeout: number;
  tickets: boolean;
  verifyPeer: boolean;
  processes: number;
  callbacks: string[];
  protocols: string[];
}

interface ExpectedFinding {
  ruleId: string;
  severity: string;
  line: number;
  text: string;
}

interface ExpectedCase {
  description: string;
  main: string;
  settings: ExpectedSetting[];
  findings: ExpectedFinding[];
}

/** nginx resolves include paths against its prefix (/etc/nginx here); `*` globs in the last segment. */
export function fixtureLoader(dir: string, prefix = '/etc/nginx/'): ConfigIncludeLoader {
  return (name) => {
    const rel = name.startsWith(prefix) ? name.slice(prefix.length) : name;
    if (path.isAbsolute(rel)) return undefined;
    const full = path.join(dir, rel);
    const base = path.basename(full);
    if (!base.includes('*')) return fs.existsSync(full) && fs.statSync(full).isFile() ? [{ name, text: fs.readFileSync(full, 'utf8') }] : undefined;
    const folder = path.dirname(full);
    if (!fs.existsSync(folder)) return [];
    const re = new RegExp('^' + base.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
    return fs
      .readdirSync(folder)
      .filter((f) => re.test(f))
      .sort()
      .map((f) => ({ name: path.posix.join(path.posix.dirname(name), f), text: fs.readFileSync(path.join(folder, f), 'utf8') }));
  };
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

function summarize(text: string, analysis: ConfigAnalysis): { settings: ExpectedSetting[]; findings: ExpectedFinding[] } {
  return {
    settings: analysis.settings.map((s) => ({
      label: s.label,
      span: text.slice(s.span.start, s.span.end),
      mode: decodeMode(s.mode).expression,
      cacheSize: s.cacheSize,
      timeout: s.timeout,
      tickets: s.tickets,
      verifyPeer: s.verifyPeer,
      processes: s.processes,
      callbacks: (['new', 'get', 'remove'] as const).filter((k) => s.callbacks[k]),
      protocols: [...s.protocols],
    })),
    findings: analysis.findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, line: lineOf(text, f.start), text: text.slice(f.start, f.end) })),
  };
}

const expected = JSON.parse(fs.readFileSync(EXPECTED, 'utf8')) as Record<string, ExpectedCase>;

describe('nginx fixtures', () => {
  it('every fixture folder has an expectation and every expectation a folder', () => {
    const dirs = fs.readdirSync(FIXTURES).filter((f) => fs.statSync(path.join(FIXTURES, f)).isDirectory());
    assert.deepEqual(dirs.sort(), Object.keys(expected).sort());
  });

  const updated: Record<string, ExpectedCase> = {};
  for (const [name, c] of Object.entries(expected)) {
    it(`${name}: ${c.description}`, () => {
      const dir = path.join(FIXTURES, name);
      const text = fs.readFileSync(path.join(dir, c.main), 'utf8');
      const analysis = analyzeNginx(text, { loadInclude: fixtureLoader(dir) });
      const actual = summarize(text, analysis);
      updated[name] = { description: c.description, main: c.main, ...actual };
      if (process.env.SESSCACHE_UPDATE_FIXTURES) return;
      assert.deepEqual(actual.settings, c.settings);
      assert.deepEqual(actual.findings, c.findings);
      // Every setting's span and every finding lie in the document, and every calls list starts with the timeout.
      for (const s of analysis.settings) {
        assert.ok(s.span.start >= 0 && s.span.end <= text.length && s.span.start < s.span.end);
        assert.match(s.calls[0], /^SSL_CTX_set_timeout\(ctx, \d+\)$/);
        assert.ok(s.calls.some((call) => call.startsWith('SSL_CTX_set_session_cache_mode(ctx, ')));
      }
    });
  }
  it('(rewrites expected.json when SESSCACHE_UPDATE_FIXTURES is set)', () => {
    if (process.env.SESSCACHE_UPDATE_FIXTURES) fs.writeFileSync(EXPECTED, JSON.stringify(updated, null, 2) + '\n');
  });
});
