import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { alternate, formatNumber, median, percentile } from './measure';
import { updateReadme } from './report';
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

test('npm run bench rewrites only the table between the README markers', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-readme-'));
  try {
    const file = path.join(dir, 'README.md');
    const before = '# x\n\n## Performance\n\n<!-- bench:start (written by npm run bench) -->\nold table\n<!-- bench:end -->\n\nafter\n';
    fs.writeFileSync(file, before);
    const result = compared({ name: 'x', title: 'thing', ours: 2, reference: 1, referenceName: 'rg', unit: 'ms', target: '<= 3x' }, (_o, _r, ratio) => ratio <= 3);
    assert.equal(updateReadme(file, [result], { cpus: 2, cpu: 'cpu', node: 'v20' }), true);
    const after = fs.readFileSync(file, 'utf8');
    assert.ok(after.startsWith('# x\n\n## Performance\n\n<!-- bench:start'));
    assert.ok(after.endsWith('<!-- bench:end -->\n\nafter\n'));
    assert.ok(!after.includes('old table'));
    assert.match(after, /\| thing +\| 2 ms +\| 1 ms \(rg\) +\| 2 +\| <= 3x +\| yes +\|/);
    fs.writeFileSync(file, '# no markers\n');
    assert.equal(updateReadme(file, [result], { cpus: 2, cpu: 'cpu', node: 'v20' }), false);
    assert.equal(fs.readFileSync(file, 'utf8'), '# no markers\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
