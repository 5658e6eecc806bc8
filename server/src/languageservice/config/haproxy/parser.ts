import type { Span } from '../model';

/** One word of a line, unquoted, with its offsets in the document (quotes included). */
export interface HaproxyWord extends Span {
  value: string;
}

export interface HaproxyLine extends Span {
  /** The first word, lower-cased. */
  keyword: string;
  words: HaproxyWord[];
}

export interface HaproxySection {
  /** `global`, `defaults`, `frontend`, `backend`, `listen`, … */
  kind: string;
  name?: string;
  header: HaproxyLine;
  lines: HaproxyLine[];
}

export interface HaproxySyntaxError extends Span {
  message: string;
}

export interface HaproxyDocument {
  /** Lines before the first section header (HAProxy refuses them; kept for hovers). */
  loose: HaproxyLine[];
  sections: HaproxySection[];
  errors: HaproxySyntaxError[];
}

/** The section keywords of haproxy.cfg: a line starting with one opens a new section. */
export const HAPROXY_SECTIONS = new Set(['global', 'defaults', 'frontend', 'backend', 'listen', 'peers', 'resolvers', 'userlist', 'mailers', 'program', 'http-errors', 'ring', 'cache', 'crt-store', 'log-forward', 'traces']);

/**
 * Tolerant line parser for haproxy.cfg: words split on blanks, `#` comments, single and double
 * quotes and backslash escapes. Never throws; an unterminated quote is reported and ends the word.
 */
export function parseHaproxy(text: string): HaproxyDocument {
  const doc: HaproxyDocument = { loose: [], sections: [], errors: [] };
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    const line = parseLine(text, pos, end, doc.errors);
    if (line) {
      if (HAPROXY_SECTIONS.has(line.keyword)) doc.sections.push({ kind: line.keyword, name: line.words[1]?.value, header: line, lines: [] });
      else if (doc.sections.length) doc.sections[doc.sections.length - 1].lines.push(line);
      else doc.loose.push(line);
    }
    if (nl < 0) break;
    pos = nl + 1;
  }
  return doc;
}

function parseLine(text: string, from: number, to: number, errors: HaproxySyntaxError[]): HaproxyLine | undefined {
  const words: HaproxyWord[] = [];
  let i = from;
  while (i < to) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') break;
    const start = i;
    let value = '';
    let quote: string | undefined;
    while (i < to) {
      const ch = text[i];
      if (quote) {
        if (ch === quote) quote = undefined;
        else if (ch === '\\' && quote === '"' && i + 1 < to) value += text[++i];
        else value += ch;
        i++;
        continue;
      }
      if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '#') break;
      if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '\\' && i + 1 < to) value += text[++i];
      else value += ch;
      i++;
    }
    if (quote) errors.push({ message: `unterminated ${quote === '"' ? 'double' : 'single'} quote`, start, end: i });
    words.push({ value, start, end: i });
  }
  if (!words.length) return undefined;
  return { keyword: words[0].value.toLowerCase(), words, start: words[0].start, end: words[words.length - 1].end };
}
