/**
 * The position property of the fuzz suite: every range a result hands to an adapter (findings, fix
 * edits, hovers, setting spans, code lens spans) lies inside the document and does not split a
 * surrogate pair, so that positionAt/offsetAt and the editor never see a half character.
 */

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Throws unless [start, end) is a valid range of `text`. */
export function assertRange(text: string, start: unknown, end: unknown, what: string): void {
  const ok =
    typeof start === 'number' &&
    typeof end === 'number' &&
    Number.isInteger(start) &&
    Number.isInteger(end) &&
    start >= 0 &&
    start <= end &&
    end <= text.length;
  if (!ok) throw new Error(`${what}: range ${String(start)}..${String(end)} is not inside a text of ${text.length} characters`);
  for (const at of [start, end]) {
    if (at > 0 && isHigh(text.charCodeAt(at - 1)) && isLow(text.charCodeAt(at))) {
      throw new Error(`${what}: range ${start}..${end} splits the surrogate pair at ${at - 1}`);
    }
  }
}

/** Keys whose offsets are not the document's (a macro body's names are relative to their header). */
const FOREIGN_OFFSETS = new Set(['expansion']);

/**
 * Checks every object with numeric `start` and `end` anywhere in `value` (findings, their fixes'
 * edits, spans of extracted contexts and settings) as a range of `text`.
 */
export function assertRangesIn(text: string, value: unknown, what: string): void {
  const seen = new WeakSet<object>();
  const visit = (v: unknown, path: string): void => {
    if (typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) {
      v.forEach((item, i) => visit(item, `${path}[${i}]`));
      return;
    }
    const o = v as Record<string, unknown>;
    if (typeof o.start === 'number' || typeof o.end === 'number') assertRange(text, o.start, o.end, path);
    for (const [key, child] of Object.entries(o)) if (!FOREIGN_OFFSETS.has(key)) visit(child, `${path}.${key}`);
  };
  visit(value, what);
}

/**
 * Offsets worth hovering or completing at: both ends, around every special character of the first
 * stretch of the text, and a spread over the rest (a fixed number, so the cost stays linear).
 */
export function probeOffsets(text: string, count = 24): number[] {
  const out = new Set<number>([0, text.length]);
  const step = Math.max(1, Math.floor(text.length / count));
  for (let i = 0; i <= text.length; i += step) out.add(i);
  for (let i = 0; i < Math.min(text.length, 160); i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) {
      out.add(i);
      out.add(i + 1);
    }
  }
  return [...out];
}
