/**
 * `.sslcache` completion: directive names at the start of a line (server directives at the top
 * level, fields inside a workload), flag names in `mode`, and the values of the directives that
 * have a fixed set of them.
 */
import { renderFlag } from '../../hover/render';
import { FLAGS, FLAG_PREFIX } from '../../knowledge/flags';
import type { FlagInfo } from '../../knowledge/types';
import { DEFAULT_LIBRARY, LIBRARY_IDS, LIBRARY_NAMES } from '../../knowledge/libraries';
import type { LibraryId } from '../../knowledge/libraries';
import { formatHex } from '../../mode/decode';
import { WORKLOAD_PRESETS } from '../../simulator/report';
import { CALLBACK_NAMES, PROTOCOLS } from '../../simulator/scenario';
import type { DirectiveSpec } from './directives';
import { SERVER_DIRECTIVES, WORKLOAD_DIRECTIVES, WORKLOAD_HEADER, findDirective } from './directives';
import { lineHolding, parseSslcache } from './parse';
import type { SslcacheDocument, SslcacheLine, SslcacheWorkload } from './parse';
import { SSLCACHE_RECIPES } from './recipes';

export interface SslcacheCompletion {
  label: string;
  kind: 'keyword' | 'flag' | 'value' | 'snippet';
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** The text to insert instead of the label; for kind `snippet` in LSP snippet syntax (`${1:name}`). */
  insertText?: string;
  /** The range the completion replaces (the word at the cursor). */
  replaceStart: number;
  replaceEnd: number;
}

export interface SslcacheCompletionOptions {
  /** The library when the file has no `library` line (for flag documentation). */
  library?: LibraryId;
}

const NAME_CHAR = /[A-Za-z0-9_.%/-]/;
const FLAG_CHAR = /[A-Za-z0-9_]/;

/** Completion items at `offset`. Empty inside comments and strings and where nothing fits. */
export function completeSslcache(text: string, offset: number, options: SslcacheCompletionOptions = {}): SslcacheCompletion[] {
  offset = Math.max(0, Math.min(offset, text.length));
  const doc = parseSslcache(text);
  const library = doc.server.library ?? options.library ?? DEFAULT_LIBRARY;
  const line = lineAt(doc, offset);
  const before = text.slice(line.start, offset);
  if (inCommentOrString(before)) return [];

  const wordChar = NAME_CHAR;
  let wordStart = offset;
  while (wordStart > line.start && wordChar.test(text[wordStart - 1])) wordStart--;
  let wordEnd = offset;
  while (wordEnd < line.end && wordChar.test(text[wordEnd])) wordEnd++;

  const prefix = text.slice(line.start, wordStart);
  if (/^[ \t]*$/.test(prefix)) return nameItems(doc, line, prefix.length > 0, wordStart, wordEnd);

  const directive = line.directive;
  const spec = directive && !directive.name.text.startsWith('"') ? findDirective(directive.name.text) : undefined;
  if (!directive || !spec || offset < directive.name.end) return [];
  const afterName = text.slice(directive.name.end, wordStart);
  if (!/^[ \t]/.test(afterName) && afterName !== '') return [];
  const firstValue = /^[ \t]*$/.test(afterName);
  const written = afterName.split(/[ \t]+/).filter(Boolean);

  const values = (words: readonly string[], describe: (w: string) => { detail?: string; documentation?: string } = () => ({})): SslcacheCompletion[] =>
    words.map((w) => ({ label: w, kind: 'value' as const, ...describe(w), replaceStart: wordStart, replaceEnd: wordEnd }));

  switch (spec.value) {
    case 'mode':
      return flagItems(text, directive.name.end, offset, line.end, library);
    case 'library':
      return firstValue ? values(LIBRARY_IDS, (id) => ({ detail: LIBRARY_NAMES[id as LibraryId] })) : [];
    case 'protocols':
      return values(PROTOCOLS.filter((p) => !written.includes(p)), (p) => ({ detail: p === 'TLSv1.2' ? 'TLS 1.2: session IDs and RFC 5077 tickets' : 'TLS 1.3: tickets (PSK) only' }));
    case 'boolean':
      return firstValue ? values(['yes', 'no']) : [];
    case 'callbacks': {
      if (written.includes('none')) return [];
      const names: string[] = CALLBACK_NAMES.filter((c) => !written.includes(c));
      if (written.length === 0) names.push('none');
      const details: Record<string, string> = {
        new: 'SSL_CTX_sess_set_new_cb: new sessions are given to the external cache',
        get: 'SSL_CTX_sess_set_get_cb: the external cache is asked for IDs the internal one lacks',
        remove: 'SSL_CTX_sess_set_remove_cb: removals and evictions are passed on',
        none: 'no callbacks: the internal cache only',
      };
      return values(names, (c) => ({ detail: details[c] }));
    }
    case 'preset':
      return firstValue
        ? values(
            WORKLOAD_PRESETS.map((p) => p.id),
            (id) => {
              const p = WORKLOAD_PRESETS.find((x) => x.id === id)!;
              return { detail: p.label, documentation: p.description };
            },
          )
        : [];
    case 'flush':
      return firstValue
        ? values(['expired', 'all'], (w) => ({ detail: w === 'expired' ? 'SSL_CTX_flush_sessions(ctx, now)' : 'SSL_CTX_flush_sessions(ctx, 0)' }))
        : [];
    default:
      return [];
  }
}

function lineAt(doc: SslcacheDocument, offset: number): SslcacheLine {
  const found = lineHolding(doc.lines, offset, true);
  if (found) return found;
  // After the last line break (or an empty document): a new, empty line.
  const indent = { text: '', start: offset, end: offset };
  return { index: doc.lines.length, start: offset, end: offset, breakEnd: offset, kind: 'blank', indent };
}

function inCommentOrString(before: string): boolean {
  let inString = false;
  for (let i = 0; i < before.length; i++) {
    const c = before[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '#') return true;
  }
  return inString;
}

/** The workload whose block a line at the given position continues, if any. */
function enclosingWorkload(doc: SslcacheDocument, lineIndex: number): SslcacheWorkload | undefined {
  for (let i = Math.min(lineIndex, doc.lines.length) - 1; i >= 0; i--) {
    const l = doc.lines[i];
    if (l.kind !== 'directive') continue;
    return l.directive!.workload;
  }
  return undefined;
}

function keywordItem(spec: DirectiveSpec, start: number, end: number, addSpace: boolean): SslcacheCompletion {
  return {
    label: spec.name,
    kind: 'keyword',
    detail: spec.summary,
    documentation: `${spec.description}\n\n*When absent:* ${spec.absent}.\n\n\`${spec.example}\``,
    insertText: addSpace ? spec.name + ' ' : spec.name,
    replaceStart: start,
    replaceEnd: end,
  };
}

function nameItems(doc: SslcacheDocument, line: SslcacheLine, indented: boolean, start: number, end: number): SslcacheCompletion[] {
  const text = doc.text;
  const addSpace = end >= line.end || !/[ \t]/.test(text[end]);
  const own = line.directive;
  const others = doc.directives.filter((d) => d !== own && !d.duplicateOf);
  const workload = indented ? enclosingWorkload(doc, line.index) : undefined;
  if (workload) {
    const present = new Set(workload.fields.filter((f) => f !== own).map((f) => f.spec?.name));
    if (present.has('connections')) present.add('duration');
    if (present.has('duration')) present.add('connections');
    return WORKLOAD_DIRECTIVES.filter((s) => !present.has(s.name)).map((s) => keywordItem(s, start, end, addSpace));
  }
  const present = new Set(others.filter((d) => d.spec?.scope === 'server').map((d) => d.spec!.name));
  const items = SERVER_DIRECTIVES.filter((s) => !present.has(s.name)).map((s) => keywordItem(s, start, end, addSpace));
  items.push(keywordItem(WORKLOAD_HEADER, start, end, addSpace));
  if (!indented) {
    const empty = others.length === 0;
    const hasServer = present.size > 0;
    for (const r of SSLCACHE_RECIPES) {
      if (r.scope === 'file' && !empty) continue;
      if (r.scope === 'server' && hasServer) continue;
      items.push({ label: r.prefix, kind: 'snippet', detail: r.name, documentation: r.description, insertText: r.body.join('\n'), replaceStart: start, replaceEnd: end });
    }
  }
  return items;
}

function flagKind(f: FlagInfo): string {
  if (f.kind === 'alias' && f.aliasOf) return `alias for ${f.aliasOf.map((n) => n.replace(FLAG_PREFIX, '')).join(' | ')}`;
  return f.kind === 'role' ? 'role bit' : f.kind === 'none' ? 'no role bit' : 'modifier';
}

/** Flag names after `mode` or a `|`; after a complete flag and a blank, `| FLAG`. */
function flagItems(text: string, valueStart: number, offset: number, lineEnd: number, library: LibraryId): SslcacheCompletion[] {
  let start = offset;
  while (start > valueStart && FLAG_CHAR.test(text[start - 1])) start--;
  let end = offset;
  while (end < lineEnd && FLAG_CHAR.test(text[end])) end++;
  const typed = text.slice(start, offset);
  const head = text.slice(valueStart, start);
  const lastPipe = head.lastIndexOf('|');
  const segment = head.slice(lastPipe + 1);
  let joiner = '';
  if (!/^[ \t]*$/.test(segment)) {
    // `mode SERVER ⟦⟧`: a complete operand and a blank before the cursor.
    if (!/[^ \t][ \t]+$/.test(segment) || typed !== '') return [];
    joiner = '| ';
  } else if (lastPipe < 0 && head === '') {
    return []; // `mode⟦⟧`: no blank after the name yet
  } else if (text[start - 1] === '|') {
    joiner = ' '; // `SERVER |⟦⟧`
  }
  const used = new Set(
    head
      .split('|')
      .map((t) => t.trim())
      .filter(Boolean)
      .map((t) => t.replace(FLAG_PREFIX, '')),
  );
  const long = typed.toUpperCase().startsWith('SSL');
  const items: SslcacheCompletion[] = [];
  const spellings: ('short' | 'long')[] = long ? ['long', 'short'] : ['short', 'long'];
  for (const spelling of spellings) {
    for (const f of FLAGS) {
      if (used.has(f.shortName)) continue;
      const label = spelling === 'short' ? f.shortName : f.name;
      items.push({
        label,
        kind: 'flag',
        detail: `${formatHex(f.value)} · ${flagKind(f)}`,
        documentation: renderFlag(f, library),
        insertText: joiner ? joiner + label : undefined,
        replaceStart: start,
        replaceEnd: end,
      });
    }
  }
  return items;
}
