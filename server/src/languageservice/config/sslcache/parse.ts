/**
 * The `.sslcache` parser (docs/sslcache.md). Line-oriented: each line is blank, a `#` comment, or a
 * directive name followed by its values and an optional comment. Lines indented below a
 * `workload NAME` line are that workload's fields. The parser never throws: every problem is a
 * `sslcache-syntax` finding with its offsets and, where the intent is clear, a fix.
 */
import { FLAGS, FLAG_PREFIX, findFlagByAnyName } from '../../knowledge/flags';
import type { FlagInfo } from '../../knowledge/types';
import { LIBRARY_IDS, LIBRARY_NAMES, isLibraryId } from '../../knowledge/libraries';
import type { LibraryId } from '../../knowledge/libraries';
import type { Fix } from '../../rules/types';
import { CALLBACK_NAMES, PROTOCOLS } from '../../simulator/scenario';
import type { CallbackName, Protocol } from '../../simulator/scenario';
import { WORKLOAD_PRESETS } from '../../simulator/report';
import type { WorkloadPreset } from '../../simulator/report';
import { closestName } from '../../util/closest';
import type { ConfigFinding, Span } from '../model';
import {
  ALL_DIRECTIVES,
  DURATION_UNITS,
  DirectiveSpec,
  FLUSH_KINDS,
  SERVER_DIRECTIVES,
  WORKLOAD_DIRECTIVES,
  findDirective,
} from './directives';

export const SSLCACHE_SYNTAX = 'sslcache-syntax';

// ---------------------------------------------------------------------------------------------
// The syntax tree

/** A piece of the document: its text and offsets (end exclusive). */
export interface SslcacheToken {
  text: string;
  start: number;
  end: number;
}

/** A value word or a "quoted string" (`quoted`; `terminated` false when the closing quote is missing). */
export interface SslcacheValueToken extends SslcacheToken {
  quoted: boolean;
  terminated: boolean;
}

/** One operand of a mode: a flag name or a number, with what it stands for. */
export interface ModeToken extends SslcacheToken {
  flag?: FlagInfo;
  /** The token's value when it is a valid flag or number. */
  value?: number;
}

export interface ModeValueInfo {
  tokens: ModeToken[];
  /** The `|` operators. */
  pipes: Span[];
  /** The whole value, undefined when some token is invalid. */
  value?: number;
  /** The first problem, when the value is undefined. */
  error?: string;
}

export type DirectiveValue =
  | { kind: 'library'; library: LibraryId }
  | { kind: 'protocols'; protocols: Protocol[] }
  | { kind: 'mode'; value: number }
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string; bytes: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'callbacks'; callbacks: CallbackName[] }
  | { kind: 'preset'; preset: WorkloadPreset }
  | { kind: 'flush'; flush: 'expired' | 'all' }
  | { kind: 'name'; name: string };

export interface SslcacheDirective {
  /** 0-based line number. */
  line: number;
  /** The leading blanks. */
  indent: SslcacheToken;
  name: SslcacheToken;
  /** Undefined for an unknown name. */
  spec: DirectiveSpec | undefined;
  /** The words and strings after the name, before any comment. */
  values: SslcacheValueToken[];
  /** From the first value to the end of the last; undefined without values. */
  valueSpan?: Span;
  /** The checked value; undefined when missing or invalid (a finding says why). */
  value?: DirectiveValue;
  /** For `mode`: its operands and operators (also when invalid). */
  mode?: ModeValueInfo;
  comment?: SslcacheToken;
  /** The workload this line belongs to (its header or one of its fields). */
  workload?: SslcacheWorkload;
  /** Set on a line that repeats an earlier directive (it is ignored). */
  duplicateOf?: SslcacheDirective;
}

export interface SslcacheLine {
  /** 0-based. */
  index: number;
  /** Offsets of the line's content (without the line break). */
  start: number;
  end: number;
  /** The end including the line break. */
  breakEnd: number;
  kind: 'blank' | 'comment' | 'directive';
  indent: SslcacheToken;
  comment?: SslcacheToken;
  directive?: SslcacheDirective;
}

export interface SslcacheWorkload {
  /** The name as written ('' when missing). */
  name: string;
  header: SslcacheDirective;
  /** The fields in order, valid or not (not duplicates). */
  fields: SslcacheDirective[];
  /** The fields with a valid value, by name. */
  values: Map<string, SslcacheDirective>;
  preset?: WorkloadPreset;
}

/** What the file states about the server (each absent when the directive is absent or invalid). */
export interface SslcacheServer {
  library?: LibraryId;
  protocols?: Protocol[];
  mode?: number;
  cacheSize?: number;
  timeout?: number;
  sessionIdContext?: string;
  verifyPeer?: boolean;
  tickets?: boolean;
  numTickets?: number;
  callbacks?: CallbackName[];
}

/**
 * The line that holds `offset` (start <= offset < end; with `atEnd`, also offset == end), by binary
 * search: lines are in order and do not overlap, and a hover must not cost a scan of the file.
 */
export function lineHolding(lines: readonly SslcacheLine[], offset: number, atEnd = false): SslcacheLine | undefined {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid].start <= offset) lo = mid + 1;
    else hi = mid - 1;
  }
  const line = lines[hi];
  if (!line) return undefined;
  return offset < line.end || (atEnd && offset === line.end) ? line : undefined;
}

export interface SslcacheDocument {
  text: string;
  /** The line break the file uses (the first one; `\n` when there is none). */
  eol: '\n' | '\r\n';
  lines: SslcacheLine[];
  /** Every directive line, in order: server directives, workload headers and fields, unknown names. */
  directives: SslcacheDirective[];
  /** The first valid server directive of each name. */
  serverDirectives: Map<string, SslcacheDirective>;
  server: SslcacheServer;
  workloads: SslcacheWorkload[];
  findings: ConfigFinding[];
}

// ---------------------------------------------------------------------------------------------
// Helpers

function finding(message: string, start: number, end: number, fixes: Fix[] = []): ConfigFinding {
  return { ruleId: SSLCACHE_SYNTAX, severity: 'error', message, start, end, fixes };
}

function replaceFix(title: string, start: number, end: number, newText: string): Fix {
  return { title, edits: [{ start, end, newText }], preferred: true };
}

function quote(text: string): string {
  return `"${text}"`;
}

/** "a, b or c" */
export function listWords(words: readonly string[], conjunction = 'or'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;
}

export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/** Seconds as the shortest exact duration: 7200 → 2h, 90 → 90s... 5400 → 90m. */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return '0';
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60]] as const) {
    if (seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return String(seconds);
}

/** A string in `.sslcache` syntax: quotes and backslashes escaped, control characters as escapes. */
export function quoteString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp < 0xa0) || cp === 0x2028 || cp === 0x2029 || cp === 0xfeff) {
      out += `\\u{${cp.toString(16).toUpperCase()}}`;
    } else out += ch;
  }
  return out + '"';
}

// ---------------------------------------------------------------------------------------------
// Lines

interface LexedLine {
  indent: SslcacheToken;
  tokens: SslcacheValueToken[];
  comment?: SslcacheToken;
}

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

function lexLine(text: string, start: number, end: number): LexedLine {
  let i = start;
  while (i < end && isBlank(text[i])) i++;
  const indent = { text: text.slice(start, i), start, end: i };
  const tokens: SslcacheValueToken[] = [];
  let comment: SslcacheToken | undefined;
  while (i < end) {
    const c = text[i];
    if (isBlank(c)) {
      i++;
      continue;
    }
    if (c === '#') {
      let commentEnd = end;
      while (commentEnd > i && isBlank(text[commentEnd - 1])) commentEnd--;
      comment = { text: text.slice(i, commentEnd), start: i, end: commentEnd };
      break;
    }
    let j = i + 1;
    if (c === '"') {
      let terminated = false;
      while (j < end) {
        if (text[j] === '\\' && j + 1 < end) {
          j += 2;
          continue;
        }
        if (text[j] === '"') {
          j++;
          terminated = true;
          break;
        }
        j++;
      }
      if (!terminated) while (j > i + 1 && isBlank(text[j - 1])) j--;
      tokens.push({ text: text.slice(i, j), start: i, end: j, quoted: true, terminated });
    } else {
      while (j < end && !isBlank(text[j]) && text[j] !== '#' && text[j] !== '"') j++;
      tokens.push({ text: text.slice(i, j), start: i, end: j, quoted: false, terminated: true });
    }
    i = j;
  }
  return { indent, tokens, comment };
}

// ---------------------------------------------------------------------------------------------
// The parser

const SERVER_NAMES = SERVER_DIRECTIVES.map((d) => d.name);
const WORKLOAD_NAMES = WORKLOAD_DIRECTIVES.map((d) => d.name);
const PRESET_IDS = WORKLOAD_PRESETS.map((p) => p.id);

/** Parses a `.sslcache` document. Never throws. */
export function parseSslcache(text: string): SslcacheDocument {
  return new Parser(text).parse();
}

class Parser {
  private readonly findings: ConfigFinding[] = [];
  private readonly lines: SslcacheLine[] = [];
  private readonly directives: SslcacheDirective[] = [];
  private readonly serverDirectives = new Map<string, SslcacheDirective>();
  private readonly firstServer = new Map<string, SslcacheDirective>();
  private readonly workloads: SslcacheWorkload[] = [];
  /** The first workload of each name (duplicates are looked up, not searched for: a file may have thousands). */
  private readonly workloadsByName = new Map<string, SslcacheWorkload>();

  constructor(private readonly text: string) {}

  parse(): SslcacheDocument {
    const text = this.text;
    const firstBreak = text.indexOf('\n');
    const eol = firstBreak > 0 && text[firstBreak - 1] === '\r' ? '\r\n' : '\n';
    let current: SslcacheWorkload | undefined;
    let start = 0;
    let index = 0;
    // A BOM is not part of the first line's text.
    if (text.charCodeAt(0) === 0xfeff) start = 1;
    while (start < text.length) {
      let breakAt = text.indexOf('\n', start);
      const breakEnd = breakAt < 0 ? text.length : breakAt + 1;
      if (breakAt < 0) breakAt = text.length;
      const end = breakAt > start && text[breakAt - 1] === '\r' ? breakAt - 1 : breakAt;
      const lexed = lexLine(text, start, end);
      const line: SslcacheLine = {
        index,
        start,
        end,
        breakEnd,
        kind: lexed.tokens.length > 0 ? 'directive' : lexed.comment ? 'comment' : 'blank',
        indent: lexed.indent,
        comment: lexed.comment,
      };
      this.lines.push(line);
      if (line.kind === 'directive') current = this.directiveLine(line, lexed, current);
      start = breakEnd;
      index++;
    }
    const server = this.server();
    this.crossChecks(server);
    this.findings.sort((a, b) => a.start - b.start || a.end - b.end);
    return {
      text,
      eol,
      lines: this.lines,
      directives: this.directives,
      serverDirectives: this.serverDirectives,
      server,
      workloads: this.workloads,
      findings: this.findings,
    };
  }

  private report(message: string, start: number, end: number, fixes: Fix[] = []): void {
    this.findings.push(finding(message, start, end, fixes));
  }

  private lineNumber(d: SslcacheDirective): number {
    return d.line + 1;
  }

  /** Handles one directive line; returns the workload block that continues after it. */
  private directiveLine(line: SslcacheLine, lexed: LexedLine, current: SslcacheWorkload | undefined): SslcacheWorkload | undefined {
    const [nameToken, ...values] = lexed.tokens;
    const indented = lexed.indent.end > lexed.indent.start;
    const d: SslcacheDirective = {
      line: line.index,
      indent: lexed.indent,
      name: { text: nameToken.text, start: nameToken.start, end: nameToken.end },
      spec: nameToken.quoted ? undefined : findDirective(nameToken.text),
      values,
      valueSpan: values.length ? { start: values[0].start, end: values[values.length - 1].end } : undefined,
      comment: lexed.comment,
    };
    line.directive = d;
    this.directives.push(d);
    const spec = d.spec;

    if (nameToken.quoted) {
      this.report('expected a directive name at the start of the line, found a string', nameToken.start, nameToken.end);
      return indented ? current : undefined;
    }

    if (!spec) {
      const inWorkload = indented && current !== undefined;
      const candidates = inWorkload ? [...WORKLOAD_NAMES, ...SERVER_NAMES] : [...SERVER_NAMES, 'workload', ...WORKLOAD_NAMES];
      const suggestion = closestName(d.name.text, candidates);
      const what = inWorkload ? `unknown workload field ${quote(d.name.text)}` : `unknown directive ${quote(d.name.text)}`;
      const expected = inWorkload ? `the fields are: ${WORKLOAD_NAMES.join(', ')}` : `the directives are: ${[...SERVER_NAMES, 'workload'].join(', ')}`;
      this.report(
        suggestion ? `${what}; did you mean ${quote(suggestion)}?` : `${what}; ${expected}`,
        d.name.start,
        d.name.end,
        suggestion ? [replaceFix(`Change to "${suggestion}"`, d.name.start, d.name.end, suggestion)] : [],
      );
      // A misspelt field at the start of the line inside a workload does not end it.
      const keeps = indented || (current !== undefined && suggestion !== undefined && WORKLOAD_NAMES.includes(suggestion));
      if (keeps && current) d.workload = current;
      return keeps ? current : undefined;
    }

    if (spec.scope === 'header') {
      const workload = this.workloadHeader(d);
      return workload;
    }

    if (spec.scope === 'workload') {
      if (!current) {
        const hint = this.workloads.length
          ? 'move it under a `workload NAME` line, indented'
          : 'start a workload with a `workload NAME` line and indent its fields below it';
        this.report(`${quote(d.name.text)} is a workload field, but it is outside a workload; ${hint}`, d.name.start, d.name.end);
        this.checkValue(d, spec);
        return undefined;
      }
      if (!indented) {
        this.report(
          `${quote(d.name.text)} belongs to workload ${quote(current.name)}: indent it (a line at the start ends the workload)`,
          d.name.start,
          d.name.end,
          [replaceFix('Indent the field', line.start, line.start, '  ')],
        );
      }
      this.workloadField(current, d, spec);
      return current;
    }

    // A server directive.
    if (indented && current) {
      this.report(
        `${quote(d.name.text)} is a server directive and cannot be inside workload ${quote(current.name)}; write it at the start of the line`,
        d.name.start,
        d.name.end,
        [replaceFix('Remove the indentation', d.indent.start, d.indent.end, '')],
      );
    }
    const first = this.firstServer.get(spec.name);
    if (first) {
      d.duplicateOf = first;
      this.report(
        `duplicate ${quote(spec.name)}: already set on line ${this.lineNumber(first)}`,
        d.name.start,
        d.name.end,
        [{ title: 'Remove this line', edits: [{ start: line.start, end: line.breakEnd, newText: '' }] }],
      );
      this.checkValue(d, spec);
      return indented ? current : undefined;
    }
    this.firstServer.set(spec.name, d);
    this.checkValue(d, spec);
    if (d.value) this.serverDirectives.set(spec.name, d);
    return indented ? current : undefined;
  }

  private workloadHeader(d: SslcacheDirective): SslcacheWorkload {
    const workload: SslcacheWorkload = { name: '', header: d, fields: [], values: new Map() };
    d.workload = workload;
    this.workloads.push(workload);
    const [nameToken, ...extra] = d.values;
    if (!nameToken) {
      this.report('"workload" needs a name, e.g. `workload peak`', d.name.start, d.name.end);
      return workload;
    }
    workload.name = nameToken.text;
    const earlier = this.workloadsByName.get(workload.name);
    if (!earlier) this.workloadsByName.set(workload.name, workload);
    if (nameToken.quoted || !/^[A-Za-z0-9_.-]+$/.test(nameToken.text)) {
      this.report(`workload name ${nameToken.text}: use letters, digits, "-", "_" and "." (no quotes)`, nameToken.start, nameToken.end);
    } else {
      if (earlier) {
        this.report(`duplicate workload name ${quote(nameToken.text)}: already used on line ${this.lineNumber(earlier.header)}`, nameToken.start, nameToken.end);
      } else {
        d.value = { kind: 'name', name: nameToken.text };
      }
    }
    if (extra.length) {
      const s = extra[0].start;
      const e = extra[extra.length - 1].end;
      this.report(`a workload has one name; unexpected ${quote(this.text.slice(s, e))} (fields go on the indented lines below)`, s, e);
    }
    return workload;
  }

  private workloadField(workload: SslcacheWorkload, d: SslcacheDirective, spec: DirectiveSpec): void {
    d.workload = workload;
    const first = workload.fields.find((f) => f.spec === spec);
    if (first) {
      d.duplicateOf = first;
      const line = this.lines[d.line];
      this.report(
        `duplicate ${quote(spec.name)} in workload ${quote(workload.name)}: already set on line ${this.lineNumber(first)}`,
        d.name.start,
        d.name.end,
        [{ title: 'Remove this line', edits: [{ start: line.start, end: line.breakEnd, newText: '' }] }],
      );
      this.checkValue(d, spec);
      return;
    }
    workload.fields.push(d);
    if (spec.name === 'connections' || spec.name === 'duration') {
      const other = workload.fields.find((f) => f.spec?.name === (spec.name === 'connections' ? 'duration' : 'connections'));
      if (other) {
        this.report(
          `give either "connections" or "duration", not both ("${other.name.text}" is on line ${this.lineNumber(other)})`,
          d.name.start,
          d.name.end,
          [{ title: `Remove this line`, edits: [{ start: this.lines[d.line].start, end: this.lines[d.line].breakEnd, newText: '' }] }],
        );
        this.checkValue(d, spec);
        return;
      }
    }
    this.checkValue(d, spec);
    if (d.value) {
      workload.values.set(spec.name, d);
      if (d.value.kind === 'preset') workload.preset = d.value.preset;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Values

  private checkValue(d: SslcacheDirective, spec: DirectiveSpec): void {
    if (spec.value === 'mode') {
      this.modeValue(d);
      return;
    }
    const values = d.values;
    if (values.length === 0) {
      this.report(`${quote(spec.name)} needs a value: ${spec.expected}`, d.name.start, d.name.end);
      return;
    }
    for (const v of values) {
      if (v.quoted && !v.terminated) {
        this.report('unterminated string: the closing " is missing', v.start, v.end, [replaceFix('Close the string', v.end, v.end, '"')]);
        return;
      }
    }
    switch (spec.value) {
      case 'protocols':
        this.protocols(d, spec);
        return;
      case 'callbacks':
        this.callbacks(d, spec);
        return;
      default:
        break;
    }
    if (values.length > 1 && !this.extraValues(d, spec)) return;
    const v = values[0];
    if (v.quoted && spec.value !== 'string') {
      this.report(`${quote(spec.name)} expects ${spec.expected}, not a quoted string`, v.start, v.end);
      return;
    }
    switch (spec.value) {
      case 'library':
        this.library(d, v);
        return;
      case 'count':
        this.count(d, spec, v);
        return;
      case 'duration':
        this.duration(d, spec, v);
        return;
      case 'string':
        this.string(d, spec, v);
        return;
      case 'boolean':
        this.boolean(d, spec, v);
        return;
      case 'preset':
        this.preset(d, v);
        return;
      case 'rate':
        this.rate(d, spec, v);
        return;
      case 'probability':
        this.probability(d, spec, v);
        return;
      case 'flush':
        this.choice(d, spec, v, FLUSH_KINDS, (w) => ({ kind: 'flush', flush: w as 'expired' | 'all' }));
        return;
      default:
        return;
    }
  }

  /** Reports values after the first of a one-value directive; true when the first is still worth checking. */
  private extraValues(d: SslcacheDirective, spec: DirectiveSpec): boolean {
    const [first, second] = d.values;
    const last = d.values[d.values.length - 1];
    const extra = this.text.slice(second.start, last.end);
    if ((spec.value === 'duration' || spec.value === 'rate') && d.values.length === 2 && /^[0-9.]+$/.test(first.text)) {
      const unit = unitFor(second.text, spec.value);
      if (unit !== undefined) {
        const fixed = spec.value === 'rate' ? `${first.text}/${unit}` : `${first.text}${unit}`;
        this.report(`write the unit right after the number: ${fixed}`, first.start, last.end, [replaceFix(`Change to "${fixed}"`, first.start, last.end, fixed)]);
        return false;
      }
    }
    if (spec.value === 'string' && first.quoted) {
      this.report(`${quote(spec.name)} takes one quoted string; unexpected ${extra}`, second.start, last.end);
      return false;
    }
    if (spec.value === 'string' && !first.quoted) {
      const joined = this.text.slice(first.start, last.end);
      const fixed = quoteString(joined);
      this.report(`${quote(spec.name)} expects a "quoted" string: write ${fixed}`, first.start, last.end, [replaceFix('Quote it', first.start, last.end, fixed)]);
      return false;
    }
    if (spec.value === 'rate' && d.values.length === 3 && second.text.toLowerCase() === 'per' && /^[0-9.]+$/.test(first.text)) {
      const unit = unitFor(d.values[2].text, 'rate');
      if (unit !== undefined) {
        const fixed = `${first.text}/${unit}`;
        this.report(`write the rate as ${fixed}`, first.start, last.end, [replaceFix(`Change to "${fixed}"`, first.start, last.end, fixed)]);
        return false;
      }
    }
    this.report(`${quote(spec.name)} takes one value; unexpected ${quote(extra)} (expected ${spec.expected})`, second.start, last.end, [
      { title: 'Remove the extra text', edits: [{ start: first.end, end: last.end, newText: '' }] },
    ]);
    return true;
  }

  private library(d: SslcacheDirective, v: SslcacheValueToken): void {
    if (isLibraryId(v.text)) {
      d.value = { kind: 'library', library: v.text };
      return;
    }
    const suggestion = (closestName(v.text, LIBRARY_IDS) as LibraryId | undefined) ?? LIBRARY_IDS.find((id) => id.replace(/[^a-z0-9]/g, '') === v.text.toLowerCase().replace(/[^a-z0-9]/g, ''));
    this.report(
      `unknown library ${quote(v.text)}; ${suggestion ? `did you mean ${quote(suggestion)}? (` : 'expected '}${listWords([...LIBRARY_IDS])}${suggestion ? ')' : ''}`,
      v.start,
      v.end,
      suggestion ? [replaceFix(`Change to "${suggestion}" (${LIBRARY_NAMES[suggestion]})`, v.start, v.end, suggestion)] : [],
    );
  }

  private protocols(d: SslcacheDirective, spec: DirectiveSpec): void {
    const seen: Protocol[] = [];
    let ok = true;
    for (const v of d.values) {
      if ((PROTOCOLS as readonly string[]).includes(v.text)) {
        const p = v.text as Protocol;
        if (seen.includes(p)) {
          this.report(`${p} is listed twice`, v.start, v.end, [{ title: 'Remove the repetition', edits: [{ start: this.blankBefore(v.start), end: v.end, newText: '' }] }]);
          ok = false;
        }
        seen.push(p);
        continue;
      }
      ok = false;
      const loose = v.text.toLowerCase().replace(/^(tlsv?|v)/, '').replace(/_/g, '.');
      const suggestion = loose === '1.2' || loose === '12' ? 'TLSv1.2' : loose === '1.3' || loose === '13' ? 'TLSv1.3' : undefined;
      if (suggestion) {
        this.report(`${quote(v.text)}: write the protocol as ${suggestion}`, v.start, v.end, [replaceFix(`Change to ${suggestion}`, v.start, v.end, suggestion)]);
      } else if (/^(SSLv[23]|TLSv1(\.[01])?)$/i.test(v.text)) {
        this.report(`${v.text} is not simulated; write ${spec.expected}`, v.start, v.end);
      } else {
        this.report(`unknown protocol ${quote(v.text)}; expected ${spec.expected}`, v.start, v.end);
      }
    }
    if (ok) d.value = { kind: 'protocols', protocols: seen };
  }

  private callbacks(d: SslcacheDirective, spec: DirectiveSpec): void {
    const seen = new Set<CallbackName>();
    let ok = true;
    let none: SslcacheValueToken | undefined;
    for (const v of d.values) {
      if (v.text === 'none') {
        none = v;
        continue;
      }
      if ((CALLBACK_NAMES as readonly string[]).includes(v.text)) {
        const c = v.text as CallbackName;
        if (seen.has(c)) {
          this.report(`callback ${quote(c)} is listed twice`, v.start, v.end, [{ title: 'Remove the repetition', edits: [{ start: this.blankBefore(v.start), end: v.end, newText: '' }] }]);
          ok = false;
        }
        seen.add(c);
        continue;
      }
      ok = false;
      const suggestion = closestName(v.text, [...CALLBACK_NAMES, 'none']) ?? shortCallbackName(v.text);
      this.report(
        `unknown callback ${quote(v.text)}; ${suggestion ? `did you mean ${quote(suggestion)}? (` : 'expected '}${spec.expected}${suggestion ? ')' : ''}`,
        v.start,
        v.end,
        suggestion ? [replaceFix(`Change to "${suggestion}"`, v.start, v.end, suggestion)] : [],
      );
    }
    if (none && d.values.length > 1) {
      this.report('"none" cannot be combined with callback names', none.start, none.end);
      ok = false;
    }
    if (ok) d.value = { kind: 'callbacks', callbacks: CALLBACK_NAMES.filter((c) => seen.has(c)) };
  }

  private blankBefore(offset: number): number {
    let s = offset;
    while (s > 0 && isBlank(this.text[s - 1])) s--;
    return s;
  }

  private range(d: SslcacheDirective, spec: DirectiveSpec, v: SslcacheToken, value: number, unit = ''): boolean {
    if (spec.min !== undefined && value < spec.min) {
      const min = spec.min === 1e-6 ? '0.000001' : String(spec.min);
      this.report(`${quote(spec.name)} must be at least ${min}${unit}, got ${v.text}`, v.start, v.end);
      return false;
    }
    if (spec.max !== undefined && value > spec.max) {
      this.report(`${quote(spec.name)} must be at most ${spec.max}${unit}, got ${v.text}`, v.start, v.end);
      return false;
    }
    d.value = { kind: 'number', value };
    return true;
  }

  private count(d: SslcacheDirective, spec: DirectiveSpec, v: SslcacheValueToken): void {
    if (/^-?[0-9]+$/.test(v.text)) {
      const big = BigInt(v.text);
      const value = big > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(big);
      this.range(d, spec, v, value);
      return;
    }
    if (/^[0-9]{1,3}([_,][0-9]{3})+$/.test(v.text)) {
      const fixed = v.text.replace(/[_,]/g, '');
      this.report(`write numbers without separators: ${fixed}`, v.start, v.end, [replaceFix(`Change to ${fixed}`, v.start, v.end, fixed)]);
      return;
    }
    if (/^-?[0-9]*\.[0-9]+$/.test(v.text) || /^-?[0-9]+\.[0-9]*$/.test(v.text)) {
      this.report(`${quote(spec.name)} must be a whole number, got ${v.text}`, v.start, v.end);
      return;
    }
    this.report(`${quote(spec.name)} expects ${spec.expected}, got ${quote(v.text)}`, v.start, v.end);
  }

  private duration(d: SslcacheDirective, spec: DirectiveSpec, v: SslcacheValueToken): void {
    const t = v.text;
    if (/^-[0-9]/.test(t)) {
      this.report(`${quote(spec.name)} must be at least ${spec.min} second${spec.min === 1 ? '' : 's'}, got ${t}`, v.start, v.end);
      return;
    }
    const seconds = parseDuration(t);
    if (seconds !== undefined) {
      this.range(d, spec, v, seconds, spec.min === 1 ? ' second' : ' seconds');
      return;
    }
    // Words for units: 5min, 2 hours (the second case is caught by extraValues).
    const word = /^([0-9]+)([A-Za-z]+)$/.exec(t);
    const unit = word ? unitFor(word[2], 'duration') : undefined;
    if (word && unit) {
      const fixed = `${word[1]}${unit}`;
      this.report(`write ${quote(t)} as ${fixed} (units: s, m, h, d)`, v.start, v.end, [replaceFix(`Change to ${fixed}`, v.start, v.end, fixed)]);
      return;
    }
    const fraction = /^([0-9]*\.[0-9]+)([smhd]?)$/.exec(t);
    if (fraction) {
      const total = Number(fraction[1]) * DURATION_UNITS[fraction[2] || 's'];
      if (Number.isInteger(total)) {
        const fixed = formatDuration(total);
        this.report(`durations are whole numbers: write ${fixed}`, v.start, v.end, [replaceFix(`Change to ${fixed}`, v.start, v.end, fixed)]);
      } else {
        this.report(`${quote(spec.name)} must be whole seconds, got ${t}`, v.start, v.end);
      }
      return;
    }
    this.report(`${quote(spec.name)} expects ${spec.expected}, got ${quote(t)}`, v.start, v.end);
  }

  private string(d: SslcacheDirective, spec: DirectiveSpec, v: SslcacheValueToken): void {
    if (!v.quoted) {
      const fixed = quoteString(v.text);
      this.report(`${quote(spec.name)} expects a "quoted" string: write ${fixed}`, v.start, v.end, [replaceFix('Quote it', v.start, v.end, fixed)]);
      return;
    }
    const decoded = decodeString(v.text.slice(1, -1));
    if ('error' in decoded) {
      const at = v.start + 1 + decoded.at;
      this.report(decoded.error, at, at + decoded.length);
      return;
    }
    const bytes = utf8Length(decoded.value);
    if (spec.max !== undefined && bytes > spec.max) {
      this.report(
        `the session id context is ${bytes} bytes (UTF-8); SSL_CTX_set_session_id_context accepts at most ${spec.max} (SSL_MAX_SID_CTX_LENGTH) and fails otherwise`,
        v.start,
        v.end,
      );
      return;
    }
    d.value = { kind: 'string', value: decoded.value, bytes };
  }

  private boolean(d: SslcacheDirective, spec: DirectiveSpec, v: SslcacheValueToken): void {
    if (v.text === 'yes' || v.text === 'no') {
      d.value = { kind: 'boolean', value: v.text === 'yes' };
      return;
    }
    const lower = v.text.toLowerCase();
    const meant = ['yes', 'true', 'on', '1', 'enabled', 'enable', 'y'].includes(lower)
      ? 'yes'
      : ['no', 'false', 'off', '0', 'disabled', 'disable', 'n', 'none'].includes(lower)
        ? 'no'
        : undefined;
    this.report(
      meant ? `${quote(spec.name)} expects yes or no: write ${meant}` : `${quote(spec.name)} expects yes or no, got ${quote(v.text)}`,
      v.start,
      v.end,
      meant ? [replaceFix(`Change to ${meant}`, v.start, v.end, meant)] : [],
    );
  }

  private preset(d: SslcacheDirective, v: SslcacheValueToken): void {
    const preset = WORKLOAD_PRESETS.find((p) => p.id === v.text);
    if (preset) {
      d.value = { kind: 'preset', preset };
      return;
    }
    const suggestion = closestName(v.text, PRESET_IDS);
    this.report(
      `unknown preset ${quote(v.text)}; ${suggestion ? `did you mean ${quote(suggestion)}? (` : 'expected '}${listWords(PRESET_IDS)}${suggestion ? ')' : ''}`,
      v.start,
      v.end,
      suggestion ? [replaceFix(`Change to "${suggestion}"`, v.start, v.end, suggestion)] : [],
    );
  }

  private rate(d: SslcacheDirective, spec: DirectiveSpec, v: SslcacheValueToken): void {
    const m = /^(-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)(?:\/([smh]))?$/.exec(v.text);
    if (m) {
      const per = m[2] ? DURATION_UNITS[m[2]] : 1;
      this.range(d, spec, v, Number(m[1]) / per, ' per second');
      return;
    }
    const word = /^([0-9.]+)\/([A-Za-z]+)$/.exec(v.text);
    const unit = word ? unitFor(word[2], 'rate') : undefined;
    if (word && unit) {
      const fixed = `${word[1]}/${unit}`;
      this.report(`write ${quote(v.text)} as ${fixed} (per s, m or h)`, v.start, v.end, [replaceFix(`Change to ${fixed}`, v.start, v.end, fixed)]);
      return;
    }
    this.report(`${quote(spec.name)} expects ${spec.expected}, got ${quote(v.text)}`, v.start, v.end);
  }

  private probability(d: SslcacheDirective, spec: DirectiveSpec, v: SslcacheValueToken): void {
    const m = /^(-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)(%)?$/.exec(v.text) ?? /^(-?\.[0-9]+)(%)?$/.exec(v.text);
    if (!m) {
      this.report(`${quote(spec.name)} expects ${spec.expected}, got ${quote(v.text)}`, v.start, v.end);
      return;
    }
    const value = m[2] ? Number(m[1]) / 100 : Number(m[1]);
    if (value < 0 || value > 1) {
      this.report(`${quote(spec.name)} is a probability from 0 to 1 (or 0% to 100%), got ${v.text}`, v.start, v.end);
      return;
    }
    d.value = { kind: 'number', value };
  }

  private choice(d: SslcacheDirective, spec: DirectiveSpec, v: SslcacheValueToken, words: readonly string[], make: (word: string) => DirectiveValue): void {
    if (words.includes(v.text)) {
      d.value = make(v.text);
      return;
    }
    const suggestion = closestName(v.text, words);
    this.report(
      `${quote(spec.name)} expects ${spec.expected}, got ${quote(v.text)}${suggestion ? `; did you mean ${quote(suggestion)}?` : ''}`,
      v.start,
      v.end,
      suggestion ? [replaceFix(`Change to "${suggestion}"`, v.start, v.end, suggestion)] : [],
    );
  }

  // -------------------------------------------------------------------------------------------
  // Mode

  private modeValue(d: SslcacheDirective): void {
    const info: ModeValueInfo = { tokens: [], pipes: [] };
    d.mode = info;
    const span = d.valueSpan;
    if (!span) {
      info.error = 'no value';
      this.report('"mode" needs a value: flag names or numbers joined by "|", e.g. SERVER | NO_INTERNAL', d.name.start, d.name.end);
      return;
    }
    const errors: string[] = [];
    const fail = (message: string, start: number, end: number, fixes: Fix[] = []): void => {
      errors.push(message);
      this.report(message, start, end, fixes);
    };
    const text = this.text;
    const parts: Span[] = [];
    let partStart = span.start;
    for (let i = span.start; i <= span.end; i++) {
      if (i === span.end || text[i] === '|') {
        parts.push({ start: partStart, end: i });
        if (i < span.end) info.pipes.push({ start: i, end: i + 1 });
        partStart = i + 1;
      }
    }
    let value = 0;
    parts.forEach((part, i) => {
      let s = part.start;
      let e = part.end;
      while (s < e && isBlank(text[s])) s++;
      while (e > s && isBlank(text[e - 1])) e--;
      if (s === e) {
        const pipe = info.pipes[i] ?? info.pipes[i - 1];
        const where = parts.length === 1 ? '' : i === 0 ? ' before the first "|"' : i === parts.length - 1 ? ' after the last "|"' : ' between two "|"';
        fail(`empty flag${where}`, pipe.start, pipe.end, [
          { title: 'Remove the "|"', edits: [{ start: pipe.start, end: pipe.end, newText: '' }], preferred: true },
        ]);
        return;
      }
      // Words separated by blanks without a "|".
      const words: SslcacheToken[] = [];
      for (const m of text.slice(s, e).matchAll(/[^ \t]+/g)) words.push({ text: m[0], start: s + m.index!, end: s + m.index! + m[0].length });
      if (words.length > 1) {
        const fixed = words.map((w) => w.text).join(' | ');
        fail(`flags must be joined by "|": write ${fixed}`, s, e, [replaceFix(`Change to "${fixed}"`, s, e, fixed)]);
      }
      for (const w of words) {
        const token: ModeToken = { ...w };
        info.tokens.push(token);
        const problem = this.modeToken(token);
        if (problem) fail(problem.message, w.start, w.end, problem.fixes);
        else value = (value | token.value!) >>> 0;
      }
    });
    if (errors.length === 0) {
      info.value = value;
      d.value = { kind: 'mode', value };
    } else {
      info.error = errors[0];
    }
  }

  private modeToken(token: ModeToken): { message: string; fixes: Fix[] } | undefined {
    const t = token.text;
    const number = (v: bigint): { message: string; fixes: Fix[] } | undefined => {
      if (v > 0xffffffffn) return { message: `${t} is out of range (0..0xFFFFFFFF)`, fixes: [] };
      token.value = Number(v);
      return undefined;
    };
    if (/^[0-9]+$/.test(t)) return number(BigInt(t));
    if (/^0x[0-9A-Fa-f]+$/.test(t)) return number(BigInt(t));
    if (/^0X[0-9A-Fa-f]+$/.test(t)) {
      const fixed = '0x' + t.slice(2);
      return { message: `write hex numbers with a lowercase 0x: ${fixed}`, fixes: [replaceFix(`Change to ${fixed}`, token.start, token.end, fixed)] };
    }
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(t)) {
      const flag = findFlagByAnyName(t);
      if (flag) {
        token.flag = flag;
        token.value = flag.value;
        return undefined;
      }
      const suggestion = suggestFlag(t);
      const hint = suggestion
        ? suggestion.toUpperCase() === t.toUpperCase()
          ? `; flag names are case-sensitive: ${suggestion}`
          : `; did you mean ${suggestion}?`
        : '; the flags are OFF, CLIENT, SERVER, BOTH, NO_AUTO_CLEAR, NO_INTERNAL_LOOKUP, NO_INTERNAL_STORE, NO_INTERNAL and UPDATE_TIME';
      return {
        message: `unknown flag ${quote(t)}${hint}`,
        fixes: suggestion ? [replaceFix(`Change to ${suggestion}`, token.start, token.end, suggestion)] : [],
      };
    }
    if (/^-[0-9]/.test(t)) return { message: `${t}: a mode is not negative (0..0xFFFFFFFF)`, fixes: [] };
    return {
      message: `${quote(t)} is not a flag name or a number; a mode is flag names and numbers joined by "|" (no other operators)`,
      fixes: [],
    };
  }

  // -------------------------------------------------------------------------------------------
  // The whole file

  private server(): SslcacheServer {
    const get = (name: string): DirectiveValue | undefined => this.serverDirectives.get(name)?.value;
    const out: SslcacheServer = {};
    const library = get('library');
    if (library?.kind === 'library') out.library = library.library;
    const protocols = get('protocol');
    if (protocols?.kind === 'protocols') out.protocols = protocols.protocols;
    const mode = get('mode');
    if (mode?.kind === 'mode') out.mode = mode.value;
    const numbers = [
      ['cache-size', 'cacheSize'],
      ['timeout', 'timeout'],
      ['num-tickets', 'numTickets'],
    ] as const;
    for (const [name, field] of numbers) {
      const v = get(name);
      if (v?.kind === 'number') out[field] = v.value;
    }
    const sid = get('session-id-context');
    if (sid?.kind === 'string') out.sessionIdContext = sid.value;
    const verify = get('verify-peer');
    if (verify?.kind === 'boolean') out.verifyPeer = verify.value;
    const tickets = get('tickets');
    if (tickets?.kind === 'boolean') out.tickets = tickets.value;
    const callbacks = get('callbacks');
    if (callbacks?.kind === 'callbacks') out.callbacks = callbacks.callbacks;
    return out;
  }

  /** Checks that need the whole file: the library against the protocol and the timeout. */
  private crossChecks(server: SslcacheServer): void {
    const libraryLine = this.serverDirectives.get('library');
    if (!libraryLine || !server.library) return;
    const at = `(library ${server.library} on line ${this.lineNumber(libraryLine)})`;
    if (server.library === 'openssl-1.0.2') {
      const protocol = this.serverDirectives.get('protocol');
      const tls13 = protocol?.values.find((v) => v.text === 'TLSv1.3');
      if (protocol && tls13) {
        this.report(`OpenSSL 1.0.2 has no TLS 1.3 ${at}`, tls13.start, tls13.end);
        protocol.value = undefined;
        this.serverDirectives.delete('protocol');
        delete server.protocols;
      }
    }
    if (server.library === 'boringssl' && server.timeout !== undefined && server.timeout > 0xffffffff) {
      const timeout = this.serverDirectives.get('timeout')!;
      const v = timeout.values[0];
      this.report(`BoringSSL's SSL_CTX_set_timeout takes 32 bits: at most 4294967295 seconds ${at}`, v.start, v.end);
      timeout.value = undefined;
      this.serverDirectives.delete('timeout');
      delete server.timeout;
    }
  }
}

function unitFor(word: string, kind: 'duration' | 'rate'): string | undefined {
  const w = word.toLowerCase().replace(/^\//, '');
  if (['s', 'sec', 'secs', 'second', 'seconds'].includes(w)) return 's';
  if (['m', 'min', 'mins', 'minute', 'minutes'].includes(w)) return 'm';
  if (['h', 'hr', 'hrs', 'hour', 'hours'].includes(w)) return 'h';
  if (kind === 'duration' && ['d', 'day', 'days'].includes(w)) return 'd';
  return undefined;
}

/** `300`, `5m`, `2h`, `1h30m`, `1d`: seconds; undefined when not a duration. */
export function parseDuration(text: string): number | undefined {
  if (/^[0-9]+$/.test(text)) return Number(BigInt(text) > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : text);
  if (!/^(?:[0-9]+[smhd])+$/.test(text)) return undefined;
  let total = 0;
  const order = 'dhms';
  let last = -1;
  for (const m of text.matchAll(/([0-9]+)([smhd])/gy)) {
    const position = order.indexOf(m[2]);
    if (position <= last) return undefined; // 5m1h, 1h1h: not a duration
    last = position;
    total += Number(m[1]) * DURATION_UNITS[m[2]];
  }
  return Number.isSafeInteger(total) ? total : Infinity;
}

/** The closest flag name in the spelling the user chose (with or without the prefix). */
export function suggestFlag(name: string): string | undefined {
  const candidates = name.toUpperCase().startsWith(FLAG_PREFIX) ? FLAGS.map((f) => f.name) : FLAGS.map((f) => f.shortName);
  return closestName(name, candidates);
}

function shortCallbackName(text: string): string | undefined {
  const m = /^(?:SSL_CTX_sess_set_)?(new|get|remove)(?:_session)?(?:_cb)?$/i.exec(text);
  return m ? m[1].toLowerCase() : undefined;
}

type Decoded = { value: string } | { error: string; at: number; length: number };

/** The escapes of a string's body: \" \\ \n \r \t \u{HEX}. */
export function decodeString(body: string): Decoded {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[i + 1];
    if (e === '"' || e === '\\') out += e;
    else if (e === 'n') out += '\n';
    else if (e === 'r') out += '\r';
    else if (e === 't') out += '\t';
    else if (e === 'u') {
      const m = /^\{([0-9A-Fa-f]{1,6})\}/.exec(body.slice(i + 2));
      const cp = m ? parseInt(m[1], 16) : NaN;
      if (!m || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        return { error: 'bad escape: write \\u{HEX} with a Unicode code point, e.g. \\u{E9}', at: i, length: m ? 3 + m[0].length - 1 : 2 };
      }
      out += String.fromCodePoint(cp);
      i += 1 + m[0].length;
      continue;
    } else {
      return { error: `unknown escape \\${e ?? ''}; the escapes are \\", \\\\, \\n, \\r, \\t and \\u{HEX}`, at: i, length: e ? 2 : 1 };
    }
    i++;
  }
  return { value: out };
}

/** Every directive name, for completion and the grammar test. */
export const DIRECTIVE_NAMES = ALL_DIRECTIVES.map((d) => d.name);
