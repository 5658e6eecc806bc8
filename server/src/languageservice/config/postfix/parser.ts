import type { Span } from '../model';

/** `name = value`; the value joins continuation lines with a space. */
export interface PostfixParam extends Span {
  name: string;
  nameSpan: Span;
  value: string;
  valueSpan: Span;
}

export interface PostfixSyntaxError extends Span {
  message: string;
}

export interface PostfixDocument {
  params: PostfixParam[];
  errors: PostfixSyntaxError[];
}

/**
 * Tolerant parser for Postfix main.cf: `name = value`, lines starting with blanks continue the
 * previous one, `#` comment lines. Never throws; a line without `=` is reported and skipped.
 */
export function parsePostfix(text: string): PostfixDocument {
  const doc: PostfixDocument = { params: [], errors: [] };
  let last: PostfixParam | undefined;
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    const raw = text.slice(pos, end);
    const line = raw.trim();
    const start = pos + (raw.length - raw.trimStart().length);
    if (line && line[0] !== '#') {
      if (raw[0] === ' ' || raw[0] === '\t') {
        if (last) {
          last.value = `${last.value} ${line}`.trim();
          last.valueSpan.end = last.end = start + line.length;
        } else doc.errors.push({ message: 'continuation line without a parameter before it', start, end: start + line.length });
      } else {
        const eq = line.indexOf('=');
        if (eq <= 0) {
          doc.errors.push({ message: 'expected "parameter = value"', start, end: start + line.length });
          last = undefined;
        } else {
          const name = line.slice(0, eq).trimEnd();
          const after = line.slice(eq + 1);
          const vStart = start + eq + 1 + (after.length - after.trimStart().length);
          last = { name, nameSpan: { start, end: start + name.length }, value: after.trim(), valueSpan: { start: vStart, end: vStart + after.trim().length }, start, end: start + line.length };
          doc.params.push(last);
        }
      }
    }
    if (nl < 0) break;
    pos = nl + 1;
  }
  return doc;
}
