import type { FileConfig } from '../c/config';
import { fileConfigOfSetting } from '../config/convert';
import type { ConfigAnalysis, ConfigCacheSetting, ConfigHover, Span } from '../config/model';
import { renderApiFunction, renderFlag } from '../hover/render';
import { findFlag } from '../knowledge/flags';
import { findApiFunction } from '../knowledge/functions';
import type { LibraryId } from '../knowledge/libraries';
import { formatHex } from '../mode/decode';
import type { NameUse } from '../mode/expression';
import { lintDeclaredConfig } from '../rules/lint';
import type { Fix } from '../rules/types';

/**
 * What the language bindings (pyOpenSSL, Ruby's OpenSSL::SSL) share: their flag constants, the
 * value of a `|` of them, and the step from the facts a binding's extractor found on one context
 * to the C extractor's FileConfig, so the C rules, hovers and inline paths apply unchanged.
 */

export interface BindingToken {
  kind: 'name' | 'number' | 'op';
  text: string;
  start: number;
  end: number;
}

/** A binding's constant for an OpenSSL flag (`SSL.SESS_CACHE_SERVER` for `SSL_SESS_CACHE_SERVER`). */
export interface BindingFlag {
  /** The whole name as written, qualifiers included. */
  written: string;
  flagName: string;
  value: number;
  span: Span;
}

/** Reads the binding's flag constant starting at token i: the flag and the index after it. */
export type FlagReader = (tokens: readonly BindingToken[], i: number) => { flag: BindingFlag; next: number } | undefined;

/** The flag of `tokens[first..last]`, the last token being the binding's name for SSL_<flagName>. */
export function bindingFlag(tokens: readonly BindingToken[], first: number, last: number, opensslName: string): { flag: BindingFlag; next: number } | undefined {
  const info = findFlag(opensslName);
  if (!info) return undefined;
  const written = tokens.slice(first, last + 1).map((t) => t.text).join('');
  return { flag: { written, flagName: info.name, value: info.value, span: { start: tokens[first].start, end: tokens[last].end } }, next: last + 1 };
}

export function findFlags(tokens: readonly BindingToken[], read: FlagReader): BindingFlag[] {
  const flags: BindingFlag[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const f = read(tokens, i);
    if (f) {
      flags.push(f.flag);
      i = f.next - 1;
    }
  }
  return flags;
}

export interface Evaluated {
  value?: number;
  flags: BindingFlag[];
  reason?: string;
}

/** The value of a `|` of flags and integer literals (parentheses allowed), or why it is unknown. */
export function evaluateFlags(arg: readonly BindingToken[], read: FlagReader): Evaluated {
  const flags: BindingFlag[] = [];
  let value = 0;
  let expectOperand = true;
  for (let i = 0; i < arg.length; ) {
    const t = arg[i];
    if (t.text === '(' || t.text === ')') {
      i++;
      continue;
    }
    if (!expectOperand) {
      if (t.text !== '|') return { flags, reason: `\`${t.text}\` is not a \`|\` of flags` };
      expectOperand = true;
      i++;
      continue;
    }
    const f = read(arg, i);
    if (f) {
      flags.push(f.flag);
      value |= f.flag.value;
      i = f.next;
    } else if (t.kind === 'number' && /^(0x[0-9a-f]+|\d+)$/i.test(t.text)) {
      value |= Number(t.text);
      i++;
    } else {
      return { flags, reason: `\`${t.text}\` is not a known flag` };
    }
    expectOperand = false;
  }
  return expectOperand ? { flags, reason: 'no value' } : { value: value >>> 0, flags };
}

export function spanOf(tokens: readonly BindingToken[]): Span {
  return { start: tokens[0].start, end: tokens[tokens.length - 1].end };
}

/** For each opening bracket, the index of the bracket that closes it (-1 if none); found in one pass. */
export function matchingClosers(tokens: readonly BindingToken[]): Int32Array {
  const closers = new Int32Array(tokens.length).fill(-1);
  const open: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i].text;
    if (t === '(' || t === '[' || t === '{') open.push(i);
    else if (t === ')' || t === ']' || t === '}') {
      const o = open.pop();
      if (o !== undefined) closers[o] = i;
    }
  }
  return closers;
}

/**
 * The offset after a delimited body starting at `from` (a string, `%q(…)`, `qw{…}`): backslash
 * escapes, nesting counted when the delimiters differ; the text's end when it is never closed.
 */
export function skipDelimited(text: string, from: number, open: string, close: string): number {
  let depth = 1;
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === close && --depth === 0) return i + 1;
    else {
      if (c === open && open !== close) depth++;
      i++;
    }
  }
  return text.length;
}

/** A run of tokens, `start` included, `end` excluded. */
export interface TokenRange {
  start: number;
  end: number;
}

/**
 * The arguments between `from` and the closing bracket at `to`, as token ranges split at
 * top-level separators (`,`; Perl's `=>` too); empty ones dropped. Only top-level tokens are
 * visited and nothing is copied, so nested calls cost no more than their length.
 */
export function argumentRanges(tokens: readonly BindingToken[], from: number, to: number, closers: Int32Array, separators: ReadonlySet<string> = COMMA): TokenRange[] {
  const ranges: TokenRange[] = [];
  let start = from;
  let j = from;
  while (j < to) {
    if (separators.has(tokens[j].text)) {
      if (j > start) ranges.push({ start, end: j });
      start = ++j;
    } else j = closers[j] > j && closers[j] < to ? closers[j] + 1 : j + 1;
  }
  if (to > start) ranges.push({ start, end: to });
  return ranges;
}
const COMMA: ReadonlySet<string> = new Set([',']);

/** The arguments' tokens (argumentRanges, copied). */
export function splitArguments(tokens: readonly BindingToken[], from: number, to: number, closers: Int32Array): BindingToken[][] {
  return argumentRanges(tokens, from, to, closers).map((r) => tokens.slice(r.start, r.end));
}

/** A single integer literal's value, else undefined (a variable, an expression). */
export function literalValue(tokens: readonly BindingToken[] | undefined): number | undefined {
  // Both languages allow `_` between digits (86_400).
  return tokens?.length === 1 && tokens[0].kind === 'number' && /^\d[\d_]*$/.test(tokens[0].text) ? Number(tokens[0].text.replace(/_/g, '')) : undefined;
}

/** A mode write: the whole call or assignment, and its value's tokens. */
export interface ModeWrite {
  span: Span;
  value: BindingToken[];
}

/** What a binding's extractor found on one context object (a receiver such as `ctx` or `@ctx`). */
export interface ContextFacts {
  receiver: string;
  modes: ModeWrite[];
  timeout?: { value?: number; span: Span };
  cacheSize?: { value?: number; span: Span };
  sessionIdContext: boolean;
  verifyPeer: boolean;
  noTicket: boolean;
  callbacks: { kind: 'new' | 'get' | 'remove'; span: Span }[];
}

export interface BindingContext {
  receiver: string;
  setting: ConfigCacheSetting;
  file: FileConfig;
}

export interface BindingAnalysis extends ConfigAnalysis {
  contexts: BindingContext[];
  flags: BindingFlag[];
}

/** OpenSSL's defaults for what was not set: SSL_SESSION_CACHE_MAX_SIZE_DEFAULT and the 300 s timeout. */
const DEFAULT_CACHE_SIZE = 1024 * 20;
const DEFAULT_TIMEOUT = 300;
const CLIENT_BIT = 0x1;
const SERVER_BIT = 0x2;

export interface BindingFile {
  /** `pyOpenSSL`, `Ruby OpenSSL`: how hovers name it. */
  binding: string;
  text: string;
  flags: BindingFlag[];
  read: FlagReader;
  contexts: ContextFacts[];
  /** The side the file takes when it says (accept or connect calls); else it follows the mode's bits. */
  role?: 'server' | 'client';
  /** A saved session is offered back (what makes a client cache useful). */
  setSessionCalls: boolean;
  /** The file flushes expired sessions (`SSL_CTX_flush_sessions` through the binding), which NO_AUTO_CLEAR needs. */
  flushCalls?: boolean;
  library: LibraryId;
  /** How the binding writes OpenSSL's SSL_SESS_CACHE_<short> (`SSL.SESS_CACHE_<short>`), for the rules' fixes. */
  spell: (short: string) => string;
  /** The same for the rules' messages, when it differs from `spell`. */
  spellInMessage?: (short: string) => string;
  /** The binding's names for what the rules' messages call by OpenSSL's (`new_session_cb` → `session_new_cb`); unmapped names stay. */
  messageNames?: Readonly<Record<string, string>>;
  /** Hovers on the binding's own names (setters), tried after the flags. */
  extraHover?: (offset: number) => ConfigHover | null;
}

/** One context's setting and FileConfig; undefined when it sets no mode whose value is known. */
export function bindingContext(facts: ContextFacts, file: Omit<BindingFile, 'contexts' | 'flags' | 'text'>): BindingContext | undefined {
  const last = facts.modes[facts.modes.length - 1];
  if (!last) return undefined;
  const evaluated = facts.modes.map((m) => evaluateFlags(m.value, file.read));
  const mode = evaluated[evaluated.length - 1].value;
  if (mode === undefined) return undefined;
  const callbacks = { new: false, get: false, remove: false };
  for (const cb of facts.callbacks) callbacks[cb.kind] = true;
  const setting: ConfigCacheSetting = {
    span: last.span,
    modeSpan: spanOf(last.value),
    label: facts.receiver,
    role: file.role ?? (mode & CLIENT_BIT && !(mode & SERVER_BIT) ? 'client' : 'server'),
    protocols: ['TLSv1.2', 'TLSv1.3'],
    mode,
    cacheSize: facts.cacheSize?.value ?? DEFAULT_CACHE_SIZE,
    timeout: facts.timeout?.value ?? DEFAULT_TIMEOUT,
    sessionIdContext: facts.sessionIdContext,
    verifyPeer: facts.verifyPeer,
    tickets: !facts.noTicket,
    numTickets: 2,
    callbacks,
    calls: [`SSL_CTX_set_session_cache_mode(ctx, ${formatHex(mode)})`],
    processes: 1,
    offersSavedSessions: file.setSessionCalls,
  };
  const config = fileConfigOfSetting(setting, undefined);
  const ctx = config.contexts[0];
  ctx.key = facts.receiver;
  if (!file.role) ctx.role = 'unknown';
  config.setSessionCalls = file.setSessionCalls;
  config.flushCalls = file.flushCalls ?? false;
  // Only what the file sets: a default is no finding's place.
  ctx.cacheSize = facts.cacheSize;
  ctx.timeout = facts.timeout;
  ctx.callbacks = facts.callbacks.map((cb) => ({ kind: cb.kind, span: cb.span }));
  ctx.modes = facts.modes.map((write, i) => {
    const e = evaluated[i];
    const flagUses: NameUse[] = e.flags.map((f) => ({ name: f.flagName, start: f.span.start, end: f.span.end, value: f.value, isFlag: true }));
    const numeric = write.value.length === 1 && write.value[0].kind === 'number';
    return { ...ctx.modes[0], callSpan: write.span, argument: spanOf(write.value), values: e.value === undefined ? [] : [e.value], unknownReason: e.reason, flagUses, numeric, pureOr: true };
  });
  return { receiver: facts.receiver, setting, file: config };
}

/** The analysis of a binding's file: its contexts, the C rules' findings on each, hovers. */
export function analyzeBinding(file: BindingFile): BindingAnalysis {
  const contexts = file.contexts.flatMap((facts) => bindingContext(facts, file) ?? []);
  const findings = contexts
    .flatMap((c) => lintDeclaredConfig(file.text, c.file, { library: file.library }))
    .map((f) => ({ ...f, message: messageInBinding(f.message, file), fixes: inBinding(f.fixes, file.spell) }));
  return {
    contexts,
    flags: file.flags,
    settings: contexts.map((c) => c.setting),
    findings: findings.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId)),
    hoverAt: (offset) => bindingFlagHover(file.flags, offset, file.binding, file.library) ?? file.extraHover?.(offset) ?? null,
  };
}

/** A rule's message in the binding's names: its flags, and the calls and callbacks the binding names otherwise. */
export function messageInBinding(message: string, file: Pick<BindingFile, 'spell' | 'spellInMessage' | 'messageNames'>): string {
  const spell = file.spellInMessage ?? file.spell;
  const flagged = message.replace(/\bSSL_SESS_CACHE_(\w+)/g, (_, short: string) => spell(short));
  const names = file.messageNames;
  if (!names) return flagged;
  return flagged.replace(/\b[A-Za-z_]\w*\b/g, (word) => (Object.hasOwn(names, word) ? names[word] : word));
}

/**
 * The rules' fixes in the binding's spelling: flag names are respelled; a fix that still writes C
 * (a call, a C constant) has no equivalent here and is dropped.
 */
export function inBinding(fixes: readonly Fix[], spell: (short: string) => string): Fix[] {
  return fixes.flatMap((fix) => {
    const edits = fix.edits.map((e) => ({ ...e, newText: e.newText.replace(/\bSSL_SESS_CACHE_(\w+)/g, (_, short: string) => spell(short)) }));
    return edits.some((e) => /\bSSL_|[;{}]/.test(e.newText)) ? [] : [{ ...fix, edits }];
  });
}

/** The hover on a binding's flag constant: which OpenSSL flag and value it is, then the flag's own hover. */
export function bindingFlagHover(flags: readonly BindingFlag[], offset: number, binding: string, library: LibraryId): ConfigHover | null {
  const f = flags.find((x) => offset >= x.span.start && offset < x.span.end);
  const info = f && findFlag(f.flagName);
  if (!f || !info) return null;
  const head = `${binding} \`${f.written}\` is OpenSSL's \`${f.flagName}\` = \`${formatHex(f.value)}\``;
  return { markdown: `${head}\n\n---\n\n${renderFlag(info, library)}`, start: f.span.start, end: f.span.end };
}

/**
 * The hover on a binding's call or setter: what the binding says of it (`lines`: the call it makes,
 * then notes, one paragraph each), then the OpenSSL function's own hover.
 */
export function bindingCallHover(span: Span, lines: readonly string[], opensslFunction: string, library: LibraryId): ConfigHover {
  const paragraphs = lines.flatMap((line, i) => (i === 0 ? [line] : ['', line]));
  const info = findApiFunction(opensslFunction);
  if (info) paragraphs.push('', '---', '', renderApiFunction(info, library));
  return { markdown: paragraphs.join('\n'), start: span.start, end: span.end };
}

/** The side a file takes from what its sockets do: accepting, connecting; a file doing both says nothing. */
export function sideOf(accepts: boolean, connects: boolean): 'server' | 'client' | undefined {
  return accepts && !connects ? 'server' : connects && !accepts ? 'client' : undefined;
}

/** Receivers grouped in order of first appearance. */
export function factsFor(byReceiver: Map<string, ContextFacts>, receiver: string): ContextFacts {
  let facts = byReceiver.get(receiver);
  if (!facts) {
    facts = { receiver, modes: [], sessionIdContext: false, verifyPeer: false, noTicket: false, callbacks: [] };
    byReceiver.set(receiver, facts);
  }
  return facts;
}
