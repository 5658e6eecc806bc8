import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { closestName, editDistance } from './closest';

/** closestName as it was: every candidate compared. */
function closestByFullComparison(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(name, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return bestDistance <= Math.max(1, Math.floor(name.length / 3)) ? best : undefined;
}

describe('closestName', () => {
  it('skipping candidates whose length alone rules them out changes no answer', () => {
    const word = fc.string({ unit: fc.constantFrom('A', 'B', 'C', '_'), maxLength: 14 });
    fc.assert(fc.property(word, fc.array(word, { maxLength: 8 }), (name, candidates) => {
      assert.equal(closestName(name, candidates), closestByFullComparison(name, candidates));
    }), { seed: 9, numRuns: 2000 });
  });

  it('a megabyte-long word is compared with nothing (found by fuzzing: its length times every name per hover)', () => {
    const names = Array.from({ length: 40 }, (_, i) => `SSL_SESS_CACHE_NAME_${i}`);
    assert.equal(closestName('X'.repeat(1 << 20), names), undefined);
    assert.equal(closestName('SSL_SESS_CACHE_NAME_7X', names), 'SSL_SESS_CACHE_NAME_7');
  });
});
