import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { LIBRARY_IDS, LibraryId } from '../knowledge/libraries';
import { repoRoot } from '../../testing/paths';
import { lintText } from './lint';
import { applyEdits } from '../../testing/edits';
import { ignoreFix } from './suppression';
import { allRules } from './registry';
import { lineIndex } from './suppression';

interface Expected {
  code: string;
  line: number;
  severity: string;
}

interface CorpusFile {
  description?: string;
  expect: Expected[];
  expectByLibrary?: Partial<Record<LibraryId, Expected[]>>;
}

const CORPUS = path.join(repoRoot(), 'server/src/languageservice/rules/corpus');
const expected = JSON.parse(fs.readFileSync(path.join(CORPUS, 'expected.json'), 'utf8')) as { files: Record<string, CorpusFile> };
const SOURCE = /\.(c|cc|cpp|cxx|h|hpp|m|mm)$/;

const key = (e: Expected): string => `${e.line} ${e.severity} ${e.code}`;

function lintCorpusFile(name: string, library: LibraryId): Expected[] {
  const text = fs.readFileSync(path.join(CORPUS, name), 'utf8');
  const line = lineIndex(text);
  const loadInclude = (header: string) => {
    const file = path.join(CORPUS, header);
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  };
  return lintText(text, name.endsWith('.c') ? 'c' : 'cpp', { library }, { loadInclude }).map((f) => ({
    code: f.ruleId,
    line: line(f.start) + 1,
    severity: f.severity,
  }));
}

describe('fixture corpus: realistic files and their expected diagnostics', () => {
  it('lists every source file of the corpus (headers excepted) and no missing one', () => {
    const files = fs.readdirSync(CORPUS).filter((f) => SOURCE.test(f) && !/\.(h|hpp)$/.test(f));
    assert.deepEqual(files.sort(), Object.keys(expected.files).sort());
    assert.ok(files.length >= 60, `at least 60 files (${files.length})`);
  });

  it('every rule has at least two positive files and one file where it stays silent', () => {
    for (const rule of allRules) {
      const positive = Object.values(expected.files).filter((f) => f.expect.some((e) => e.code === rule.id) || Object.values(f.expectByLibrary ?? {}).some((l) => l!.some((e) => e.code === rule.id)));
      assert.ok(positive.length >= 2, `${rule.id}: ${positive.length} positive files`);
    }
  });

  it('every quick fix in the corpus, applied, removes its finding and adds no error; every ignore fix silences it', () => {
    let applied = 0;
    for (const name of Object.keys(expected.files)) {
      const text = fs.readFileSync(path.join(CORPUS, name), 'utf8');
      const lint = (t: string) => lintText(t, 'c', { library: 'openssl-3.0' });
      const before = lint(text);
      const errorsBefore = before.filter((f) => f.severity === 'error').length;
      for (const finding of before) {
        for (const fix of [...finding.fixes, ignoreFix(text, finding.ruleId, finding.start)]) {
          const after = lint(applyEdits(text, fix.edits));
          const same = after.filter((f) => f.ruleId === finding.ruleId && f.message === finding.message);
          assert.ok(same.length < before.filter((f) => f.ruleId === finding.ruleId && f.message === finding.message).length, `${name}: "${fix.title}" leaves ${finding.ruleId}`);
          assert.ok(after.filter((f) => f.severity === 'error').length <= errorsBefore, `${name}: "${fix.title}" adds an error`);
          applied++;
        }
      }
    }
    assert.ok(applied > 100, `${applied} fixes applied`);
  });

  for (const [name, file] of Object.entries(expected.files)) {
    it(name, () => {
      for (const library of LIBRARY_IDS) {
        const want = library === 'openssl-3.0' ? file.expect : file.expectByLibrary?.[library];
        if (!want) continue;
        const got = lintCorpusFile(name, library);
        assert.deepEqual(got.map(key).sort(), want.map(key).sort(), `${name} on ${library}`);
      }
    });
  }
});
