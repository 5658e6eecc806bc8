/**
 * The Rust analyser under hostile input, before the language is wired into the shared fuzz targets:
 * fixture mutations never make it throw or hand out a range outside the document, and the
 * pathological shapes stay linear.
 */
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hostileText } from '../../testing/fuzz/mutations';
import { assertRange, assertRangesIn, probeOffsets } from '../../testing/fuzz/positions';
import { corpusOf } from '../../testing/fuzz/targets';
import { analyzeRust } from './analyze';
import { RUST_DIALECT, RUST_SHAPES } from './fuzzDialect';

function check(text: string): void {
  const analysis = analyzeRust(text, { library: 'openssl-3.0' });
  assertRangesIn(text, analysis.settings, 'settings');
  for (const s of analysis.settings) {
    if (!Number.isInteger(s.mode) || s.mode < 0 || s.mode > 0xffffffff) throw new Error(`setting ${s.label}: mode ${s.mode} is not a 32-bit value`);
  }
  assertRangesIn(text, analysis.findings, 'findings');
  for (const offset of probeOffsets(text)) {
    const hover = analysis.hoverAt(offset);
    if (hover) assertRange(text, hover.start, hover.end, `hover at ${offset}`);
  }
}

function bestOf(runs: number, f: () => void): number {
  let best = Infinity;
  for (let k = 0; k < runs; k++) {
    const started = performance.now();
    f();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

describe('fuzz rust', () => {
  it('1500 hostile inputs (seed 0x5a5): nothing throws, every position is inside the document', () => {
    const corpus = corpusOf(['server/src/languageservice/rust/fixtures'], (f) => f.endsWith('.rs'));
    assert.ok(corpus.length >= 4);
    fc.assert(fc.property(hostileText(corpus, RUST_DIALECT), check), { seed: 0x5a5, numRuns: 1500, endOnFailure: true });
  });

  it(`${RUST_SHAPES.length} pathological shapes at n = 10000`, () => {
    for (const shape of RUST_SHAPES) {
      const text = shape.make(10_000);
      assert.doesNotThrow(() => check(text), shape.name);
    }
  });

  it('every shape grows linearly (8 times the input costs far less than 64 times the time)', () => {
    for (const shape of RUST_SHAPES) {
      const small = shape.make(2_000);
      const large = shape.make(16_000);
      const tSmall = Math.max(bestOf(3, () => check(small)), 0.5);
      const tLarge = bestOf(2, () => check(large));
      assert.ok(tLarge / tSmall < 30, `${shape.name}: ${tSmall.toFixed(1)} ms at n = 2000, ${tLarge.toFixed(1)} ms at n = 16000`);
    }
  });
});
