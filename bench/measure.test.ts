import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { alternate, formatNumber, median, percentile } from './measure';
import { compared } from './types';

test('percentiles are nearest-rank, whatever the order of the samples', () => {
  const samples = [9, 1, 8, 2, 7, 3, 6, 4, 5, 10];
  assert.equal(median(samples), 5);
  assert.equal(percentile(samples, 99), 10);
  assert.equal(percentile(samples, 0), 1);
  assert.equal(percentile([4], 99), 4);
  assert.throws(() => median([]), /empty/);
});

test('alternate runs every subject the same number of times, interleaved, after the warm-ups', () => {
  const calls: string[] = [];
  const samples = alternate([() => calls.push('a'), () => calls.push('b')], { runs: 3, warmups: 1 });
  assert.deepEqual(calls, ['a', 'b', 'a', 'b', 'b', 'a', 'a', 'b']);
  assert.deepEqual(
    samples.map((s) => s.length),
    [3, 3],
  );
  assert.ok(samples.flat().every((ms) => ms >= 0));
});

test('a compared result carries the ratio and whether the target was met', () => {
  const r = compared(
    { name: 'x', title: 'x', ours: 30, reference: 10, referenceName: 'rg', unit: 'ms', target: '<= 3x' },
    (_o, _r, ratio) => ratio <= 3,
  );
  assert.equal(r.ratio, 3);
  assert.equal(r.met, true);
  assert.equal(formatNumber(1234567.8), '1,234,568');
  assert.equal(formatNumber(0.012345), '0.0123');
});
