import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { readRepoFile, repoRoot } from '../../../testing/paths';
import { FLAGS } from '../../knowledge/flags';
import { LIBRARY_IDS } from '../../knowledge/libraries';
import { ALL_DIRECTIVES } from './directives';

interface Rule {
  begin?: string;
  match?: string;
  patterns?: Rule[];
}

const grammar = JSON.parse(readRepoFile('syntaxes', 'sslcache.tmLanguage.json')) as { scopeName: string; repository: Record<string, Rule> };

function regexes(rule: Rule): string[] {
  return [rule.begin, rule.match, ...(rule.patterns ?? []).flatMap(regexes)].filter((r): r is string => !!r);
}
const all = Object.values(grammar.repository).flatMap(regexes).join('\n');

describe('sslcache grammar', () => {
  it('is source.sslcache', () => {
    assert.equal(grammar.scopeName, 'source.sslcache');
  });

  it('knows every directive, flag and library', () => {
    for (const d of ALL_DIRECTIVES) assert.ok(all.includes(d.name), d.name);
    const flagRule = grammar.repository.mode.patterns!.find((p) => p.match?.includes('SSL_SESS_CACHE_'))!;
    const names = /\(\?:SSL_SESS_CACHE_\)\?\(\?:([A-Z_|]+)\)/.exec(flagRule.match!)![1].split('|');
    assert.deepEqual([...names].sort(), FLAGS.map((f) => f.shortName).sort());
    for (const id of LIBRARY_IDS) assert.ok(all.includes(id.replace(/\./g, '\\.')), id);
  });

  // The scope assertions in syntaxes/tests/*.sslcache, run by vscode-tmgrammar-test (a dev dependency).
  const runner = path.join(repoRoot(), 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js');
  it('passes the grammar tests in syntaxes/tests', { skip: fs.existsSync(runner) ? false : 'vscode-tmgrammar-test is not installed' }, () => {
    const tests = fs.readdirSync(path.join(repoRoot(), 'syntaxes', 'tests')).filter((f) => f.endsWith('.sslcache'));
    assert.ok(tests.length >= 3);
    const result = spawnSync(
      process.execPath,
      [runner, '--compact', '-g', 'syntaxes/sslcache.tmLanguage.json', ...tests.map((f) => `syntaxes/tests/${f}`)],
      { cwd: repoRoot(), encoding: 'utf8', timeout: 120_000 },
    );
    assert.equal(result.status, 0, result.stdout + result.stderr);
  });
});
