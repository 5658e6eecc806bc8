import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { decodeMode } from '../../mode/decode';
import { repoRoot } from '../../../testing/paths';
import type { ConfigAnalysis, ConfigIncludeLoader } from '../model';
import { analyzeApache } from './analyze';

/**
 * Realistic httpd configurations under fixtures/ (a Debian apache2.conf with its mods/conf/sites,
 * a RHEL layout, a monolithic httpd.conf, one file per socache provider, a site file alone, broken
 * input) and what sesscache must make of them, as data in fixtures/expected.json, keyed by the
 * main file. Includes resolve against the main file's folder (the ServerRoot of the layout).
 * `SESSCACHE_UPDATE_FIXTURES=1` rewrites expected.json from the current output (review the diff).
 */

const FIXTURES = path.join(repoRoot(), 'server/src/languageservice/config/apache/fixtures');
const EXPECTED = path.join(FIXTURES, 'expected.json');

interface ExpectedSetting {
  label: string;
  span: string;
  mode: string;
  timeout: number;
  tickets: boolean;
  verifyPeer: boolean;
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
  settings: ExpectedSetting[];
  findings: ExpectedFinding[];
}

/** httpd resolves relative include paths against the ServerRoot; `*` globs in the last segment. */
function fixtureLoader(root: string): ConfigIncludeLoader {
  return (name) => {
    const unquoted = name.replace(/^\/etc\/(apache2|httpd)\//, '');
    if (path.isAbsolute(unquoted)) return undefined;
    const full = path.join(root, unquoted);
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
      timeout: s.timeout,
      tickets: s.tickets,
      verifyPeer: s.verifyPeer,
      callbacks: (['new', 'get', 'remove'] as const).filter((k) => s.callbacks[k]),
      protocols: [...s.protocols],
    })),
    findings: analysis.findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, line: lineOf(text, f.start), text: text.slice(f.start, f.end) })),
  };
}

const expected = JSON.parse(fs.readFileSync(EXPECTED, 'utf8')) as Record<string, ExpectedCase>;

describe('Apache httpd fixtures', () => {
  it('every fixture folder has at least one expectation, and every expectation a file', () => {
    const dirs = fs.readdirSync(FIXTURES).filter((f) => fs.statSync(path.join(FIXTURES, f)).isDirectory());
    for (const d of dirs) assert.ok(Object.keys(expected).some((k) => k.startsWith(d + '/')), `no expectation in ${d}/`);
    for (const k of Object.keys(expected)) assert.ok(fs.existsSync(path.join(FIXTURES, k)), k);
  });

  const updated: Record<string, ExpectedCase> = {};
  for (const [file, c] of Object.entries(expected)) {
    it(`${file}: ${c.description}`, () => {
      const full = path.join(FIXTURES, file);
      const text = fs.readFileSync(full, 'utf8');
      const analysis = analyzeApache(text, { loadInclude: fixtureLoader(path.dirname(full)) });
      const actual = summarize(text, analysis);
      updated[file] = { description: c.description, ...actual };
      if (process.env.SESSCACHE_UPDATE_FIXTURES) return;
      assert.deepEqual(actual.settings, c.settings);
      assert.deepEqual(actual.findings, c.findings);
      for (const s of analysis.settings) {
        assert.ok(s.span.start >= 0 && s.span.end <= text.length && s.span.start < s.span.end);
        assert.equal(s.processes, 1);
        assert.equal(s.sessionIdContext, true);
        assert.match(s.calls[0], /^SSL_CTX_set_session_cache_mode\(ctx, /);
      }
    });
  }
  it('(rewrites expected.json when SESSCACHE_UPDATE_FIXTURES is set)', () => {
    if (process.env.SESSCACHE_UPDATE_FIXTURES) fs.writeFileSync(EXPECTED, JSON.stringify(updated, null, 2) + '\n');
  });
});
