import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readRepoFile } from '../../../testing/paths';
import { parseSslcache } from './parse';
import { SSLCACHE_RECIPES, expandSnippet, snippetsJson } from './recipes';

/** The body with choice `k` (or the last one) of every ${n|a,b|} and the default of every ${n:x}. */
function expandWithChoice(body: string, k: number): string {
  return expandSnippet(
    body.replace(/\$\{(\d+)\|([^|}]*)\|\}/g, (_, n: string, choices: string) => {
      const list = choices.split(',');
      return `\${${n}:${list[Math.min(k, list.length - 1)]}}`;
    }),
  );
}

describe('sslcache snippets', () => {
  it('snippets/sslcache.json is generated from the recipes (regenerate it from snippetsJson())', () => {
    assert.deepEqual(JSON.parse(readRepoFile('snippets', 'sslcache.json')), snippetsJson());
  });

  it('has unique prefixes and names', () => {
    assert.equal(new Set(SSLCACHE_RECIPES.map((r) => r.prefix)).size, SSLCACHE_RECIPES.length);
    assert.equal(new Set(SSLCACHE_RECIPES.map((r) => r.name)).size, SSLCACHE_RECIPES.length);
  });

  it('every recipe, with every choice, is a valid file on its own and after a server recipe', () => {
    const server = SSLCACHE_RECIPES.find((r) => r.prefix === 'internal-cache')!;
    for (const recipe of SSLCACHE_RECIPES) {
      for (let k = 0; k < 5; k++) {
        const text = expandWithChoice(recipe.body.join('\n'), k);
        assert.deepEqual(parseSslcache(text).findings, [], `${recipe.prefix} (choice ${k}):\n${text}`);
        if (recipe.scope === 'workload') {
          const combined = expandSnippet(server.body.join('\n')) + '\n' + text;
          assert.deepEqual(parseSslcache(combined).findings, [], combined);
        }
      }
    }
  });

  it('expands placeholders to their defaults', () => {
    assert.equal(expandSnippet('a ${1:x} ${2|p,q|} $0 ${3}'), 'a x p  ');
  });
});
