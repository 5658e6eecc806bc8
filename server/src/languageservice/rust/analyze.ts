import {
  BindingAnalysis,
  BindingToken,
  ContextFacts,
  FlagReader,
  analyzeBinding,
  argumentRanges,
  bindingCallHover,
  bindingFlag,
  factsFor,
  findFlags,
  matchingClosers,
  sideOf,
} from '../bindings/binding';
import type { ConfigHover, Span } from '../config/model';
import type { LibraryId } from '../knowledge/libraries';
import type { Fix } from '../rules/types';

/**
 * The Rust `openssl` crate and its BoringSSL twin `boring`: the cache configuration a Rust file
 * makes on its `SslContextBuilder`s (and `SslAcceptorBuilder`/`SslConnectorBuilder`, which deref to
 * one): `set_session_cache_mode(SslSessionCacheMode::…)`, `set_session_cache_size`,
 * `set_session_id_context`, the `set_*_session_callback`s, `set_options(SslOptions::NO_TICKET)`,
 * `set_verify(SslVerifyMode::PEER)`, and the same through `openssl-sys`/`boring-sys`
 * (`ffi::SSL_CTX_set_session_cache_mode(ctx.as_ptr(), ffi::SSL_SESS_CACHE_SERVER)`).
 * Neither crate has a context-level timeout setter; only the raw `SSL_CTX_set_timeout` sets one.
 */

// ---------------------------------------------------------------------------------------------
// Tokenizer

const IDENT_START = /[A-Za-z_]/;
const IDENT = /\w/;

/** A string/char prefix: `b"…"`, `c"…"`, `r"…"`, `r#"…"#`, `br#"…"#`, `cr"…"`, `b'x'`. */
const STRING_PREFIX = /^(b|c|r|br|cr)$/;

/**
 * Names (raw identifiers `r#type` as `type`), numbers (with `_`, suffixes, `0x`/`0o`/`0b`), `::`
 * and one-character operators. Line comments, nested block comments, strings, byte and C strings,
 * raw strings with any number of `#`, char and byte literals are skipped, and so are lifetimes and
 * labels (`'a`, `'static`). Anything left open runs to the end of the text. One pass, never throws.
 */
export function tokenizeRust(text: string): BindingToken[] {
  const tokens: BindingToken[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? n : eol;
    } else if (c === '/' && text[i + 1] === '*') {
      i = skipBlockComment(text, i + 2);
    } else if (c === '"') {
      i = skipString(text, i + 1);
    } else if (c === "'") {
      i = skipQuote(text, i, tokens);
    } else if (IDENT_START.test(c)) {
      const start = i;
      while (i < n && IDENT.test(text[i])) i++;
      const word = text.slice(start, i);
      if (STRING_PREFIX.test(word) && text[i] === '"') {
        i = word.includes('r') ? skipRawString(text, i, 0) : skipString(text, i + 1);
      } else if (word === 'b' && text[i] === "'") {
        i = skipQuote(text, i, tokens);
      } else if (word.endsWith('r') && STRING_PREFIX.test(word) && text[i] === '#') {
        // r#"…"#, br##"…"## — or a raw identifier r#name.
        let hashes = 0;
        while (text[i + hashes] === '#') hashes++;
        if (text[i + hashes] === '"') {
          i = skipRawString(text, i + hashes, hashes);
        } else if (word === 'r' && hashes === 1 && IDENT_START.test(text[i + 1] ?? '')) {
          const nameStart = i + 1;
          i = nameStart;
          while (i < n && IDENT.test(text[i])) i++;
          tokens.push({ kind: 'name', text: text.slice(nameStart, i), start, end: i });
        } else {
          tokens.push({ kind: 'name', text: word, start, end: i });
        }
      } else {
        tokens.push({ kind: 'name', text: word, start, end: i });
      }
    } else if (c >= '0' && c <= '9') {
      const start = i;
      while (i < n && IDENT.test(text[i])) i++;
      // A fraction (1.5), not a method call on a literal (1.max(2)) or a range (0..2).
      if (text[i] === '.' && /[0-9]/.test(text[i + 1] ?? '')) {
        i++;
        while (i < n && IDENT.test(text[i])) i++;
      }
      tokens.push({ kind: 'number', text: text.slice(start, i), start, end: i });
    } else if (c === ':' && text[i + 1] === ':') {
      tokens.push({ kind: 'op', text: '::', start: i, end: i + 2 });
      i += 2;
    } else if (c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
      i++;
    } else {
      // One character; a surrogate pair stays whole so no span splits it.
      const code = text.charCodeAt(i);
      const width = code >= 0xd800 && code <= 0xdbff && i + 1 < n && /[\udc00-\udfff]/.test(text[i + 1]) ? 2 : 1;
      if (!/\s/.test(c)) tokens.push({ kind: 'op', text: text.slice(i, i + width), start: i, end: i + width });
      i += width;
    }
  }
  return tokens;
}

/** After `/*`: the offset after the matching `*\/`, nesting counted. */
function skipBlockComment(text: string, from: number): number {
  let depth = 1;
  let i = from;
  while (i < text.length) {
    if (text[i] === '/' && text[i + 1] === '*') {
      depth++;
      i += 2;
    } else if (text[i] === '*' && text[i + 1] === '/') {
      i += 2;
      if (--depth === 0) return i;
    } else i++;
  }
  return i;
}

/** After the opening `"`: the offset after the closing one (escapes honoured). */
function skipString(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else i++;
  }
  return text.length;
}

/** At the `"` of a raw string opened with `hashes` `#`: the offset after `"` and as many `#`. */
function skipRawString(text: string, quote: number, hashes: number): number {
  let i = quote + 1;
  while (i < text.length) {
    if (text[i] === '"') {
      let k = 0;
      while (k < hashes && text[i + 1 + k] === '#') k++;
      if (k === hashes) return i + 1 + hashes;
      // The `#` run just looked at is scanned once more as content: each run follows one quote only.
    }
    i++;
  }
  return text.length;
}

/**
 * At a `'`: a char literal (`'a'`, `'\n'`, `'\u{1F600}'`, `'😀'`) is skipped; a lifetime or label
 * (`'a`, `'static`) is skipped too; a lone quote becomes an operator.
 */
function skipQuote(text: string, at: number, tokens: BindingToken[]): number {
  const next = text[at + 1];
  if (next === '\\') {
    // An escape: the closing quote comes within a few characters (`'\u{10FFFF}'` is the longest).
    const close = text.indexOf("'", at + 3);
    if (close > 0 && close - at <= 12) return close + 1;
    return Math.min(text.length, at + 3);
  }
  if (next !== undefined) {
    const code = next.charCodeAt(0);
    const width = code >= 0xd800 && code <= 0xdbff && /[\udc00-\udfff]/.test(text[at + 2] ?? '') ? 2 : 1;
    if (text[at + 1 + width] === "'" && next !== "'") return at + 2 + width;
    if (IDENT_START.test(next)) {
      let i = at + 1;
      while (i < text.length && IDENT.test(text[i])) i++;
      return i;
    }
  }
  tokens.push({ kind: 'op', text: "'", start: at, end: at + 1 });
  return at + 1;
}

// ---------------------------------------------------------------------------------------------
// Flags

const MODE_TYPE = 'SslSessionCacheMode';

/** The associated constants of the crates' `SslSessionCacheMode` (openssl and boring alike). */
const CRATE_FLAGS = new Set(['OFF', 'CLIENT', 'SERVER', 'BOTH', 'NO_AUTO_CLEAR', 'NO_INTERNAL_LOOKUP', 'NO_INTERNAL_STORE', 'NO_INTERNAL']);

/** The bits of every crate flag: what `SslSessionCacheMode::all()` is and `from_bits_truncate` keeps. */
const CRATE_ALL_BITS = 0x0383;

/** The mode type's names: `SslSessionCacheMode` and the aliases a file gives it (`use … SslSessionCacheMode as Mode`). */
function modeTypeNames(tokens: readonly BindingToken[]): Set<string> {
  const names = new Set([MODE_TYPE]);
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (tokens[i].text === MODE_TYPE && tokens[i + 1].text === 'as' && tokens[i + 2].kind === 'name' && tokens[i + 2].text !== '_') names.add(tokens[i + 2].text);
  }
  return names;
}

/** `SslSessionCacheMode::X`, `openssl::ssl::SslSessionCacheMode::X`, `SslSessionCacheMode::empty()` (= OFF), `ffi::SSL_SESS_CACHE_X`. */
function flagReader(typeNames: ReadonlySet<string>): FlagReader {
  return (tokens, i) => {
    // Only from the start of a path: reading from its middle again would make long paths quadratic.
    if (tokens[i]?.kind !== 'name' || (tokens[i - 1]?.text === '::' && tokens[i - 2]?.kind === 'name')) return undefined;
    let last = i;
    while (tokens[last + 1]?.text === '::' && tokens[last + 2]?.kind === 'name') last += 2;
    const t = tokens[last];
    if (t.text.startsWith('SSL_SESS_CACHE_')) return bindingFlag(tokens, i, last, t.text);
    if (last === i || !typeNames.has(tokens[last - 2].text)) return undefined;
    if (CRATE_FLAGS.has(t.text)) return bindingFlag(tokens, i, last, 'SSL_SESS_CACHE_' + t.text);
    if (t.text === 'empty' && tokens[last + 1]?.text === '(' && tokens[last + 2]?.text === ')') return bindingFlag(tokens, i, last + 2, 'SSL_SESS_CACHE_OFF');
    return undefined;
  };
}

/** An integer literal's value (`0x302`, `86_400`, `300u32`, `0o1`, `0b10`), else undefined. */
export function rustInteger(text: string): number | undefined {
  const m = /^(0x[0-9a-f_]+|0o[0-7_]+|0b[01_]+|[0-9][0-9_]*)(?:[iu](?:8|16|32|64|128|size))?$/i.exec(text);
  if (!m) return undefined;
  const digits = m[1].replace(/_/g, '');
  const value = /^0[xob]$/i.test(digits) ? NaN : Number(digits);
  return Number.isSafeInteger(value) ? value : undefined;
}

function literalOf(arg: readonly BindingToken[] | undefined): number | undefined {
  return arg?.length === 1 && arg[0].kind === 'number' ? rustInteger(arg[0].text) : undefined;
}

const synthetic = (kind: BindingToken['kind'], text: string, span: Span): BindingToken => ({ kind, text, start: span.start, end: span.end });

/**
 * A mode expression rewritten as the `|` of flags and integers the shared evaluator reads:
 * `.union(x)` becomes `| x`; `from_bits(n)`, `from_bits_truncate(n)`, `from_bits_retain(n)` (with
 * `.unwrap()`/`.expect(…)`) and `all()` become the number they make; `.bits()` and `as` casts are
 * dropped. Undefined when the expression is something else (a variable, a call): it stays unknown.
 */
function normaliseMode(tokens: readonly BindingToken[], from: number, to: number, closers: Int32Array, read: FlagReader, typeNames: ReadonlySet<string>, depth = 0): BindingToken[] | undefined {
  if (depth > 16) return undefined;
  const out: BindingToken[] = [];
  let expectOperand = true;
  let i = from;
  while (i < to) {
    const t = tokens[i];
    if (!expectOperand) {
      if (t.text === '|') {
        out.push(t);
        expectOperand = true;
        i++;
      } else if (t.text === '.' && tokens[i + 1]?.text === 'union' && tokens[i + 2]?.text === '(' && closers[i + 2] > i + 2 && closers[i + 2] < to) {
        const inner = normaliseMode(tokens, i + 3, closers[i + 2], closers, read, typeNames, depth + 1);
        if (!inner || inner.length === 0) return undefined;
        // The closing parenthesis is kept (the evaluator skips it) so that the mode's span ends there.
        out.push(synthetic('op', '|', tokens[i + 1]), ...inner, tokens[closers[i + 2]]);
        i = closers[i + 2] + 1;
      } else if (t.text === '.' && tokens[i + 1]?.text === 'bits' && tokens[i + 2]?.text === '(' && tokens[i + 3]?.text === ')' && i + 3 < to) {
        out.push(synthetic('op', ')', { start: t.start, end: tokens[i + 3].end }));
        i += 4;
      } else if (t.text === 'as' && tokens[i + 1]?.kind === 'name' && i + 1 < to) {
        // `as c_long`, `as libc::c_long`: kept as a closing parenthesis, which the evaluator skips.
        const start = t.start;
        i += 2;
        while (tokens[i]?.text === '::' && tokens[i + 1]?.kind === 'name' && i + 1 < to) i += 2;
        out.push(synthetic('op', ')', { start, end: tokens[i - 1].end }));
      } else return undefined;
      continue;
    }
    if (t.text === '::' && tokens[i + 1]?.kind === 'name' && i + 1 < to) {
      // A path from the crate root: `::openssl::ssl::SslSessionCacheMode::SERVER`.
      const flag = read(tokens, i + 1);
      if (!flag || flag.next > to) return undefined;
      // The leading `::` becomes a parenthesis, which the evaluator skips, so the span still starts there.
      out.push(synthetic('op', '(', t), ...tokens.slice(i + 1, flag.next));
      i = flag.next;
      expectOperand = false;
      continue;
    }
    if (t.text === '(' && closers[i] > i && closers[i] < to) {
      const inner = normaliseMode(tokens, i + 1, closers[i], closers, read, typeNames, depth + 1);
      if (!inner || inner.length === 0) return undefined;
      out.push(t, ...inner, tokens[closers[i]]);
      i = closers[i] + 1;
      expectOperand = false;
      continue;
    }
    const flag = read(tokens, i);
    if (flag && flag.next <= to) {
      out.push(...tokens.slice(i, flag.next));
      i = flag.next;
      expectOperand = false;
      continue;
    }
    if (t.kind === 'number') {
      const value = rustInteger(t.text);
      if (value === undefined) return undefined;
      out.push(synthetic('number', String(value), t));
      i++;
      expectOperand = false;
      continue;
    }
    const made = constructed(tokens, i, to, closers, typeNames);
    if (!made) return undefined;
    out.push(synthetic('number', String(made.value), { start: t.start, end: tokens[made.next - 1].end }));
    i = made.next;
    expectOperand = false;
  }
  return expectOperand ? undefined : out;
}

/** `[path::]SslSessionCacheMode::from_bits…(literal)[.unwrap()|.expect(…)]` or `::all()`: its value and the index after it. */
function constructed(tokens: readonly BindingToken[], i: number, to: number, closers: Int32Array, typeNames: ReadonlySet<string>): { value: number; next: number } | undefined {
  let j = i;
  while (tokens[j]?.kind === 'name' && tokens[j + 1]?.text === '::' && j + 2 < to) {
    if (typeNames.has(tokens[j].text)) break;
    j += 2;
  }
  if (!typeNames.has(tokens[j]?.text) || tokens[j + 1]?.text !== '::') return undefined;
  const fn = tokens[j + 2]?.text;
  const open = j + 3;
  if (tokens[open]?.text !== '(' || !(closers[open] > open) || closers[open] >= to) return undefined;
  const close = closers[open];
  if (fn === 'all' && close === open + 1) return { value: CRATE_ALL_BITS, next: close + 1 };
  if (fn !== 'from_bits' && fn !== 'from_bits_truncate' && fn !== 'from_bits_retain') return undefined;
  const bits = literalOf(tokens.slice(open + 1, close));
  if (bits === undefined) return undefined;
  let next = close + 1;
  if (fn === 'from_bits') {
    // An Option: None (then a panic on unwrap) when a bit is no flag of the crate.
    if (bits & ~CRATE_ALL_BITS) return undefined;
    if (tokens[next]?.text === '.' && (tokens[next + 1]?.text === 'unwrap' || tokens[next + 1]?.text === 'expect') && tokens[next + 2]?.text === '(' && closers[next + 2] > next + 2 && closers[next + 2] < to) next = closers[next + 2] + 1;
    else return undefined;
  }
  return { value: fn === 'from_bits_truncate' ? bits & CRATE_ALL_BITS : bits, next };
}

// ---------------------------------------------------------------------------------------------
// Setters

interface SetterInfo {
  /** The OpenSSL function the method calls. */
  fn: string;
  /** What the hover adds about the method. */
  note?: string;
}

/** `SslContextBuilder` methods that configure the cache (`SslAcceptorBuilder`/`SslConnectorBuilder` deref to it). */
const METHODS: Record<string, SetterInfo> = {
  set_session_cache_mode: {
    fn: 'SSL_CTX_set_session_cache_mode',
    note: 'It returns the previous mode as an `SslSessionCacheMode`, as `SSL_CTX_set_session_cache_mode` does: `let old = builder.set_session_cache_mode(…);` keeps it.',
  },
  set_session_cache_size: { fn: 'SSL_CTX_sess_set_cache_size', note: 'It returns the previous limit; 0 means no limit.' },
  set_session_id_context: { fn: 'SSL_CTX_set_session_id_context', note: 'It returns a `Result`: an id context longer than 32 bytes is an error.' },
  set_new_session_callback: { fn: 'SSL_CTX_sess_set_new_cb' },
  set_remove_session_callback: { fn: 'SSL_CTX_sess_set_remove_cb' },
  set_get_session_callback: { fn: 'SSL_CTX_sess_set_get_cb', note: 'It is an `unsafe fn`: the session it returns must belong to this context.' },
  set_options: { fn: 'SSL_CTX_set_options' },
  set_verify: { fn: 'SSL_CTX_set_verify' },
  set_verify_callback: { fn: 'SSL_CTX_set_verify' },
  set_session: { fn: 'SSL_set_session', note: 'It is an `unsafe fn` on `SslRef`: the session must come from the same context.' },
};

/** The raw functions of openssl-sys/boring-sys that configure the cache, called with the context pointer first. */
const RAW = new Set([
  'SSL_CTX_set_session_cache_mode',
  'SSL_CTX_sess_set_cache_size',
  'SSL_CTX_set_timeout',
  'SSL_CTX_set_session_id_context',
  'SSL_CTX_sess_set_new_cb',
  'SSL_CTX_sess_set_get_cb',
  'SSL_CTX_sess_set_remove_cb',
  'SSL_CTX_set_options',
  'SSL_CTX_set_verify',
  'SSL_set_session',
]);

/** How many `.`/`::` segments a receiver may have: a bound that keeps chains of calls linear. */
const MAX_RECEIVER_SEGMENTS = 12;

/** The receiver before the `.` at `dot`: `builder`, `self.ctx`, `server.ctx()`; undefined if there is none. */
function receiverBefore(tokens: readonly BindingToken[], dot: number, openers: Int32Array): { text: string; start: number } | undefined {
  let r = dot - 1;
  let segments = 0;
  const parts: string[] = [];
  let start = -1;
  while (r >= 0 && segments < MAX_RECEIVER_SEGMENTS) {
    const t = tokens[r];
    if (t.kind === 'name') {
      parts.unshift(t.text);
      start = t.start;
      r--;
    } else if (t.text === ')' && openers[r] >= 1 && openers[r] === r - 1 && tokens[r - 2]?.kind === 'name') {
      // A call without arguments: ctx(), as_mut(), get_mut().
      parts.unshift(tokens[r - 2].text + '()');
      start = tokens[r - 2].start;
      r -= 3;
    } else break;
    segments++;
    if (r >= 0 && (tokens[r].text === '.' || tokens[r].text === '::')) {
      parts.unshift(tokens[r].text);
      r--;
    } else break;
  }
  if (parts.length === 0 || parts[0] === '.' || parts[0] === '::') return undefined;
  // `builder.as_mut().set_…` and `builder.set_…` configure the same context.
  while (parts.length > 2 && /^(as_mut|as_ref|deref_mut|get_mut|borrow_mut)\(\)$/.test(parts[parts.length - 1])) parts.splice(-2);
  return { text: parts.join(''), start };
}

/** A raw call's context argument as a receiver: `ctx.as_ptr()` is `ctx`'s context. */
function receiverOfPointer(arg: readonly BindingToken[] | undefined): string | undefined {
  if (!arg || arg.length === 0) return undefined;
  let toks = arg.filter((t) => t.text !== '&' && t.text !== 'mut' && t.text !== '*');
  const asPtr = toks.length >= 4 && toks[toks.length - 3].text === 'as_ptr' && toks[toks.length - 4].text === '.' && toks[toks.length - 2].text === '(' && toks[toks.length - 1].text === ')';
  if (asPtr) toks = toks.slice(0, -4);
  if (toks.length === 0 || toks.length > 2 * MAX_RECEIVER_SEGMENTS || !toks.every((t, k) => (k % 2 === 0 ? t.kind === 'name' : t.text === '.'))) return undefined;
  return toks.map((t) => t.text).join('');
}

interface MethodUse {
  name: string;
  raw: boolean;
  start: number;
  end: number;
}

/** A raw call's mode argument: fixes there are spelled with the sys crate's constants. */
interface RawModeArgument {
  span: Span;
  prefix: string;
}

const isNone = (arg: readonly BindingToken[] | undefined) => arg?.length === 1 && arg[0].text === 'None';

export function analyzeRust(text: string, options: { library: LibraryId }): BindingAnalysis {
  const tokens = tokenizeRust(text);
  const closers = matchingClosers(tokens);
  const openers = new Int32Array(tokens.length).fill(-1);
  for (let k = 0; k < tokens.length; k++) if (closers[k] > k) openers[closers[k]] = k;
  const typeNames = modeTypeNames(tokens);
  const read = flagReader(typeNames);
  const names = new Set<string>();
  for (const t of tokens) if (t.kind === 'name') names.add(t.text);
  const boring = tokens.some(
    (t, k) => (t.text === 'boring' || t.text === 'boring_sys' || t.text === 'tokio_boring' || t.text === 'hyper_boring') && (tokens[k + 1]?.text === '::' || tokens[k - 1]?.text === 'use' || tokens[k - 1]?.text === 'crate'),
  );
  const library: LibraryId = boring ? 'boringssl' : options.library;
  const lets = letBindings(tokens, closers);

  const byReceiver = new Map<string, ContextFacts>();
  const uses: MethodUse[] = [];
  const rawModes: RawModeArgument[] = [];
  let setSession = false;
  for (let i = 0; i < tokens.length - 1; i++) {
    const t = tokens[i];
    if (t.kind !== 'name' || tokens[i + 1].text !== '(') continue;
    const method = tokens[i - 1]?.text === '.' && Object.hasOwn(METHODS, t.text);
    const raw = !method && RAW.has(t.text) && tokens[i - 1]?.text !== '.' && tokens[i - 1]?.text !== 'fn';
    if (!method && !raw) continue;
    const close = closers[i + 1];
    if (close < 0) continue;
    const ranges = argumentRanges(tokens, i + 2, close, closers);
    let receiver: string | undefined;
    let callStart: number;
    if (method) {
      const r = receiverBefore(tokens, i - 1, openers);
      receiver = r?.text;
      callStart = r?.start ?? t.start;
    } else {
      let first = i;
      while (first >= 2 && tokens[first - 1].text === '::' && tokens[first - 2].kind === 'name' && i - first < 2 * MAX_RECEIVER_SEGMENTS) first -= 2;
      callStart = tokens[first].start;
      const pointer = ranges.shift();
      receiver = pointer && pointer.end - pointer.start <= 2 * MAX_RECEIVER_SEGMENTS + 4 ? receiverOfPointer(tokens.slice(pointer.start, pointer.end)) : undefined;
    }
    // Small arguments only are copied: nested calls must not copy the same tokens again and again.
    const small = (k: number): BindingToken[] | undefined => (ranges[k] && ranges[k].end - ranges[k].start <= SMALL_ARGUMENT ? tokens.slice(ranges[k].start, ranges[k].end) : undefined);
    uses.push({ name: t.text, raw, start: t.start, end: t.end });
    const name = raw ? rawToMethod(t.text) : t.text;
    if (name === 'set_session') {
      setSession = true;
      continue;
    }
    if (!receiver) continue;
    const span = { start: callStart, end: tokens[close].end };
    switch (name) {
      case 'set_session_cache_mode': {
        if (ranges.length !== 1) break;
        const { start: from, end: to } = ranges[0];
        const argSpan = { start: tokens[from].start, end: tokens[to - 1].end };
        const normalised = modeValue(tokens, from, to, closers, read, typeNames, lets);
        // What cannot be evaluated stays unknown, named by its first token (the context is then left out).
        const value = normalised ?? [synthetic('op', tokens[from].text, argSpan)];
        factsFor(byReceiver, receiver).modes.push({ span, value });
        if (raw) rawModes.push({ span: argSpan, prefix: sysPrefix(normalised) });
        break;
      }
      case 'set_session_cache_size':
        factsFor(byReceiver, receiver).cacheSize = { value: literalOf(small(0)), span };
        break;
      case 'set_timeout':
        factsFor(byReceiver, receiver).timeout = { value: literalOf(small(0)), span };
        break;
      case 'set_session_id_context': {
        // The id is a byte string, which the tokenizer skips: an empty one (`b""`) sets nothing.
        const open = tokens[i + 1].end;
        const written = ranges.length === 0 && tokens[close].start - open <= 16 ? text.slice(open, tokens[close].start).trim() : undefined;
        if (written !== 'b""' && written !== '&[]' && written !== '') factsFor(byReceiver, receiver).sessionIdContext = true;
        break;
      }
      case 'set_new_session_callback':
      case 'set_get_session_callback':
      case 'set_remove_session_callback':
        if (ranges.length > 0 && !isNone(small(0))) {
          const kind = name === 'set_new_session_callback' ? 'new' : name === 'set_get_session_callback' ? 'get' : 'remove';
          factsFor(byReceiver, receiver).callbacks.push({ kind, span });
        }
        break;
      case 'set_options':
        if (small(0)?.some((v) => v.text === 'NO_TICKET' || v.text === 'SSL_OP_NO_TICKET')) factsFor(byReceiver, receiver).noTicket = true;
        break;
      case 'set_verify':
      case 'set_verify_callback':
        if (small(0)?.some((v) => v.text === 'PEER' || v.text === 'SSL_VERIFY_PEER')) factsFor(byReceiver, receiver).verifyPeer = true;
        break;
    }
  }

  // The side is the stream's: an acceptor (accept) or a connector (connect); a file doing both says nothing.
  const server = names.has('SslAcceptor') || names.has('tls_server') || names.has('dtls_server') || names.has('accept') || names.has('set_accept_state') || names.has('TLS_server_method');
  const client = names.has('SslConnector') || names.has('tls_client') || names.has('dtls_client') || names.has('connect') || names.has('set_connect_state') || names.has('TLS_client_method');
  const binding = boring ? 'Rust boring' : 'Rust openssl';
  const MARK = '\u0000';
  const analysis = analyzeBinding({
    binding,
    text,
    flags: findFlags(tokens, read),
    read,
    contexts: [...byReceiver.values()],
    role: sideOf(server, client),
    setSessionCalls: setSession,
    // Neither crate wraps SSL_CTX_flush_sessions: only a raw call flushes.
    flushCalls: tokens.some((t, k) => (t.text === 'SSL_CTX_flush_sessions' || t.text === 'SSL_CTX_flush_sessions_ex') && tokens[k + 1]?.text === '('),
    // Marked, then spelled per edit below: a raw call's argument takes the sys crate's constants.
    spell: (short) => `${MARK}${short}${MARK}`,
    spellInMessage: (short) => `${MODE_TYPE}::${short}`,
    messageNames: {
      new_session_cb: 'new-session callback (set_new_session_callback)',
      get_session_cb: 'get-session callback (set_get_session_callback)',
      SSL_CTX_set_session_cache_mode: 'set_session_cache_mode',
      SSL_CTX_set_session_id_context: 'set_session_id_context',
      SSL_set_session: 'SslRef::set_session',
      SSL_OP_NO_TICKET: 'SslOptions::NO_TICKET',
      SSL_VERIFY_PEER: 'SslVerifyMode::PEER',
    },
    library,
    extraHover: (offset) => methodHover(uses, offset, binding, library),
  });
  const spellIn = (fixes: readonly Fix[]): Fix[] =>
    fixes.map((fix) => ({
      ...fix,
      edits: fix.edits.map((e) => {
        const rawArg = rawModes.find((a) => e.start >= a.span.start && e.end <= a.span.end);
        const newText = e.newText.replace(/\u0000(\w+)\u0000/g, (_, short: string) => (rawArg ? `${rawArg.prefix}SSL_SESS_CACHE_${short}` : `${MODE_TYPE}::${short}`));
        return { ...e, newText };
      }),
    }));
  // The boring crate always links BoringSSL, whatever library the settings name: the simulation follows the file.
  if (boring) for (const c of analysis.contexts) c.setting.library = 'boringssl';
  return { ...analysis, findings: analysis.findings.map((f) => ({ ...f, fixes: spellIn(f.fixes) })) };
}

/** The longest argument whose tokens are looked at one by one (options, verify modes, literals). */
const SMALL_ARGUMENT = 64;

/** How a raw call's mode spells the sys constants (`ffi::`, `openssl_sys::`, or nothing after a glob import). */
function sysPrefix(normalised: readonly BindingToken[] | undefined): string {
  const k = normalised?.findIndex((t) => t.text.startsWith('SSL_SESS_CACHE_')) ?? -1;
  if (!normalised || k < 0) return 'ffi::';
  let first = k;
  while (first >= 2 && normalised[first - 1].text === '::' && normalised[first - 2].kind === 'name') first -= 2;
  return normalised.slice(first, k).map((t) => t.text).join('');
}

function rawToMethod(fn: string): string {
  switch (fn) {
    case 'SSL_CTX_set_session_cache_mode':
      return 'set_session_cache_mode';
    case 'SSL_CTX_sess_set_cache_size':
      return 'set_session_cache_size';
    case 'SSL_CTX_set_timeout':
      return 'set_timeout';
    case 'SSL_CTX_set_session_id_context':
      return 'set_session_id_context';
    case 'SSL_CTX_sess_set_new_cb':
      return 'set_new_session_callback';
    case 'SSL_CTX_sess_set_get_cb':
      return 'set_get_session_callback';
    case 'SSL_CTX_sess_set_remove_cb':
      return 'set_remove_session_callback';
    case 'SSL_CTX_set_options':
      return 'set_options';
    case 'SSL_CTX_set_verify':
      return 'set_verify';
    default:
      return 'set_session';
  }
}

/** `let [mut] name [: Type] = expr;` and `const NAME: Type = expr;`: each name's value tokens, in order. */
interface LetBinding {
  name: string;
  at: number;
  from: number;
  to: number;
  /** Where the block holding it ends (the text's end at the top level): past it the binding is gone. */
  scopeEnd: number;
  /** Its value normalised, once (null: not a mode). */
  mode?: BindingToken[] | null;
}

/** The longest `let` value (in tokens) a mode follows: real modes are a few flags. */
const MAX_FOLLOWED_LET = 64;

/** Words that start a new statement: a `let` value never runs past them (so one token is scanned by one `let`). */
const STATEMENT_START = new Set(['let', 'const', 'static', 'fn']);

function letBindings(tokens: readonly BindingToken[], closers: Int32Array): Map<string, LetBinding[]> {
  const lets = new Map<string, LetBinding[]>();
  // The end of the innermost `{ … }` around each token, for the bindings' scopes.
  const blockEnd = new Int32Array(tokens.length);
  const open: number[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k].text;
    if (t === '}') open.pop();
    const top = open[open.length - 1];
    blockEnd[k] = top === undefined || closers[top] < 0 ? tokens.length : closers[top];
    if (t === '{') open.push(k);
  }
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (tokens[i].text !== 'let' && tokens[i].text !== 'const' && tokens[i].text !== 'static') continue;
    let j = i + 1;
    if (tokens[j].text === 'mut') j++;
    const name = tokens[j];
    if (name?.kind !== 'name') continue;
    j++;
    // A type annotation: names, `::`, `<…>` up to `=`.
    if (tokens[j]?.text === ':') {
      const limit = j + 16;
      while (j < tokens.length && j < limit && tokens[j].text !== '=' && tokens[j].text !== ';') j++;
    }
    if (tokens[j]?.text !== '=' || tokens[j + 1]?.text === '=') continue;
    const from = j + 1;
    let to = from;
    while (to < tokens.length && tokens[to].text !== ';') {
      if (tokens[to].text === '}' || tokens[to].text === ')' || tokens[to].text === ']' || STATEMENT_START.has(tokens[to].text)) break;
      to = closers[to] > to ? closers[to] + 1 : to + 1;
    }
    if (to === from) continue;
    const list = lets.get(name.text) ?? [];
    list.push({ name: name.text, at: i, from, to, scopeEnd: blockEnd[i] });
    lets.set(name.text, list);
    i = from - 1;
  }
  return lets;
}

/** The mode's tokens for the evaluator, following a variable to its last `let` before the call. */
function modeValue(tokens: readonly BindingToken[], from: number, to: number, closers: Int32Array, read: FlagReader, typeNames: ReadonlySet<string>, lets: Map<string, LetBinding[]>): BindingToken[] | undefined {
  if (from < 0) return undefined;
  const direct = normaliseMode(tokens, from, to, closers, read, typeNames);
  if (direct || to - from !== 1 || tokens[from].kind !== 'name') return direct;
  const list = lets.get(tokens[from].text);
  if (!list) return undefined;
  // The last binding before the use (binary search keeps many uses of many lets linear enough).
  let lo = 0;
  let hi = list.length - 1;
  let last = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].at < from) {
      last = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // A binding in a block closed before the use is out of scope: the one before it may be meant. A
  // few steps back at most (each use costs as little); past them the value is unknown, not guessed.
  for (let steps = 0; last >= 0 && list[last].scopeEnd < from && steps < 8; steps++) last--;
  const found: LetBinding | undefined = last >= 0 && list[last].scopeEnd >= from ? list[last] : undefined;
  // Each use copies the value into its context: a long value followed many times would be quadratic.
  if (!found || found.to - found.from > MAX_FOLLOWED_LET) return undefined;
  if (found.mode === undefined) found.mode = normaliseMode(tokens, found.from, found.to, closers, read, typeNames) ?? null;
  return found.mode ?? undefined;
}

/** The hover on a method or raw function: the OpenSSL function it calls, what it returns, then that function's hover. */
function methodHover(uses: readonly MethodUse[], offset: number, binding: string, library: LibraryId): ConfigHover | null {
  // Uses are in text order: a binary search finds the one under the cursor.
  let lo = 0;
  let hi = uses.length - 1;
  let u: MethodUse | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (uses[mid].end <= offset) lo = mid + 1;
    else if (uses[mid].start > offset) hi = mid - 1;
    else {
      u = uses[mid];
      break;
    }
  }
  if (!u) return null;
  const lines: string[] = [];
  let fn: string;
  if (u.raw) {
    fn = u.name;
    lines.push(`\`${fn}\` is OpenSSL's own function, called through the sys crate (\`openssl-sys\`/\`boring-sys\`) with the context's raw pointer.`);
  } else {
    const info = METHODS[u.name];
    fn = info.fn;
    const owner = u.name === 'set_session' ? 'SslRef' : 'SslContextBuilder';
    lines.push(`${binding} \`${owner}::${u.name}\` calls \`${fn}\`.`);
    if (info.note) lines.push(info.note);
  }
  return bindingCallHover(u, lines, fn, library);
}
