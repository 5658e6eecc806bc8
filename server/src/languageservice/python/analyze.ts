import {
  BindingAnalysis,
  BindingToken,
  ContextFacts,
  FlagReader,
  bindingFlag,
  analyzeBinding,
  factsFor,
  findFlags,
  literalValue,
  matchingClosers,
  splitArguments,
} from '../bindings/binding';
import type { LibraryId } from '../knowledge/libraries';

/**
 * pyOpenSSL (`OpenSSL.SSL`): the cache configuration a Python file makes on its `Context`s.
 * pyOpenSSL has `set_session_cache_mode`, `set_session_id` (the session id context) and
 * `set_timeout`, but no session callbacks and no cache-size setter: those stay OpenSSL's defaults.
 */

/** Names, numbers and operators; comments and strings (any prefix, triple-quoted too) are skipped. */
export function tokenizePython(text: string): BindingToken[] {
  const tokens: BindingToken[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '"' || c === "'") {
      i = skipString(text, i);
    } else if (/[A-Za-z_]/.test(c)) {
      const start = i;
      while (i < text.length && /\w/.test(text[i])) i++;
      // A string prefix (b'', rb"", f'') belongs to the string.
      if (i - start <= 2 && (text[i] === '"' || text[i] === "'") && /^[rbfuRBFU]+$/.test(text.slice(start, i))) i = skipString(text, i);
      else tokens.push({ kind: 'name', text: text.slice(start, i), start, end: i });
    } else if (/[0-9]/.test(c)) {
      const start = i;
      while (i < text.length && /[\w.]/.test(text[i])) i++;
      tokens.push({ kind: 'number', text: text.slice(start, i), start, end: i });
    } else if (/\s/.test(c)) {
      i++;
    } else {
      tokens.push({ kind: 'op', text: c, start: i, end: i + 1 });
      i++;
    }
  }
  return tokens;
}

function skipString(text: string, at: number): number {
  const q = text[at];
  const close = text.startsWith(q.repeat(3), at) ? q.repeat(3) : q;
  let i = at + close.length;
  while (i < text.length) {
    if (text[i] === '\\') i += 2;
    else if (text.startsWith(close, i)) return i + close.length;
    else if (close.length === 1 && text[i] === '\n') return i;
    else i++;
  }
  return i;
}

/** `SSL.SESS_CACHE_X`, or a bare `SESS_CACHE_X` imported from OpenSSL.SSL. */
const readFlag: FlagReader = (tokens, i) => {
  const first = i;
  if (tokens[i]?.kind === 'name' && tokens[i + 1]?.text === '.' && tokens[i + 2]?.text.startsWith('SESS_CACHE_')) i += 2;
  const t = tokens[i];
  if (t?.kind !== 'name' || !t.text.startsWith('SESS_CACHE_')) return undefined;
  return bindingFlag(tokens, first, i, 'SSL_' + t.text);
};

const METHODS = new Set(['set_session_cache_mode', 'set_timeout', 'set_session_id', 'set_options', 'set_verify']);

export function analyzePython(text: string, options: { library: LibraryId }): BindingAnalysis {
  const tokens = tokenizePython(text);
  const closers = matchingClosers(tokens);
  const names = new Set(tokens.filter((t) => t.kind === 'name').map((t) => t.text));
  const byReceiver = new Map<string, ContextFacts>();
  for (let i = 2; i < tokens.length - 1; i++) {
    // receiver.method( ... ): the receiver is the dotted name before the method.
    if (tokens[i - 1].text !== '.' || tokens[i + 1].text !== '(' || !METHODS.has(tokens[i].text)) continue;
    const close = closers[i + 1];
    if (close < 0) continue;
    let r = i - 2;
    if (tokens[r].kind !== 'name') continue;
    while (r >= 2 && tokens[r - 1].text === '.' && tokens[r - 2].kind === 'name') r -= 2;
    const receiver = tokens.slice(r, i - 1).map((t) => t.text).join('');
    const span = { start: tokens[r].start, end: tokens[close].end };
    const args = splitArguments(tokens, i + 2, close, closers);
    switch (tokens[i].text) {
      case 'set_session_cache_mode':
        if (args.length === 1) factsFor(byReceiver, receiver).modes.push({ span, value: args[0] });
        break;
      case 'set_timeout':
        factsFor(byReceiver, receiver).timeout = { value: literalValue(args[0]), span };
        break;
      case 'set_session_id':
        factsFor(byReceiver, receiver).sessionIdContext = true;
        break;
      case 'set_options':
        if (args.flat().some((t) => t.text === 'OP_NO_TICKET')) factsFor(byReceiver, receiver).noTicket = true;
        break;
      case 'set_verify':
        if (args[0]?.some((t) => t.text === 'VERIFY_PEER')) factsFor(byReceiver, receiver).verifyPeer = true;
        break;
    }
  }
  return analyzeBinding({
    binding: 'pyOpenSSL',
    text,
    flags: findFlags(tokens, readFlag),
    read: readFlag,
    contexts: [...byReceiver.values()],
    // pyOpenSSL picks the side per connection; the method or the state calls say which when present.
    role:
      names.has('set_accept_state') || names.has('TLS_SERVER_METHOD') ? 'server' : names.has('set_connect_state') || names.has('TLS_CLIENT_METHOD') ? 'client' : undefined,
    setSessionCalls: names.has('set_session'),
    spell: (short) => `SSL.SESS_CACHE_${short}`,
    // pyOpenSSL has no session callbacks and no flush: those keep OpenSSL's names.
    messageNames: {
      SSL_CTX_set_session_cache_mode: 'Context.set_session_cache_mode',
      SSL_CTX_set_session_id_context: 'Context.set_session_id',
      SSL_set_session: 'Connection.set_session',
      SSL_OP_NO_TICKET: 'SSL.OP_NO_TICKET',
      SSL_VERIFY_PEER: 'SSL.VERIFY_PEER',
    },
    library: options.library,
  });
}
