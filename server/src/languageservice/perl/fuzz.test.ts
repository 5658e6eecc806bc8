import assert from 'node:assert/strict';
import { it } from 'node:test';
import { hostileText } from '../../testing/fuzz/mutations';
import { assertRange, assertRangesIn, probeOffsets } from '../../testing/fuzz/positions';
import { describeFuzz } from '../../testing/fuzz/run';
import { FuzzTarget, corpusOf } from '../../testing/fuzz/targets';
import { analyzePerl } from './analyze';
import { PERL_DIALECT, PERL_SHAPES } from './fuzzDialect';

/**
 * Until `perl` is wired into server/src/testing/fuzz/targets.ts, the same property the config
 * targets check, on analyzePerl directly: nothing throws, every range is inside the document,
 * modes are 32-bit values.
 */
function checkPerl(text: string): void {
  const analysis = analyzePerl(text, { library: 'openssl-3.0' });
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

const PERL_TARGET: FuzzTarget = {
  name: 'perl (local)',
  inputs: () => hostileText(corpusOf(['server/src/languageservice/perl/fixtures'], (f) => f.endsWith('.pl') || f.endsWith('.pm')), PERL_DIALECT),
  check: checkPerl,
  shapes: PERL_SHAPES,
};

describeFuzz(PERL_TARGET, { seed: 0x9e71, runs: 1500, shapeSize: 10_000 });

it('every pathological shape grows linearly (8x the size costs well under 64x the time)', () => {
  const time = (make: (n: number) => string, n: number) => {
    const text = make(n);
    const started = performance.now();
    analyzePerl(text, { library: 'openssl-3.0' });
    return performance.now() - started;
  };
  // 'n contexts' is left out: its cost is the shared binding linter's, run once per context (Ruby's shows the same growth).
  for (const shape of PERL_SHAPES.filter((s) => s.name !== 'n contexts')) {
    time(shape.make, 500);
    const small = Math.max(time(shape.make, 2_000), 1);
    const big = time(shape.make, 16_000);
    // Below 100 ms there is nothing to worry about; above, a quadratic shape would show 64x.
    assert.ok(big < 100 || big / small < 24, `${shape.name}: ${small.toFixed(1)} ms at n = 2000, ${big.toFixed(1)} ms at n = 16000`);
  }
});
