import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyse } from 'scslre';
import ts from 'typescript';
import { repoRoot } from '../testing/paths';

/**
 * Every parser and extractor reads user text, some of it with regular expressions: one that
 * backtracks super-linearly (`/[ \t]+$/` on a long run of blanks, `(a|a)*`) turns a large or
 * hostile file into a frozen editor. This audit finds every regex literal in the core's sources
 * and has scslre analyse it for polynomial and exponential backtracking: deterministic, no timing.
 * knowledge/ is left out: its regexes read the vendored man page and spec, never user input.
 */
const CORE = path.join(repoRoot(), 'server/src/languageservice');
const TRUSTED_INPUT_ONLY = [path.join(CORE, 'knowledge'), path.join(CORE, 'simulator/harness')];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return TRUSTED_INPUT_ONLY.includes(file) ? [] : sourceFiles(file);
    return file.endsWith('.ts') && !file.endsWith('.test.ts') ? [file] : [];
  });
}

interface Found {
  where: string;
  literal?: string;
  dynamic?: string;
}

function regexesIn(file: string): Found[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: Found[] = [];
  const visit = (node: ts.Node): void => {
    const where = `${path.relative(CORE, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) out.push({ where, literal: node.getText() });
    if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && node.expression.getText() === 'RegExp') out.push({ where, dynamic: node.getText() });
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function superLinear(literal: string): string[] {
  const slash = literal.lastIndexOf('/');
  const { reports } = analyse({ source: literal.slice(1, slash), flags: literal.slice(slash + 1) });
  return reports.map((r) => `${r.exponential ? 'exponential' : 'polynomial'} (${r.type}), attack: ${JSON.stringify(r.character.literal.source)} repeated`);
}

describe('regular expressions of the core run in linear time', () => {
  const found = sourceFiles(CORE).flatMap(regexesIn);

  it('the audit sees the regexes of every parser', () => {
    assert.ok(found.length > 100, `only ${found.length} regexes found`);
    for (const folder of ['c/', 'config/sslcache/', 'config/nginx/', 'config/apache/', 'simulator/', 'mode/', 'rules/']) {
      assert.ok(found.some((f) => f.where.startsWith(folder)), `no regex found under ${folder}`);
    }
  });

  it('no regex is built from a string at run time (those cannot be audited)', () => {
    assert.deepEqual(found.filter((f) => f.dynamic).map((f) => `${f.where}: ${f.dynamic}`), []);
  });

  it('no regex literal backtracks super-linearly', () => {
    const bad = found.filter((f) => f.literal).flatMap((f) => superLinear(f.literal!).map((r) => `${f.where} ${f.literal}: ${r}`));
    assert.deepEqual(bad, []);
  });

  it('the analysis flags the shapes the fuzzer found (trim and trailing-zero regexes were quadratic on long runs)', () => {
    assert.notDeepEqual(superLinear('/^[ \\t]+|[ \\t]+$/g'), []);
    assert.notDeepEqual(superLinear('/0+$/'), []);
    assert.notDeepEqual(superLinear('/\\$\\{\\d+\\|([^,|}]*)(?:,[^|}]*)*\\|\\}/g'), []);
    assert.deepEqual(superLinear('/^[0-9]+$/'), []);
  });
});
