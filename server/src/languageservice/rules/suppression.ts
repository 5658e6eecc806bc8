import type { CDocument } from '../c/analysis';
import type { Fix } from './types';

/** The comment that silences findings: `// sesscache-ignore rule-a, rule-b` (no ids: every rule). */
export const IGNORE_MARKER = 'sesscache-ignore';

/**
 * Which findings are silenced by an ignore comment on their own line or on the line above.
 * Returns a predicate over (rule id, offset).
 */
export function suppressedRules(doc: CDocument): (ruleId: string, offset: number) => boolean {
  // Most files have no ignore comment: no need to index their lines. A configuration linted as C
  // has no comments at all, and is linted once per context: no look at its text then.
  if (doc.scanned.comments.length === 0 || !doc.text.includes(IGNORE_MARKER)) return () => false;
  const byLine = new Map<number, Set<string> | 'all'>();
  const lineOf = lineIndex(doc.text);
  for (const c of doc.scanned.comments) {
    const body = doc.text.slice(c.start, c.end);
    const at = body.indexOf(IGNORE_MARKER);
    if (at < 0) continue;
    const rest = body.slice(at + IGNORE_MARKER.length).replace(/\*\/\s*$/, '');
    const ids = rest.split(/[\s,]+/).filter((s) => /^[a-z][a-z0-9-]*$/.test(s));
    const line = lineOf(c.start);
    const entry: Set<string> | 'all' = ids.length === 0 ? 'all' : new Set(ids);
    const previous = byLine.get(line);
    byLine.set(line, previous === 'all' || entry === 'all' ? 'all' : new Set([...(previous ?? []), ...entry]));
  }
  if (byLine.size === 0) return () => false;
  return (ruleId, offset) => {
    const line = lineOf(offset);
    for (const l of [line, line - 1]) {
      const entry = byLine.get(l);
      if (entry === 'all' || entry?.has(ruleId)) return true;
    }
    return false;
  };
}

/** A fix that adds an ignore comment for one rule on the line above the finding. */
export function ignoreFix(text: string, ruleId: string, offset: number): Fix {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const indentation = /^[ \t]*/.exec(text.slice(lineStart))![0];
  return {
    title: `Ignore ${ruleId} on this line`,
    edits: [{ start: lineStart, end: lineStart, newText: `${indentation}// ${IGNORE_MARKER} ${ruleId}\n` }],
  };
}

/** Line number (0-based) of an offset, by binary search over line starts. */
export function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
}
