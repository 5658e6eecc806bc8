import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeFuzz } from '../../testing/fuzz/run';
import { C_TARGET } from '../../testing/fuzz/targets';
import { probeOffsets } from '../../testing/fuzz/positions';
import { hoverC } from '../hover/hover';
import { lintExtracted } from '../rules/lint';
import { analyzeC } from './analysis';
import { extractConfig } from './config';

describeFuzz(C_TARGET, { seed: 0x5e55, runs: 800, shapeSize: 10_000 });

/**
 * Linear growth without a clock: the tokens the extractor, every rule and the hovers read, for
 * each pathological shape at n and 4n. Linear work reads about 4 times as many; a quadratic
 * stage 16 times. (The scanner's own growth is timed by scripts/fuzz.mjs.)
 */
function tokenReads(text: string): number {
  const doc = analyzeC(text);
  let reads = 0;
  const tokens = new Proxy(doc.scanned.tokens, {
    get(target, key, receiver) {
      reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  const counted = { ...doc, scanned: { ...doc.scanned, tokens } };
  const file = extractConfig(counted);
  lintExtracted(counted, file, { library: 'openssl-3.0' });
  for (const offset of probeOffsets(text)) hoverC(counted, offset, { library: 'openssl-3.0' });
  return reads;
}

describe('C analysis reads a number of tokens linear in the input', () => {
  for (const shape of C_TARGET.shapes) {
    it(shape.name, () => {
      const small = tokenReads(shape.make(1000));
      const large = tokenReads(shape.make(4000));
      assert.ok(large <= 6 * small + 1000, `${small} token reads at n = 1000, ${large} at n = 4000 (${(large / small).toFixed(1)} times)`);
    });
  }
});
