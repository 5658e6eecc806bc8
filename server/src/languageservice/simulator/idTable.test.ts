import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { IdTable } from './idTable';
import { mulberry32 } from './workload';

test('IdTable behaves like a Map from id to slot under random inserts, replacements and deletes', () => {
  for (const seed of [1, 2, 3]) {
    const random = mulberry32(seed);
    // Slot k holds id ids[k]; several slots may share an id (a replaced session).
    const ids: number[] = [];
    const table = new IdTable({ id: ids });
    const reference = new Map<number, number>();
    // Small and huge ids (above 2^32, up to 2^53), dense and sparse.
    const pickId = (): number => (random() < 0.8 ? 1 + Math.floor(random() * 3000) : Math.floor(random() * Number.MAX_SAFE_INTEGER));
    for (let step = 0; step < 40000; step++) {
      const r = random();
      if (r < 0.5) {
        const slot = ids.push(pickId()) - 1;
        table.set(slot);
        reference.set(ids[slot], slot);
      } else if (r < 0.8) {
        const id = reference.size > 0 && random() < 0.8 ? [...reference.keys()][Math.floor(random() * reference.size)] : pickId();
        assert.equal(table.delete(id), reference.delete(id));
      } else {
        const id = pickId();
        assert.equal(table.get(id), reference.get(id) ?? -1);
      }
      assert.equal(table.size, reference.size);
    }
    for (const [id, slot] of reference) assert.equal(table.get(id), slot);
  }
});

test('IdTable grows and shrinks without losing entries', () => {
  const ids: number[] = [];
  const table = new IdTable({ id: ids });
  for (let i = 0; i < 100000; i++) table.set(ids.push(i * 7 + 1) - 1);
  assert.equal(table.size, 100000);
  for (let i = 0; i < 100000; i += 2) assert.ok(table.delete(i * 7 + 1));
  for (let i = 0; i < 100000; i++) assert.equal(table.get(i * 7 + 1), i % 2 === 0 ? -1 : i);
});
