/**
 * The internal cache's hash: session id -> slot, by open addressing with linear probing over an
 * Int32Array. The keys are not stored here: a slot's id is read from the session slots (`slots.id`),
 * so an entry costs 4 bytes per table cell (2 to 4 cells per entry) instead of a Map entry's ~40,
 * and lookups of the sequential ids the simulator makes hash evenly with a multiplicative hash.
 */

const EMPTY = -1;
const MIN_CAPACITY = 64;

export class IdTable {
  private cells: Int32Array;
  private mask: number;
  size = 0;

  constructor(
    /** Where the ids of slots are read (`slots.id[slot]`; a slot's id never changes while it is in the table). */
    private readonly slots: { readonly id: ArrayLike<number> },
  ) {
    this.cells = new Int32Array(MIN_CAPACITY).fill(EMPTY);
    this.mask = MIN_CAPACITY - 1;
  }

  /** Ids are whole numbers up to 2^53: the low and high 32-bit halves are mixed (Fibonacci hashing). */
  private home(id: number): number {
    const high = id > 0xffffffff ? (id / 4294967296) >>> 0 : 0;
    return (Math.imul((id >>> 0) ^ Math.imul(high, 0x85ebca6b), 0x9e3779b1) >>> 7) & this.mask;
  }

  /** The slot stored under `id`, or -1. */
  get(id: number): number {
    const cells = this.cells;
    for (let i = this.home(id); ; i = (i + 1) & this.mask) {
      const slot = cells[i];
      if (slot === EMPTY) return EMPTY;
      if (this.slots.id[slot] === id) return slot;
    }
  }

  /** Stores `slot` under its id, replacing whatever was stored under that id. */
  set(slot: number): void {
    if ((this.size + 1) * 2 > this.cells.length) this.resize(this.cells.length * 2);
    const id = this.slots.id[slot];
    const cells = this.cells;
    let i = this.home(id);
    for (; cells[i] !== EMPTY; i = (i + 1) & this.mask) {
      if (this.slots.id[cells[i]] === id) {
        cells[i] = slot;
        return;
      }
    }
    cells[i] = slot;
    this.size++;
  }

  /** Removes the entry for `id` (backward-shift deletion keeps every probe chain unbroken). */
  delete(id: number): boolean {
    const cells = this.cells;
    const mask = this.mask;
    let i = this.home(id);
    for (; ; i = (i + 1) & mask) {
      if (cells[i] === EMPTY) return false;
      if (this.slots.id[cells[i]] === id) break;
    }
    let hole = i;
    for (let j = (hole + 1) & mask; cells[j] !== EMPTY; j = (j + 1) & mask) {
      const home = this.home(this.slots.id[cells[j]]);
      // Move the entry at j into the hole unless its home lies cyclically in (hole, j].
      const stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
      if (!stays) {
        cells[hole] = cells[j];
        hole = j;
      }
    }
    cells[hole] = EMPTY;
    this.size--;
    if (this.cells.length > MIN_CAPACITY && this.size * 8 < this.cells.length) this.resize(this.cells.length / 2);
    return true;
  }

  private resize(capacity: number): void {
    const old = this.cells;
    this.cells = new Int32Array(capacity).fill(EMPTY);
    this.mask = capacity - 1;
    this.size = 0;
    for (let i = 0; i < old.length; i++) if (old[i] !== EMPTY) this.set(old[i]);
  }
}
