import {
  BindingAnalysis,
  BindingToken,
  ContextFacts,
  FlagReader,
  analyzeBinding,
  bindingCallHover,
  bindingFlag,
  factsFor,
  findFlags,
  literalValue,
  matchingClosers,
  sideOf,
  skipDelimited,
} from '../bindings/binding';
import type { ConfigHover } from '../config/model';
import type { LibraryId } from '../knowledge/libraries';

/**
 * Ruby's `OpenSSL::SSL::SSLContext`: the cache configuration a Ruby file makes with its attribute
 * setters (`session_cache_mode=`, `session_cache_size=`, `timeout=`, the `session_*_cb=` callbacks).
 */

/**
 * Names (with `@`, `@@`, `$` and a trailing `?`/`!`), numbers, `::`, newlines and one-character
 * operators; comments, `=begin`/`=end`, strings, `%q`-style literals and heredocs are skipped.
 */
export function tokenizeRuby(text: string): BindingToken[] {
  const tokens: BindingToken[] = [];
  const heredocs: string[] = [];
  let i = 0;
  const atLineStart = (at: number) => at === 0 || text[at - 1] === '\n';
  while (i < text.length) {
    const c = text[i];
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '=' && atLineStart(i) && text.startsWith('=begin', i)) {
      const end = text.indexOf('\n=end', i);
      i = end < 0 ? text.length : end + 5;
    } else if (c === '\n') {
      tokens.push({ kind: 'op', text: '\n', start: i, end: i + 1 });
      i++;
      // Heredoc bodies start on the next line and end at their terminator line.
      for (const terminator of heredocs.splice(0)) {
        while (i < text.length) {
          const eol = text.indexOf('\n', i);
          const line = text.slice(i, eol < 0 ? text.length : eol);
          i = eol < 0 ? text.length : eol + 1;
          if (line.trim() === terminator) break;
        }
      }
    } else if (c === '\\' && text[i + 1] === '\n') {
      i += 2;
    } else if (c === '"' || c === "'" || c === '`') {
      i = skipDelimited(text, i + 1, c, c);
    } else if (c === '%' && /[qQwWiI]/.test(text[i + 1] ?? '') && /[([{<|!/]/.test(text[i + 2] ?? '')) {
      const open = text[i + 2];
      i = skipDelimited(text, i + 3, open, ({ '(': ')', '[': ']', '{': '}', '<': '>' } as Record<string, string>)[open] ?? open);
    } else if (c === '<' && text[i + 1] === '<' && /^<<[~-]?(['"]?)([A-Za-z_]\w*)\1/.test(text.slice(i, i + 80))) {
      const m = /^<<[~-]?(['"]?)([A-Za-z_]\w*)\1/.exec(text.slice(i, i + 80))!;
      heredocs.push(m[2]);
      i += m[0].length;
    } else if (/[A-Za-z_@$]/.test(c)) {
      const start = i;
      while (text[i] === '@' || text[i] === '$') i++;
      while (i < text.length && /\w/.test(text[i])) i++;
      if ((text[i] === '?' || text[i] === '!') && text[i + 1] !== '=') i++;
      if (i === start) i++;
      tokens.push({ kind: 'name', text: text.slice(start, i), start, end: i });
    } else if (/[0-9]/.test(c)) {
      const start = i;
      while (i < text.length && /\w/.test(text[i])) i++;
      tokens.push({ kind: 'number', text: text.slice(start, i), start, end: i });
    } else if (c === ':' && text[i + 1] === ':') {
      tokens.push({ kind: 'op', text: '::', start: i, end: i + 2 });
      i += 2;
    } else if (/\s/.test(c)) {
      i++;
    } else {
      tokens.push({ kind: 'op', text: c, start: i, end: i + 1 });
      i++;
    }
  }
  return tokens;
}

const FLAG_PREFIX = 'SESSION_CACHE_';

/** `OpenSSL::SSL::SSLContext::SESSION_CACHE_X`, `SSLContext::SESSION_CACHE_X` or a bare `SESSION_CACHE_X`. */
const readFlag: FlagReader = (tokens, i) => {
  // Only from the start of a constant path: reading from its middle again would make long paths quadratic.
  if (tokens[i - 1]?.text === '::' && tokens[i - 2]?.kind === 'name') return undefined;
  let last = i;
  while (tokens[last]?.kind === 'name' && tokens[last + 1]?.text === '::' && tokens[last + 2]?.kind === 'name') last += 2;
  const t = tokens[last];
  if (t?.kind !== 'name' || !t.text.startsWith(FLAG_PREFIX)) return undefined;
  return bindingFlag(tokens, i, last, 'SSL_SESS_CACHE_' + t.text.slice(FLAG_PREFIX.length));
};

/** The attribute setters that configure the cache, with the OpenSSL function each one calls. */
const SETTERS: Record<string, string> = {
  session_cache_mode: 'SSL_CTX_set_session_cache_mode',
  session_cache_size: 'SSL_CTX_sess_set_cache_size',
  timeout: 'SSL_CTX_set_timeout',
  session_id_context: 'SSL_CTX_set_session_id_context',
  session_new_cb: 'SSL_CTX_sess_set_new_cb',
  session_get_cb: 'SSL_CTX_sess_set_get_cb',
  session_remove_cb: 'SSL_CTX_sess_set_remove_cb',
  verify_mode: 'SSL_CTX_set_verify',
  options: 'SSL_CTX_set_options',
};

/** Where the assigned value ends: a newline, `;` or a modifier keyword at depth 0 (a trailing `|` continues it). */
function valueEnd(tokens: readonly BindingToken[], from: number, closers: Int32Array): number {
  let j = from;
  while (j < tokens.length) {
    const t = tokens[j];
    if (closers[j] > j) {
      j = closers[j] + 1;
      continue;
    }
    if (t.text === ';' || t.text === ')' || t.text === ']' || t.text === '}') break;
    if (t.kind === 'name' && /^(if|unless|while|until|rescue|and|or|do)$/.test(t.text)) break;
    if (t.text === '\n' && tokens[j - 1]?.text !== '|' && tokens[j - 1]?.text !== '=') break;
    j++;
  }
  return j;
}

export function analyzeRuby(text: string, options: { library: LibraryId }): BindingAnalysis {
  const tokens = tokenizeRuby(text);
  const closers = matchingClosers(tokens);
  const names = new Set(tokens.filter((t) => t.kind === 'name').map((t) => t.text));
  const setterNames: { setter: string; start: number; end: number }[] = [];
  const byReceiver = new Map<string, ContextFacts>();
  for (let i = 2; i < tokens.length - 1; i++) {
    const attr = tokens[i].text;
    if (tokens[i - 1].text !== '.' || !Object.hasOwn(SETTERS, attr)) continue;
    // `attr = value`, or `options |= value`; not `==`, `=~`.
    let eq = i + 1;
    if (attr === 'options' && tokens[eq]?.text === '|') eq++;
    if (tokens[eq]?.text !== '=' || tokens[eq + 1]?.text === '=' || tokens[eq + 1]?.text === '~') continue;
    let r = i - 2;
    if (tokens[r].kind !== 'name') continue;
    while (r >= 2 && (tokens[r - 1].text === '.' || tokens[r - 1].text === '::') && tokens[r - 2].kind === 'name') r -= 2;
    const receiver = tokens.slice(r, i - 1).map((t) => t.text).join('');
    const end = valueEnd(tokens, eq + 1, closers);
    const value = tokens.slice(eq + 1, end).filter((t) => t.text !== '\n');
    if (value.length === 0) continue;
    setterNames.push({ setter: attr, start: tokens[i].start, end: tokens[eq].end });
    const span = { start: tokens[r].start, end: value[value.length - 1].end };
    const facts = factsFor(byReceiver, receiver);
    switch (attr) {
      case 'session_cache_mode':
        facts.modes.push({ span, value });
        break;
      case 'session_cache_size':
        facts.cacheSize = { value: literalValue(value), span };
        break;
      case 'timeout':
        facts.timeout = { value: literalValue(value), span };
        break;
      case 'session_id_context':
        facts.sessionIdContext = !(value.length === 1 && value[0].text === 'nil');
        break;
      case 'session_new_cb':
      case 'session_get_cb':
      case 'session_remove_cb':
        if (!(value.length === 1 && value[0].text === 'nil')) facts.callbacks.push({ kind: attr === 'session_new_cb' ? 'new' : attr === 'session_get_cb' ? 'get' : 'remove', span });
        break;
      case 'verify_mode':
        facts.verifyPeer = value.some((t) => t.text === 'VERIFY_PEER');
        break;
      case 'options':
        if (value.some((t) => t.text === 'OP_NO_TICKET')) facts.noTicket = true;
        break;
    }
  }
  const server = names.has('SSLServer') || names.has('accept') || names.has('accept_nonblock');
  const client = names.has('connect') || names.has('connect_nonblock');
  return analyzeBinding({
    binding: 'Ruby OpenSSL',
    text,
    flags: findFlags(tokens, readFlag),
    read: readFlag,
    contexts: [...byReceiver.values()],
    role: sideOf(server, client),
    // SSLContext#flush_sessions calls SSL_CTX_flush_sessions.
    flushCalls: tokens.some((t, i) => t.text === 'flush_sessions' && tokens[i - 1]?.text === '.'),
    setSessionCalls: tokens.some((t, i) => t.text === 'session' && tokens[i - 1]?.text === '.' && tokens[i + 1]?.text === '=' && tokens[i + 2]?.text !== '='),
    spell: (short) => `OpenSSL::SSL::SSLContext::${FLAG_PREFIX}${short}`,
    messageNames: {
      new_session_cb: 'session_new_cb',
      get_session_cb: 'session_get_cb',
      SSL_CTX_set_session_cache_mode: 'session_cache_mode=',
      SSL_CTX_flush_sessions: 'flush_sessions',
      SSL_CTX_set_session_id_context: 'session_id_context=',
      SSL_set_session: 'SSLSocket#session=',
      SSL_OP_NO_TICKET: 'OP_NO_TICKET',
      SSL_VERIFY_PEER: 'VERIFY_PEER',
    },
    library: options.library,
    extraHover: (offset) => setterHover(setterNames, offset, options.library),
  });
}

/** The hover on a setter: the OpenSSL function it calls, and what the assignment returns. */
function setterHover(setters: readonly { setter: string; start: number; end: number }[], offset: number, library: LibraryId): ConfigHover | null {
  const s = setters.find((x) => offset >= x.start && offset < x.end);
  if (!s) return null;
  const fn = SETTERS[s.setter];
  const lines = [`Ruby OpenSSL \`SSLContext#${s.setter}=\` calls \`${fn}\`.`];
  // Ruby assignments evaluate to their right-hand side, whatever the setter method returns.
  if (s.setter === 'session_cache_mode') lines.push('As an assignment it returns its argument (the new mode), not the previous mode that `SSL_CTX_set_session_cache_mode` returns: read `session_cache_mode` first to keep the old value.');
  return bindingCallHover(s, lines, fn, library);
}
