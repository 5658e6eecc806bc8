import type { Span } from '../model';

/** `key = value`, with the offsets of both (the value trimmed). */
export interface StunnelOption extends Span {
  /** The key, lower-cased (stunnel compares option names case-insensitively). */
  key: string;
  keySpan: Span;
  value: string;
  valueSpan: Span;
}

export interface StunnelSection {
  /** undefined for the global section before the first `[service]`. */
  name?: string;
  header?: Span;
  options: StunnelOption[];
}

export interface StunnelSyntaxError extends Span {
  message: string;
}

export interface StunnelDocument {
  global: StunnelSection;
  services: StunnelSection[];
  errors: StunnelSyntaxError[];
}

/**
 * Tolerant parser for stunnel.conf: `[service]` headers, `key = value` lines, `;` and `#` comment
 * lines. Never throws; a line that is neither is reported and skipped.
 */
export function parseStunnel(text: string): StunnelDocument {
  const doc: StunnelDocument = { global: { options: [] }, services: [], errors: [] };
  let current = doc.global;
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    const raw = text.slice(pos, end);
    const lead = raw.length - raw.trimStart().length;
    const line = raw.trim();
    const start = pos + lead;
    const stop = start + line.length;
    if (line && line[0] !== ';' && line[0] !== '#') {
      if (line[0] === '[') {
        const close = line.indexOf(']');
        if (close < 0) doc.errors.push({ message: 'unterminated section name: "]" expected', start, end: stop });
        current = { name: line.slice(1, close < 0 ? undefined : close).trim(), header: { start, end: stop }, options: [] };
        doc.services.push(current);
      } else {
        const eq = line.indexOf('=');
        if (eq <= 0) doc.errors.push({ message: 'expected "option = value"', start, end: stop });
        else {
          const key = line.slice(0, eq).trimEnd();
          const after = line.slice(eq + 1);
          const value = after.trim();
          const vStart = start + eq + 1 + (after.length - after.trimStart().length);
          current.options.push({ key: key.toLowerCase(), keySpan: { start, end: start + key.length }, value, valueSpan: { start: vStart, end: vStart + value.length }, start, end: stop });
        }
      }
    }
    if (nl < 0) break;
    pos = nl + 1;
  }
  return doc;
}
