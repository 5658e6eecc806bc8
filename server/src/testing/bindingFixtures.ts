import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { BindingAnalysis } from '../languageservice/bindings/binding';
import { formatHex } from '../languageservice/mode/decode';
import { applyEdits } from './edits';
import { extractMarkers } from './markers';
import { readRepoFile, repoRoot } from './paths';

/**
 * The fixture test every language binding shares: each fixture file of `folder` (with ⟦marker⟧
 * cursors) against its entry in the folder's `expectations.json`:
 * - `hovers`: per marker, the hovered text (`range`) and what the hover must say (`contains`), or `none`;
 * - `contexts`: per context found, the fields the expectation names of receiver, mode (hex),
 *   role, timeout, cacheSize, callbacks, library;
 * - `findings`: the rule ids reported, in order; `fixed`: for some, the finding's line once its
 *   first fix is applied.
 */
interface Expected {
  hovers: Record<string, { none?: boolean; range?: string; contains?: string[] }>;
  contexts: Record<string, unknown>[];
  findings: string[];
  fixed?: Record<string, string>;
}

export function describeBindingFixtures(title: string, folder: string, analyze: (text: string) => BindingAnalysis): void {
  const expectations = JSON.parse(readRepoFile(folder, 'expectations.json')) as Record<string, Expected>;
  describe(title, () => {
    it('every fixture file has expectations', () => {
      const files = fs.readdirSync(path.join(repoRoot(), folder)).filter((f) => f !== 'expectations.json');
      assert.deepEqual(files.filter((f) => !expectations[f]), []);
    });
    for (const [file, expected] of Object.entries(expectations)) {
      if (file.startsWith('$')) continue;
      const { text, markers } = extractMarkers(readRepoFile(folder, file));
      const analysis = analyze(text);
      for (const [marker, hover] of Object.entries(expected.hovers)) {
        it(`${file} ⟦${marker}⟧`, () => {
          assert.ok(markers.has(marker), `marker ${marker} in ${file}`);
          const got = analysis.hoverAt(markers.get(marker)!);
          if (hover.none) return assert.equal(got, null);
          assert.ok(got, 'a hover');
          assert.equal(text.slice(got.start, got.end), hover.range);
          for (const s of hover.contains ?? []) assert.ok(got.markdown.includes(s), `hover contains ${s}:\n${got.markdown}`);
        });
      }
      it(`${file}: contexts and findings`, () => {
        const contexts = analysis.contexts.map(({ receiver, setting: s }, i) => {
          const all: Record<string, unknown> = {
            receiver,
            mode: formatHex(s.mode),
            role: s.role,
            timeout: s.timeout,
            cacheSize: s.cacheSize,
            callbacks: (['get', 'new', 'remove'] as const).filter((k) => s.callbacks[k]),
            library: s.library,
          };
          // Only the fields the expectation names are compared.
          const keys = Object.keys(expected.contexts[i] ?? all);
          return Object.fromEntries(keys.map((k) => [k, all[k]]));
        });
        assert.deepEqual(contexts, expected.contexts);
        assert.deepEqual(analysis.findings.map((f) => f.ruleId), expected.findings);
        for (const [ruleId, line] of Object.entries(expected.fixed ?? {})) {
          const finding = analysis.findings.find((f) => f.ruleId === ruleId);
          assert.ok(finding && finding.fixes.length > 0, `${ruleId} is reported with a fix`);
          const fixedText = applyEdits(text, finding.fixes[0].edits);
          assert.equal(fixedText.slice(fixedText.lastIndexOf('\n', finding.start) + 1).split('\n')[0], line);
        }
      });
    }
  });
}
