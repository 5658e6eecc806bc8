import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { ConfigAnalysis } from '../languageservice/config/model';
import { decodeMode } from '../languageservice/mode/decode';

/**
 * A fixture corpus of single-file configurations (HAProxy, stunnel, Postfix): every file named in
 * `expected.json` (keyed by path under the folder) is analysed and compared with the settings and
 * findings written there. `SESSCACHE_UPDATE_FIXTURES=1` rewrites expected.json (review the diff).
 */
export function describeConfigFixtures(title: string, folder: string, analyze: (text: string) => ConfigAnalysis): void {
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
        const text = fs.readFileSync(path.join(folder, name), 'utf8');
        const analysis = analyze(text);
        const actual = { description: c.description, ...summarizeAnalysis(text, analysis) };
        updated[name] = actual;
        if (process.env.SESSCACHE_UPDATE_FIXTURES) return;
        assert.deepEqual(actual, c);
        for (const s of analysis.settings) assert.ok(s.span.start >= 0 && s.span.end <= text.length && s.span.start < s.span.end);
      });
    }
    it('(rewrites expected.json when SESSCACHE_UPDATE_FIXTURES is set)', () => {
      if (process.env.SESSCACHE_UPDATE_FIXTURES) fs.writeFileSync(file, JSON.stringify(updated, null, 2) + '\n');
    });
  });
}

/** What a fixture expectation records: settings in OpenSSL terms and findings by line. */
export function summarizeAnalysis(text: string, analysis: ConfigAnalysis): { settings: unknown[]; findings: unknown[] } {
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
  return {
    settings: analysis.settings.map((s) => ({
      label: s.label,
      line: lineOf(s.span.start),
      role: s.role,
      // What makes a client resume (spec §6): only recorded for clients.
      ...(s.role === 'client' ? { offersSavedSessions: !!s.offersSavedSessions } : {}),
      mode: decodeMode(s.mode).expression,
      timeout: s.timeout,
      tickets: s.tickets,
      verifyPeer: s.verifyPeer,
      callbacks: (['new', 'get', 'remove'] as const).filter((k) => s.callbacks[k]),
      protocols: [...s.protocols],
    })),
    findings: analysis.findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, line: lineOf(f.start), text: text.slice(f.start, f.end) })),
  };
}
