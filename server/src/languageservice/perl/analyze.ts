import {
  BindingAnalysis,
  BindingToken,
  ContextFacts,
  FlagReader,
  TokenRange,
  analyzeBinding,
  argumentRanges,
  bindingCallHover,
  bindingFlag,
  factsFor,
  findFlags,
  skipDelimited,
  literalValue,
  matchingClosers,
  sideOf,
} from '../bindings/binding';
import type { ConfigHover } from '../config/model';
import type { LibraryId } from '../knowledge/libraries';

/**
 * Perl's `Net::SSLeay`: the cache configuration a Perl file makes with its thin wrappers over
 * libssl (`Net::SSLeay::CTX_set_session_cache_mode($ctx, &Net::SSLeay::SESS_CACHE_SERVER)`, the
 * session callbacks, `CTX_sess_set_cache_size`, `CTX_set_timeout`, the session id context). The
 * context is the call's first argument. Net::SSLeay's constants are subs named after OpenSSL's
 * without the `SSL_` prefix, and its functions drop the `SSL_` prefix too; Net::SSLeay has no
 * wrapper for `SSL_CTX_sess_set_get_cb`, so a get callback is never reported.
 */

const QUOTE_LIKE = new Set(['q', 'qq', 'qw', 'qr', 'm', 's', 'tr', 'y']);
/** Quote-like operators with a replacement part. */
const TWO_PARTS = new Set(['s', 'tr', 'y']);
const CLOSING: Record<string, string> = { '(': ')', '[': ']', '{': '}', '<': '>' };
/** Names after which a `/` starts a regex rather than dividing. */
const REGEX_AFTER = new Set(['split', 'if', 'unless', 'and', 'or', 'not', 'return', 'grep', 'map', 'while', 'until', 'when', 'xor', 'x', 'lt', 'gt', 'le', 'ge', 'eq', 'ne', 'cmp']);

const isWord = (c: string | undefined) => c !== undefined && /\w/.test(c);
const isNameStart = (c: string | undefined) => c !== undefined && /[A-Za-z_]/.test(c);

/**
 * Names (package-qualified with `::` as one token, variables with their sigil: `$ctx`,
 * `Net::SSLeay::SESS_CACHE_SERVER`), numbers, `->`, `&&` and one-character operators. Strings
 * (`''`, `""`, backticks, `q()`, `qq{}`, `qw//`), regexes (`m//`, `s///`, `tr///`, `qr//`, a `/…/`
 * where an operand is expected) and heredoc introducers each become one opaque `op` token whose
 * text starts with its quote, so nothing inside them is read; heredoc bodies, comments, POD and
 * everything after `__END__`/`__DATA__` are skipped. Unterminated constructs run to the end of the
 * text. One pass: linear in the text.
 */
/** After a variable, a number or a closing bracket `<<` shifts; elsewhere (`print <<EOT`, `= <<EOT`) it starts a heredoc. */
function afterTerm(previous: BindingToken | undefined): boolean {
  if (!previous) return false;
  const t = previous.text;
  return t.startsWith('$') || t.startsWith('@') || previous.kind === 'number' || t === ')' || t === ']' || t === '}';
}

export function tokenizePerl(text: string): BindingToken[] {
  const tokens: BindingToken[] = [];
  const heredocs: { terminator: string; indented: boolean }[] = [];
  // Whether the last token ends an operand (so a following `/` divides).
  let afterOperand = false;
  let i = 0;
  const n = text.length;
  const push = (kind: BindingToken['kind'], start: number, end: number, operand: boolean) => {
    tokens.push({ kind, text: text.slice(start, end), start, end });
    afterOperand = operand;
  };
  while (i < n) {
    const c = text[i];
    const atLineStart = i === 0 || text[i - 1] === '\n';
    if (c === '\n') {
      i++;
      // Heredoc bodies start on the next line and end at their terminator line.
      for (const h of heredocs.splice(0)) {
        while (i < n) {
          const eol = text.indexOf('\n', i);
          let line = text.slice(i, eol < 0 ? n : eol);
          i = eol < 0 ? n : eol + 1;
          if (line.endsWith('\r')) line = line.slice(0, -1);
          if ((h.indented ? line.trimStart() : line) === h.terminator) break;
        }
      }
    } else if (c === '#') {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? n : eol;
    } else if (c === '=' && atLineStart && isNameStart(text[i + 1])) {
      i = podEnd(text, i);
    } else if (c === '"' || c === "'" || c === '`') {
      const end = skipDelimited(text, i + 1, c, c);
      push('op', i, end, true);
      i = end;
    } else if (c === '<' && text[i + 1] === '<' && !afterTerm(tokens[tokens.length - 1]) && (text[i + 2] === '"' || text[i + 2] === "'" || text[i + 2] === '~' || isNameStart(text[i + 2]))) {
      const m = /^<<(~?)(?:"([^"\n]*)"|'([^'\n]*)'|([A-Za-z_]\w*))/.exec(text.slice(i, i + 256));
      if (m) {
        heredocs.push({ terminator: m[2] ?? m[3] ?? m[4], indented: m[1] === '~' });
        push('op', i, i + m[0].length, true);
        i += m[0].length;
      } else {
        push('op', i, i + 1, false);
        i++;
      }
    } else if (c === '$') {
      const end = variableEnd(text, i);
      if (end === i + 1) push('op', i, end, false);
      else push('name', i, end, true);
      i = end;
    } else if (c === '@' && (isNameStart(text[i + 1]) || text[i + 1] === ':')) {
      const end = qualifiedNameEnd(text, i + 1);
      push('name', i, end, true);
      i = end;
    } else if (c === '%' && !afterOperand && isNameStart(text[i + 1])) {
      const end = qualifiedNameEnd(text, i + 1);
      push('name', i, end, true);
      i = end;
    } else if (isNameStart(c)) {
      const end = qualifiedNameEnd(text, i);
      const name = text.slice(i, end);
      if (name === '__END__' || name === '__DATA__') break;
      const prev = tokens[tokens.length - 1];
      const quoted = QUOTE_LIKE.has(name) ? quoteLikeEnd(text, end, name, prev) : undefined;
      if (quoted !== undefined) {
        push('op', i, quoted, true);
        i = quoted;
      } else {
        push('name', i, end, !REGEX_AFTER.has(name));
        i = end;
      }
    } else if (c >= '0' && c <= '9') {
      let end = i + 1;
      while (end < n && (isWord(text[end]) || (text[end] === '.' && text[end + 1] >= '0' && text[end + 1] <= '9'))) end++;
      push('number', i, end, true);
      i = end;
    } else if (c === '/' && !afterOperand) {
      const end = skipDelimited(text, i + 1, '/', '/');
      const flagsEnd = wordEnd(text, end);
      push('op', i, flagsEnd, true);
      i = flagsEnd;
    } else if ((c === '-' && text[i + 1] === '>') || (c === '&' && text[i + 1] === '&') || (c === '|' && text[i + 1] === '|')) {
      push('op', i, i + 2, false);
      i += 2;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || /\s/.test(c)) {
      i++;
    } else {
      push('op', i, i + 1, c === ')' || c === ']' || c === '}');
      i++;
    }
  }
  return tokens;
}

/** The end of a POD block starting at `at` (a line starting with `=word`): after its `=cut` line, or the end of the text. */
function podEnd(text: string, at: number): number {
  let from = at;
  for (;;) {
    const cut = text.indexOf('\n=cut', from);
    if (cut < 0) return text.length;
    if (!isWord(text[cut + 5])) {
      const eol = text.indexOf('\n', cut + 5);
      return eol < 0 ? text.length : eol;
    }
    from = cut + 5;
  }
}

/** The end of a name with its `::` qualifiers (`Net::SSLeay::CTX_new`) starting at `at`. */
function qualifiedNameEnd(text: string, at: number): number {
  let i = at;
  for (;;) {
    while (i < text.length && isWord(text[i])) i++;
    if (text[i] === ':' && text[i + 1] === ':' && isWord(text[i + 2])) i += 2;
    else return i;
  }
}

function wordEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length && isWord(text[i])) i++;
  return i;
}

/** The end of a scalar starting at `$`: `$ctx`, `$Net::SSLeay::trace`, `$$ref`, `$#array`, `$_`, punctuation variables (`$/`, `$!`, `$^W`); `at + 1` for a lone `$` (as in `${…}`). */
function variableEnd(text: string, at: number): number {
  let i = at + 1;
  while (text[i] === '$' && (isNameStart(text[i + 1]) || text[i + 1] === '$')) i++;
  const c = text[i];
  if (c === undefined) return i;
  if (isWord(c) || (c === ':' && text[i + 1] === ':')) return qualifiedNameEnd(text, c === ':' ? i + 2 : i);
  if (c === '#') {
    // `$#array`, `$#{…}`, `$#$ref`: the last index, not a comment.
    if (isNameStart(text[i + 1])) return qualifiedNameEnd(text, i + 1);
    return i + 1;
  }
  if (c === '^' && /[A-Z]/.test(text[i + 1] ?? '')) return i + 2;
  if (c === '{' || /\s/.test(c)) return i;
  // One punctuation character: `$/`, `$;`, `$,`, `$"`, `$'` must not start a regex or a string.
  return i + 1;
}

/**
 * The end of a quote-like operator (`q(…)`, `qw/…/`, `s{…}{…}gr`, `tr/a/b/`) whose name ends at
 * `at`, or undefined when the name is not used as one (a hash key `s =>`, a method `->s`, `-s $f`).
 */
function quoteLikeEnd(text: string, at: number, name: string, prev: BindingToken | undefined): number | undefined {
  if (prev && (prev.text === '->' || (prev.text === '-' && prev.end === at - name.length) || prev.text === '&' || prev.text === 'sub')) return undefined;
  let i = at;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  const open = text[i];
  if (open === undefined || isWord(open) || /\s/.test(open) || ',;)]}>='.includes(open) || (open === '#' && i > at)) return undefined;
  const close = CLOSING[open] ?? open;
  i = skipDelimited(text, i + 1, open, close);
  if (TWO_PARTS.has(name)) {
    if (close !== open) {
      // s{…}{…}: the replacement has its own delimiters, maybe after whitespace.
      while (i < text.length && /\s/.test(text[i])) i++;
      const open2 = text[i];
      if (open2 !== undefined) i = skipDelimited(text, i + 1, open2, CLOSING[open2] ?? open2);
    } else {
      i = skipDelimited(text, i, open, close);
    }
  }
  return wordEnd(text, Math.min(i, text.length));
}

const PACKAGE = 'Net::SSLeay::';
const FLAG_PREFIX = 'SESS_CACHE_';

/** The last `::` segment of a name (`VERIFY_PEER` for `&Net::SSLeay::VERIFY_PEER`). */
const lastSegment = (name: string) => name.slice(name.lastIndexOf(':') + 1);

/** The name without `Net::SSLeay::`, or undefined when it is qualified by another package. */
function unqualified(name: string): string | undefined {
  if (name.startsWith(PACKAGE)) {
    const rest = name.slice(PACKAGE.length);
    return rest.includes(':') ? undefined : rest;
  }
  return name.includes(':') ? undefined : name;
}

/**
 * `&Net::SSLeay::SESS_CACHE_X`, `Net::SSLeay::SESS_CACHE_X()`, `Net::SSLeay::SESS_CACHE_X`, and
 * the imported `SESS_CACHE_X()`, `&SESS_CACHE_X`, `SESS_CACHE_X`; an empty `()` belongs to the flag.
 */
const readFlag: FlagReader = (tokens, i) => {
  let at = i;
  if (tokens[at]?.text === '&' && tokens[at + 1]?.kind === 'name' && tokens[at + 1].start === tokens[at].end) at++;
  const t = tokens[at];
  if (t?.kind !== 'name') return undefined;
  const name = unqualified(t.text);
  if (!name?.startsWith(FLAG_PREFIX)) return undefined;
  const last = tokens[at + 1]?.text === '(' && tokens[at + 2]?.text === ')' ? at + 2 : at;
  return bindingFlag(tokens, i, last, 'SSL_' + name);
};

/** The Net::SSLeay functions that configure the cache, with the OpenSSL function each one wraps. */
const FUNCTIONS: Record<string, string> = {
  CTX_set_session_cache_mode: 'SSL_CTX_set_session_cache_mode',
  CTX_sess_set_cache_size: 'SSL_CTX_sess_set_cache_size',
  CTX_set_timeout: 'SSL_CTX_set_timeout',
  CTX_set_session_id_context: 'SSL_CTX_set_session_id_context',
  CTX_sess_set_new_cb: 'SSL_CTX_sess_set_new_cb',
  CTX_sess_set_remove_cb: 'SSL_CTX_sess_set_remove_cb',
  CTX_set_verify: 'SSL_CTX_set_verify',
  CTX_set_options: 'SSL_CTX_set_options',
};

/** What ends the arguments of a call written without parentheses (`CTX_set_timeout $ctx, 60;`). */
const LIST_END = new Set(['or', 'and', 'if', 'unless', 'while', 'until', 'for', 'foreach', 'xor']);

function listEnd(tokens: readonly BindingToken[], from: number, closers: Int32Array, isCall: (j: number) => boolean): number {
  let j = from;
  while (j < tokens.length) {
    const t = tokens[j];
    if (closers[j] > j) {
      j = closers[j] + 1;
      continue;
    }
    if (t.text === ';' || t.text === ')' || t.text === ']' || t.text === '}' || t.text === '(' || t.text === '[' || t.text === '{') break;
    // Another call ends it too, which keeps a run of calls without `;` linear.
    if (t.kind === 'name' && (LIST_END.has(t.text) || isCall(j))) break;
    j++;
  }
  return j;
}



interface FunctionUse {
  fn: string;
  start: number;
  end: number;
}

/** Perl separates arguments with `,` and `=>` alike. */
const SEPARATORS: ReadonlySet<string> = new Set([',', '=>']);

/** How many tokens before each index pass a test: counts over a range in O(1). */
function prefixCounts(tokens: readonly BindingToken[], test: (t: BindingToken) => boolean): Int32Array {
  const counts = new Int32Array(tokens.length + 1);
  for (let i = 0; i < tokens.length; i++) counts[i + 1] = counts[i] + (test(tokens[i]) ? 1 : 0);
  return counts;
}

/** A receiver longer than this many tokens is not a context expression we follow. */
const MAX_RECEIVER_TOKENS = 64;

export function analyzePerl(text: string, options: { library: LibraryId }): BindingAnalysis {
  const tokens = tokenizePerl(text);
  const closers = matchingClosers(tokens);
  const lastNames = new Set<string>();
  let usesSSLeay = false;
  for (const t of tokens) {
    if (t.kind !== 'name') continue;
    lastNames.add(lastSegment(t.text));
    if (t.text === 'Net::SSLeay' || t.text.startsWith(PACKAGE)) usesSSLeay = true;
  }
  const functionAt = (t: BindingToken): string | undefined => {
    if (t.kind !== 'name') return undefined;
    const fn = unqualified(t.text);
    // Imported names only in a file that uses Net::SSLeay.
    return fn !== undefined && Object.hasOwn(FUNCTIONS, fn) && (fn !== t.text || usesSSLeay) ? fn : undefined;
  };
  const calls = prefixCounts(tokens, (t) => functionAt(t) !== undefined);
  const noTicket = prefixCounts(tokens, (t) => t.kind === 'name' && lastSegment(t.text) === 'OP_NO_TICKET');
  const verifyPeer = prefixCounts(tokens, (t) => t.kind === 'name' && lastSegment(t.text) === 'VERIFY_PEER');
  const count = (counts: Int32Array, r: TokenRange | undefined) => (r ? counts[r.end] - counts[r.start] : 0);
  const isUndef = (r: TokenRange | undefined) => !r || (r.end - r.start === 1 && tokens[r.start].text === 'undef');
  const single = (r: TokenRange | undefined) => (r && r.end - r.start === 1 ? [tokens[r.start]] : undefined);
  const uses: FunctionUse[] = [];
  const byReceiver = new Map<string, ContextFacts>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const fn = functionAt(t);
    if (fn === undefined) continue;
    const before = tokens[i - 1];
    // A method (`$obj->CTX_set_timeout`) is someone else's.
    if (before?.text === '->') continue;
    const amp = before?.text === '&' && before.end === t.start;
    // `\&Net::SSLeay::CTX_sess_set_new_cb`, `defined &…`: a reference or a test, not a call.
    if (amp && (tokens[i - 2]?.text === '\\' || tokens[i - 2]?.text === 'defined' || tokens[i - 2]?.text === 'exists')) continue;
    uses.push({ fn, start: t.start, end: t.end });
    let args: TokenRange[];
    let last: number;
    if (tokens[i + 1]?.text === '(') {
      const close = closers[i + 1];
      if (close < 0) continue;
      args = argumentRanges(tokens, i + 2, close, closers, SEPARATORS);
      last = close;
    } else {
      // `&name;` passes the current @_: nothing to read.
      if (amp) continue;
      const end = listEnd(tokens, i + 1, closers, (j) => calls[j + 1] !== calls[j]);
      args = argumentRanges(tokens, i + 1, end, closers, SEPARATORS);
      last = end - 1;
    }
    const first = args[0];
    if (!first || first.end - first.start > MAX_RECEIVER_TOKENS || count(calls, first) > 0) continue;
    const receiver = tokens.slice(first.start, first.end).map((a) => a.text).join('');
    const span = { start: amp ? before.start : t.start, end: Math.max(tokens[last].end, t.end) };
    const facts = factsFor(byReceiver, receiver);
    const value = args[1];
    switch (fn) {
      case 'CTX_set_session_cache_mode':
        // A value holding another call is not followed (and not copied: nested calls stay linear).
        if (value) facts.modes.push({ span, value: count(calls, value) > 0 ? [tokens[value.start]] : tokens.slice(value.start, value.end) });
        break;
      case 'CTX_sess_set_cache_size':
        facts.cacheSize = { value: literalValue(single(value)), span };
        break;
      case 'CTX_set_timeout':
        facts.timeout = { value: literalValue(single(value)), span };
        break;
      case 'CTX_set_session_id_context':
        facts.sessionIdContext = !isUndef(value);
        break;
      case 'CTX_sess_set_new_cb':
      case 'CTX_sess_set_remove_cb': {
        const kind = fn === 'CTX_sess_set_new_cb' ? 'new' : 'remove';
        // `undef` clears the callback.
        facts.callbacks = facts.callbacks.filter((cb) => cb.kind !== kind);
        if (!isUndef(value)) facts.callbacks.push({ kind, span });
        break;
      }
      case 'CTX_set_verify':
        facts.verifyPeer = count(verifyPeer, value) > 0;
        break;
      case 'CTX_set_options':
        if (count(noTicket, value) > 0) facts.noTicket = true;
        break;
    }
  }
  // The side is the connection's: `Net::SSLeay::accept` or a server method, `connect` or a client method.
  const has = (pred: (name: string) => boolean) => [...lastNames].some(pred);
  // A call, with parentheses or without (`CTX_flush_sessions $ctx, time`): not a mention in an import list or a reference.
  const called = (fn: string) =>
    lastNames.has(fn) && tokens.some((t, k) => t.kind === 'name' && lastSegment(t.text) === fn && (tokens[k + 1]?.text === '(' || tokens[k + 1]?.text.startsWith('$') === true));
  const server = has((x) => x === 'accept' || x === 'set_accept_state' || x === 'listen' || x.endsWith('_server_method'));
  const client = has((x) => x === 'connect' || x === 'set_connect_state' || x.endsWith('_client_method'));
  return analyzeBinding({
    binding: 'Net::SSLeay',
    text,
    flags: findFlags(tokens, readFlag),
    read: readFlag,
    contexts: [...byReceiver.values()],
    role: sideOf(server, client),
    setSessionCalls: called('set_session'),
    flushCalls: called('CTX_flush_sessions'),
    spell: (short) => `&Net::SSLeay::${FLAG_PREFIX}${short}`,
    // Net::SSLeay wraps no get-session callback: get_session_cb keeps OpenSSL's name.
    messageNames: {
      new_session_cb: 'CTX_sess_set_new_cb callback',
      SSL_CTX_set_session_cache_mode: 'Net::SSLeay::CTX_set_session_cache_mode',
      SSL_CTX_flush_sessions: 'Net::SSLeay::CTX_flush_sessions',
      SSL_CTX_set_session_id_context: 'Net::SSLeay::CTX_set_session_id_context',
      SSL_set_session: 'Net::SSLeay::set_session',
      SSL_OP_NO_TICKET: '&Net::SSLeay::OP_NO_TICKET',
      SSL_VERIFY_PEER: '&Net::SSLeay::VERIFY_PEER',
    },
    library: options.library,
    extraHover: (offset) => functionHover(uses, offset, options.library),
  });
}

/** The hover on a Net::SSLeay function: the OpenSSL function it wraps, and what it returns. */
function functionHover(uses: readonly FunctionUse[], offset: number, library: LibraryId): ConfigHover | null {
  const u = uses.find((x) => offset >= x.start && offset < x.end);
  if (!u) return null;
  const fn = FUNCTIONS[u.fn];
  const lines = [`Net::SSLeay \`${u.fn}\` calls \`${fn}\`.`];
  if (u.fn === 'CTX_set_session_cache_mode') {
    lines.push('Like the C function it returns the previous mode, not the new one: `my $old = Net::SSLeay::CTX_set_session_cache_mode($ctx, $mode)` keeps the old value.');
  }
  if (u.fn === 'CTX_sess_set_new_cb' || u.fn === 'CTX_sess_set_remove_cb') {
    lines.push('Passing `undef` removes the callback. Net::SSLeay wraps the new and remove callbacks but not `SSL_CTX_sess_set_get_cb`: a Perl server cannot answer lookups from an external cache.');
  }
  return bindingCallHover(u, lines, fn, library);
}
