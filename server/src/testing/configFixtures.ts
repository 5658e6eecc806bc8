import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { ConfigAnalysis, ConfigCacheSetting, ConfigIncludeLoader } from '../languageservice/config/model';
import { decodeMode } from '../languageservice/mode/decode';

/**
 * A fixture corpus of realistic configurations (nginx, Apache httpd, HAProxy, stunnel, Postfix):
 * every file named in the folder's `expected.json` (keyed by its path under the folder) is
 * analysed and compared with the settings and findings written there (summarizeAnalysis).
 * `SESSCACHE_UPDATE_FIXTURES=1` rewrites expected.json from the current output (review the diff).
 */
export function describeConfigFixtures(
  title: string,
  folder: string,
  analyze: (text: string, file: string) => ConfigAnalysis,
  options: { checkSetting?: (setting: ConfigCacheSetting) => void } = {},
): void {
  const file = path.join(folder, 'expected.json');
  const expected = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, { description: string }>;
  describe(`${title} fixtures`, () => {
    it('every fixture folder has an expectation, and every expectation a file', () => {
      const dirs = fs.readdirSync(folder).filter((f) => fs.statSync(path.join(folder, f)).isDirectory());
      for (const d of dirs) assert.ok(Object.keys(expected).some((k) => k.startsWith(d + '/')), `no expectation in ${d}/`);
      for (const k of Object.keys(expected)) assert.ok(fs.existsSync(path.join(folder, k)), k);
    });
    const updated: Record<string, unknown> = {};
    for (const [name, c] of Object.entries(expected)) {
      it(`${name}: ${c.description}`, () => {
        const full = path.join(folder, name);
        const text = fs.readFileSync(full, 'utf8');
        const analysis = analyze(text, full);
        const actual = { description: c.description, ...summarizeAnalysis(text, analysis) };
        updated[name] = actual;
        if (process.env.SESSCACHE_UPDATE_FIXTURES) return;
        assert.deepEqual(actual, c);
        for (const s of analysis.settings) {
          assert.ok(s.span.start >= 0 && s.span.end <= text.length && s.span.start < s.span.end);
          options.checkSetting?.(s);
        }
      });
    }
    it('(rewrites expected.json when SESSCACHE_UPDATE_FIXTURES is set)', () => {
      if (process.env.SESSCACHE_UPDATE_FIXTURES) fs.writeFileSync(file, JSON.stringify(updated, null, 2) + '\n');
    });
  });
}

/** What a fixture expectation records: settings in OpenSSL terms (where they are decided, by line and text) and findings by line. */
export function summarizeAnalysis(text: string, analysis: ConfigAnalysis): { settings: unknown[]; findings: unknown[] } {
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
  return {
    settings: analysis.settings.map((s) => ({
      label: s.label,
      line: lineOf(s.span.start),
      // The directive's first line: which one decides, when it comes through an include.
      span: text.slice(s.span.start, s.span.end).split('\n')[0].trim(),
      role: s.role,
      // What makes a client resume (spec §6): only recorded for clients.
      ...(s.role === 'client' ? { offersSavedSessions: !!s.offersSavedSessions } : {}),
      mode: decodeMode(s.mode).expression,
      cacheSize: s.cacheSize,
      timeout: s.timeout,
      tickets: s.tickets,
      verifyPeer: s.verifyPeer,
      processes: s.processes,
      callbacks: (['new', 'get', 'remove'] as const).filter((k) => s.callbacks[k]),
      protocols: [...s.protocols],
    })),
    findings: analysis.findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, line: lineOf(f.start), text: text.slice(f.start, f.end) })),
  };
}

/**
 * Includes for a fixture: names resolve against `root` (the configuration's own folder) once the
 * product's install prefix (`/etc/nginx/`, `/etc/apache2/`) is stripped; `*` globs in the last
 * segment, in name order, as the servers expand them; an absolute path elsewhere is not there.
 */
export function fixtureIncludeLoader(root: string, prefix: RegExp): ConfigIncludeLoader {
  return (name) => {
    const rel = name.replace(prefix, '');
    if (path.isAbsolute(rel)) return undefined;
    const full = path.join(root, rel);
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
