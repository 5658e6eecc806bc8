/**
 * The `.sslcache` formatter. It keeps the user's order and spellings and normalises layout only:
 * one space between a directive and its values, `mode` operands joined by ` | `, workload fields
 * indented by two spaces and everything else at the start of the line, no trailing blanks, at
 * most one blank line in a row and exactly one before each workload (before the comment lines
 * directly above it), comments where they were written, and a final line break. Idempotent.
 * A document with syntax errors is not formatted: its errors are returned instead.
 */
import type { TextEdit } from '../../rules/types';
import type { ConfigFinding } from '../model';
import { parseSslcache } from './parse';
import type { SslcacheDocument, SslcacheLine } from './parse';

export type SslcacheFormatResult = { text: string; edits: TextEdit[] } | { findings: ConfigFinding[] };

/** The formatted text and the edits that produce it, or the errors that prevent formatting. */
export function formattedSslcache(text: string): SslcacheFormatResult {
  const doc = parseSslcache(text);
  const errors = doc.findings.filter((f) => f.severity === 'error');
  if (errors.length) return { findings: errors };
  const chunks = formatLines(doc);
  const edits: TextEdit[] = [];
  let out = text.slice(0, doc.lines[0]?.start ?? text.length); // a byte order mark stays
  doc.lines.forEach((line, i) => {
    const chunk = chunks[i];
    out += chunk;
    if (text.slice(line.start, line.breakEnd) === chunk) return;
    const last = edits[edits.length - 1];
    if (last && last.end === line.start) {
      last.end = line.breakEnd;
      last.newText += chunk;
    } else {
      edits.push({ start: line.start, end: line.breakEnd, newText: chunk });
    }
  });
  return { text: out, edits };
}

/** Edits that format the document (empty when it is formatted), or its syntax errors when it has any. */
export function formatSslcache(text: string): TextEdit[] | ConfigFinding[] {
  const result = formattedSslcache(text);
  return 'findings' in result ? result.findings : result.edits;
}

/** True when formatSslcache refused (returned findings rather than edits). */
export function isFormatRefusal(result: TextEdit[] | ConfigFinding[]): result is ConfigFinding[] {
  return result.length > 0 && 'ruleId' in result[0];
}

/** For each line of the document, the text that replaces it (with its line break; '' to drop it). */
function formatLines(doc: SslcacheDocument): string[] {
  const eol = doc.eol;
  const lines = doc.lines;
  // A workload's group starts at the comment lines directly above its header (at the start of the line).
  const groupStarts = new Set<number>();
  for (const line of lines) {
    if (line.directive?.spec?.scope !== 'header') continue;
    let g = line.index;
    while (g > 0 && lines[g - 1].kind === 'comment' && lines[g - 1].indent.text === '') g--;
    groupStarts.add(g);
  }
  const chunks = lines.map(() => '');
  let emitted = false;
  let pendingBlank: number | undefined;
  for (const line of lines) {
    if (line.kind === 'blank') {
      if (emitted && pendingBlank === undefined) pendingBlank = line.index;
      continue;
    }
    const wantBlank = groupStarts.has(line.index) ? emitted : pendingBlank !== undefined;
    let chunk = '';
    if (wantBlank) {
      if (pendingBlank !== undefined) chunks[pendingBlank] = eol;
      else chunk += eol;
    }
    pendingBlank = undefined;
    chunk += formatLine(line) + eol;
    chunks[line.index] = chunk;
    emitted = true;
  }
  return chunks;
}

function formatLine(line: SslcacheLine): string {
  if (line.kind === 'comment') return line.indent.text + line.comment!.text;
  const d = line.directive!;
  const indent = d.spec?.scope === 'workload' ? '  ' : '';
  const values = d.spec?.value === 'mode' && d.mode ? d.mode.tokens.map((t) => t.text).join(' | ') : d.values.map((v) => v.text).join(' ');
  const code = indent + d.name.text + (values ? ' ' + values : '');
  if (!d.comment) return code;
  const codeEnd = d.valueSpan?.end ?? d.name.end;
  const gap = d.comment.start - codeEnd;
  const column = d.comment.start - line.start;
  // A comment set apart by more than one blank keeps its column (so aligned comments stay aligned).
  const padding = gap > 1 && code.length + 1 <= column ? ' '.repeat(column - code.length) : ' ';
  return code + padding + d.comment.text;
}
