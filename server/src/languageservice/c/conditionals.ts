import type { ScanResult } from './scanner';

/**
 * Offset ranges that the preprocessor never compiles: `#if 0` (and `#elif 0`) groups, and the
 * `#else`/`#elif` groups of an `#if 1`. Every other conditional group is a possibility and stays live.
 * A group left open (no `#endif` yet, as while typing) is dead to the end of the text.
 */
export function deadRanges(scanned: ScanResult, textLength: number): { start: number; end: number }[] {
  const dead: { start: number; end: number }[] = [];
  interface Frame {
    /** Offset where the current dead group started, or -1 when live. */
    deadFrom: number;
    /** An earlier group of this #if chain is always taken (#if 1): the rest is dead. */
    taken: boolean;
    /** The enclosing frame is dead: everything here is. */
    parentDead: boolean;
  }
  const stack: Frame[] = [];
  const constant = (d: { firstToken: number; endToken: number }): number | undefined => {
    const body = scanned.tokens.slice(d.firstToken + 2, d.endToken).map((t) => t.text);
    if (body.length === 1 && /^[01]$/.test(body[0])) return Number(body[0]);
    if (body.length === 3 && body[0] === '(' && /^[01]$/.test(body[1]) && body[2] === ')') return Number(body[1]);
    return undefined;
  };
  const isDead = (): boolean => stack.length > 0 && (stack[stack.length - 1].parentDead || stack[stack.length - 1].deadFrom >= 0);
  for (const d of scanned.directives) {
    switch (d.name) {
      case 'if':
      case 'ifdef':
      case 'ifndef': {
        const parentDead = isDead();
        const value = d.name === 'if' ? constant(d) : undefined;
        stack.push({ deadFrom: value === 0 && !parentDead ? d.end : -1, taken: value === 1, parentDead });
        break;
      }
      case 'elif':
      case 'else': {
        const frame = stack[stack.length - 1];
        if (!frame) break;
        if (frame.deadFrom >= 0) {
          dead.push({ start: frame.deadFrom, end: d.start });
          frame.deadFrom = -1;
        }
        const value = d.name === 'elif' ? constant(d) : undefined;
        if (!frame.parentDead && (frame.taken || value === 0)) frame.deadFrom = d.end;
        if (value === 1) frame.taken = true;
        break;
      }
      case 'endif': {
        const frame = stack.pop();
        if (frame && frame.deadFrom >= 0) dead.push({ start: frame.deadFrom, end: d.start });
        break;
      }
    }
  }
  for (const frame of stack) if (frame.deadFrom >= 0) dead.push({ start: frame.deadFrom, end: textLength });
  return dead.sort((a, b) => a.start - b.start);
}

export function isInRanges(ranges: readonly { start: number; end: number }[], offset: number): boolean {
  for (const r of ranges) if (offset >= r.start && offset < r.end) return true;
  return false;
}
