import type { NameResolution, NameUse } from '../mode/expression';
import { evaluateTokens } from '../mode/expression';
import { CDocument, modeArgument } from './analysis';
import { CallSite, callAt } from './calls';
import { deadRanges, isInRanges } from './conditionals';
import { Token, TokenKind } from './scanner';

/**
 * Extraction: every session cache configuration a C/C++ file makes, grouped by the SSL_CTX
 * expression it is made on, with the context the rules need. Values that cannot be known
 * are marked unknown, so that rules stay quiet instead of guessing.
 */

export type Role = 'server' | 'client' | 'unknown';

export interface Span {
  start: number;
  end: number;
}

export interface ModeSetting {
  call: CallSite;
  /** The call's range and the mode argument's range (offsets). */
  callSpan: Span;
  argument: Span;
  /** Token range of the argument. */
  from: number;
  to: number;
  /** The values the mode may have here; empty when unknown. */
  values: number[];
  unknownReason?: string;
  /** Flag names the value was written with, macro bodies included (offsets of each name). */
  flagUses: NameUse[];
  /** The argument is a plain number literal. */
  numeric: boolean;
  /** The expression only combines names with `|` (and parentheses, casts): redundancy is meaningful. */
  pureOr: boolean;
}

export interface CallbackRegistration {
  kind: 'new' | 'get' | 'remove';
  /** The function name registered, or undefined when it is not a plain identifier. */
  functionName?: string;
  /** Where it is registered in this file; absent when it is registered in another file of the workspace. */
  call?: CallSite;
  span?: Span;
}

/** What other files of the workspace do to the same global SSL_CTX. */
export interface ElsewhereFacts {
  files: string[];
  /** Values of the mode calls made there; `modeUnknown` when one of them cannot be known. */
  modeValues: number[];
  modeCalls: number;
  modeUnknown: boolean;
}

export interface CtxConfig {
  /** The SSL_CTX expression as written, normalised (`ctx`, `ctx_.get()`, `s->ctx`). */
  key: string;
  role: Role;
  modes: ModeSetting[];
  callbacks: CallbackRegistration[];
  sessionIdContext: boolean;
  /** `serverOnly`: the verify mode has flags that only servers use (FAIL_IF_NO_PEER_CERT, CLIENT_ONCE, POST_HANDSHAKE). */
  verifyPeer?: { call: CallSite; span: Span; serverOnly: boolean };
  noTicket: boolean;
  numTicketsZero: boolean;
  earlyData: boolean;
  noAntiReplay: boolean;
  cacheSize?: { value?: number; span: Span };
  timeout?: { value?: number; span: Span };
  /** SSL_CTX_set_min_proto_version / max: TLS1_2_VERSION = 0x0303, TLS1_3_VERSION = 0x0304 (0 = no limit). */
  minProtocol?: number;
  maxProtocol?: number;
  /** Token index of the first call on this ctx (where inserted code goes when nothing better exists). */
  firstCall: CallSite;
  /** Declared at file scope (`SSL_CTX *g_ctx;`, `extern SSL_CTX *g_ctx;`): other files may configure it too. */
  global: boolean;
  elsewhere?: ElsewhereFacts;
}

export interface FileConfig {
  contexts: CtxConfig[];
  /** Calls anywhere in the file (any ctx) that matter for file-wide context. */
  flushCalls: boolean;
  setSessionCalls: boolean;
  addSessionCalls: boolean;
  sessionsEnumerated: boolean;
  anySessionIdContext: boolean;
  dead: Span[];
  /** Every live call site, in order. */
  calls: CallSite[];
}

const MAX_POSSIBILITIES = 32;
const CLIENT_SIDE_CALLS = new Set(['SSL_connect', 'SSL_set_connect_state', 'SSL_set_tlsext_host_name', 'SSL_set1_host']);
const SERVER_SIDE_CALLS = new Set(['SSL_accept', 'SSL_set_accept_state']);
const SESSCACHE_CALLS = new Set([
  'SSL_CTX_set_session_cache_mode',
  'SSL_CTX_ctrl',
  'SSL_CTX_sess_set_new_cb',
  'SSL_CTX_sess_set_get_cb',
  'SSL_CTX_sess_set_remove_cb',
  'SSL_CTX_set_session_id_context',
  'SSL_CTX_set_verify',
  'SSL_CTX_set_options',
  'SSL_CTX_set_num_tickets',
  'SSL_CTX_set_max_early_data',
  'SSL_CTX_sess_set_cache_size',
  'SSL_CTX_set_timeout',
  'SSL_CTX_set_min_proto_version',
  'SSL_CTX_set_max_proto_version',
]);

/** Protocol version constants as ssl.h defines them. */
const PROTOCOL_VERSIONS: Record<string, number> = {
  SSL3_VERSION: 0x0300,
  TLS1_VERSION: 0x0301,
  TLS1_1_VERSION: 0x0302,
  TLS1_2_VERSION: 0x0303,
  TLS1_3_VERSION: 0x0304,
  DTLS1_VERSION: 0xfeff,
  DTLS1_2_VERSION: 0xfefd,
};

function spanOfTokens(tokens: readonly Token[], from: number, to: number): Span {
  return { start: tokens[from].start, end: tokens[Math.max(from, to - 1)].end };
}

export function argumentText(tokens: readonly Token[], arg: { from: number; to: number } | undefined): string {
  if (!arg) return '';
  let text = '';
  for (let i = arg.from; i < arg.to; i++) text += tokens[i].text;
  return text;
}

/** Index of the ')' that closes the '(' at index 0 of text. */
function matchingParen(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

/** `&ctx`, `this->ctx_`, `ctx_.get()` all name the same context. */
export function normaliseCtxKey(text: string): string {
  let key = text;
  // Parentheses around the whole expression: `(ctx)`.
  while (key.startsWith('(') && key.endsWith(')') && matchingParen(key) === key.length - 1) key = key.slice(1, -1);
  return key
    .replace(/^[&*]+/, '')
    .replace(/^this->/, '')
    .replace(/(?:\.get\(\)|\.native_handle\(\))$/, '')
    .replace(/^::/, '');
}

function argValue(tokens: readonly Token[], arg: { from: number; to: number } | undefined, resolve: CDocument['resolveName']): number | undefined {
  if (!arg || arg.from >= arg.to) return undefined;
  const r = evaluateTokens(tokens, arg.from, arg.to, { resolveName: resolve });
  return r.ok ? r.value : undefined;
}

function mentions(tokens: readonly Token[], arg: { from: number; to: number } | undefined, name: string): boolean {
  if (!arg) return false;
  for (let i = arg.from; i < arg.to; i++) if (tokens[i].text === name) return true;
  return false;
}

/** Every function-call site outside dead code, in order. */
function liveCalls(doc: CDocument, dead: Span[]): CallSite[] {
  const { tokens } = doc.scanned;
  const calls: CallSite[] = [];
  for (let i = 0; i < tokens.length - 1; i++) {
    const t = tokens[i];
    if (t.kind !== TokenKind.Identifier || tokens[i + 1].text !== '(' || t.directive >= 0) continue;
    if (dead.length > 0 && isInRanges(dead, t.start)) continue;
    const call = callAt(tokens, i);
    if (call) calls.push(call);
  }
  return calls;
}

/** Brace depth before each token (preprocessor lines ignored). */
export function braceDepths(tokens: readonly Token[]): Int32Array {
  const depths = new Int32Array(tokens.length);
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    depths[i] = depth;
    const t = tokens[i];
    if (t.directive >= 0 || t.kind !== TokenKind.Punct) continue;
    if (t.text === '{') depth++;
    else if (t.text === '}') depth = Math.max(0, depth - 1);
  }
  return depths;
}

/** The token index of the `{` that opens the function body around `at`, or -1. */
export function functionBodyStart(tokens: readonly Token[], depths: Int32Array, at: number): number {
  let best = -1;
  let wanted = depths[at] - 1;
  for (let i = at - 1; i >= 0 && wanted >= 0; i--) {
    if (tokens[i].text === '{' && tokens[i].directive < 0 && depths[i] === wanted) {
      let p = i - 1;
      while (p >= 0 && (tokens[p].directive >= 0 || ['const', 'noexcept', 'override', 'final'].includes(tokens[p].text))) p--;
      if (p >= 0 && tokens[p].text === ')') best = i;
      wanted--;
    }
  }
  return best;
}

/** The matching close of the bracket at `open`, or tokens.length. */
export function matchingClose(tokens: readonly Token[], open: number): number {
  const opener = tokens[open].text;
  const closer = opener === '(' ? ')' : opener === '{' ? '}' : ']';
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i].directive >= 0) continue;
    if (tokens[i].text === opener) depth++;
    else if (tokens[i].text === closer && --depth === 0) return i;
  }
  return tokens.length;
}

/** Is the statement starting at token `start` guarded by an `if`/`else`/loop without braces? */
function isGuardedStatement(tokens: readonly Token[], start: number): boolean {
  let p = start - 1;
  while (p >= 0 && tokens[p].directive >= 0) p--;
  if (p < 0) return false;
  if (tokens[p].text === 'else') return true;
  if (tokens[p].text !== ')') return false;
  let depth = 0;
  for (let i = p; i >= 0; i--) {
    if (tokens[i].text === ')') depth++;
    else if (tokens[i].text === '(' && --depth === 0) return ['if', 'while', 'for', 'switch'].includes(tokens[i - 1]?.text ?? '');
  }
  return false;
}

/** How many conditional expressions deep the possible values are followed (`a ? X : b ? Y : ...`). */
const MAX_CONDITIONAL_NESTING = 64;

/** The values an expression may take: both arms of a top-level ternary, recursively. */
function possibilities(
  tokens: readonly Token[],
  from: number,
  to: number,
  options: { resolveName: CDocument['resolveName']; resolveCall: (name: string, f: number, t: number) => NameResolution },
  nesting = 0,
): { values: number[]; names: NameUse[] } | { error: string } {
  let depth = 0;
  for (let i = from; i < to; i++) {
    const text = tokens[i].kind === TokenKind.Punct ? tokens[i].text : '';
    if (text === '(' || text === '[') depth++;
    else if (text === ')' || text === ']') depth--;
    else if (text === '?' && depth === 0) {
      // cond ? a : b  — find the matching ':'
      let nested = 0;
      let d = 0;
      for (let j = i + 1; j < to; j++) {
        const tj = tokens[j].kind === TokenKind.Punct ? tokens[j].text : '';
        if (tj === '(' || tj === '[') d++;
        else if (tj === ')' || tj === ']') d--;
        else if (d === 0 && tj === '?') nested++;
        else if (d === 0 && tj === ':') {
          if (nested > 0) {
            nested--;
            continue;
          }
          if (nesting >= MAX_CONDITIONAL_NESTING) return { error: `conditional expressions nested more than ${MAX_CONDITIONAL_NESTING} deep` };
          const a = possibilities(tokens, i + 1, j, options, nesting + 1);
          const b = possibilities(tokens, j + 1, to, options, nesting + 1);
          if ('error' in a) return a;
          if ('error' in b) return b;
          return { values: [...new Set([...a.values, ...b.values])], names: [...a.names, ...b.names] };
        }
      }
      return { error: 'an incomplete conditional expression' };
    }
  }
  const r = evaluateTokens(tokens, from, to, options);
  return r.ok ? { values: [r.value], names: r.names } : { error: r.error.message };
}

export function extractConfig(doc: CDocument): FileConfig {
  const { tokens } = doc.scanned;
  const dead = deadRanges(doc.scanned, doc.text.length);
  const calls = liveCalls(doc, dead);
  const depths = braceDepths(tokens);
  const contexts = new Map<string, CtxConfig>();
  const roles = new Map<string, Role>();
  const globals = fileScopeContexts(tokens, depths);
  const file: FileConfig = {
    contexts: [],
    flushCalls: false,
    setSessionCalls: false,
    addSessionCalls: false,
    sessionsEnumerated: false,
    anySessionIdContext: false,
    dead,
    calls,
  };

  // Roles from `X = SSL_CTX_new(..._server_method())` and C++ member initialisers `x_(SSL_CTX_new(...))`.
  for (const call of calls) {
    if (call.name !== 'SSL_CTX_new' && call.name !== 'SSL_CTX_new_ex') continue;
    const method = argumentText(tokens, call.args[call.name === 'SSL_CTX_new' ? 0 : 2]);
    const role: Role = /server/i.test(method) ? 'server' : /client/i.test(method) ? 'client' : 'unknown';
    const before = tokens[call.callee - 1];
    let target: string | undefined;
    if (before?.text === '=') {
      // Walk back over the assigned expression: `ctx`, `s->ctx`, `this->ctx_`, `SSL_CTX *ctx`.
      let p = call.callee - 2;
      let text = '';
      while (p >= 0 && (tokens[p].kind === TokenKind.Identifier || ['->', '.', '::'].includes(tokens[p].text))) {
        if (tokens[p].kind === TokenKind.Identifier && tokens[p + 1]?.kind === TokenKind.Identifier) break;
        text = tokens[p].text + text;
        p--;
      }
      target = text;
    } else if (before?.text === '(' && tokens[call.callee - 2]?.kind === TokenKind.Identifier) {
      target = tokens[call.callee - 2].text; // ctx_(SSL_CTX_new(...)) or unique_ptr ctx(SSL_CTX_new(...))
    } else if (before?.text === '{' && tokens[call.callee - 2]?.kind === TokenKind.Identifier) {
      target = tokens[call.callee - 2].text;
    }
    if (target) roles.set(normaliseCtxKey(target), role);
  }

  // Roles from use: `ssl = SSL_new(ctx)` then `SSL_connect(ssl)` makes ctx a client, `SSL_accept(ssl)` a server.
  const sslToCtx = new Map<string, string>();
  for (const call of calls) {
    if (call.name === 'SSL_new' && tokens[call.callee - 1]?.text === '=' && tokens[call.callee - 2]?.kind === TokenKind.Identifier) {
      sslToCtx.set(tokens[call.callee - 2].text, normaliseCtxKey(argumentText(tokens, call.args[0])));
    }
  }
  for (const call of calls) {
    const side = CLIENT_SIDE_CALLS.has(call.name) ? 'client' : SERVER_SIDE_CALLS.has(call.name) ? 'server' : undefined;
    if (!side) continue;
    const key = sslToCtx.get(argumentText(tokens, call.args[0]));
    if (key && (roles.get(key) ?? 'unknown') === 'unknown') roles.set(key, side);
  }

  const contextFor = (call: CallSite): CtxConfig | undefined => {
    const arg = call.args[0];
    if (!arg || arg.from >= arg.to) return undefined;
    const key = normaliseCtxKey(argumentText(tokens, arg));
    let ctx = contexts.get(key);
    if (!ctx) {
      ctx = {
        key,
        role: roles.get(key) ?? 'unknown',
        modes: [],
        callbacks: [],
        sessionIdContext: false,
        noTicket: false,
        numTicketsZero: false,
        earlyData: false,
        noAntiReplay: false,
        firstCall: call,
        global: globals.has(key),
      };
      contexts.set(key, ctx);
    }
    return ctx;
  };

  for (const call of calls) {
    switch (call.name) {
      case 'SSL_CTX_flush_sessions':
      case 'SSL_CTX_flush_sessions_ex':
        file.flushCalls = true;
        continue;
      case 'SSL_set_session':
        file.setSessionCalls = true;
        continue;
      case 'SSL_CTX_add_session':
        file.addSessionCalls = true;
        continue;
      case 'SSL_CTX_sessions':
        file.sessionsEnumerated = true;
        continue;
      case 'SSL_set_session_id_context':
        file.anySessionIdContext = true;
        continue;
      case 'SSL_set_options':
        if (mentions(tokens, call.args[1], 'SSL_OP_NO_TICKET')) {
          for (const ctx of contexts.values()) ctx.noTicket = true;
        }
        continue;
    }
    if (!SESSCACHE_CALLS.has(call.name)) continue;
    const modeArg = modeArgument(tokens, call);
    if (call.name === 'SSL_CTX_ctrl' && !modeArg) continue;
    const ctx = contextFor(call);
    if (!ctx) continue;
    const span = spanOfTokens(tokens, call.callee, Math.min(call.close + 1, tokens.length));
    switch (call.name) {
      case 'SSL_CTX_set_session_cache_mode':
      case 'SSL_CTX_ctrl':
        if (modeArg && modeArg.from < modeArg.to) ctx.modes.push(evaluateModeSetting(doc, call, modeArg, span, ctx, depths));
        break;
      case 'SSL_CTX_sess_set_new_cb':
      case 'SSL_CTX_sess_set_get_cb':
      case 'SSL_CTX_sess_set_remove_cb': {
        const fn = call.args[1];
        const text = argumentText(tokens, fn);
        if (!fn || text === 'NULL' || text === 'nullptr' || text === '0') break;
        const kind = call.name === 'SSL_CTX_sess_set_new_cb' ? 'new' : call.name === 'SSL_CTX_sess_set_get_cb' ? 'get' : 'remove';
        const plain = text.replace(/^&/, '').replace(/^.*::/, '');
        ctx.callbacks.push({ kind, functionName: /^[A-Za-z_]\w*$/.test(plain) ? plain : undefined, call, span });
        break;
      }
      case 'SSL_CTX_set_session_id_context':
        ctx.sessionIdContext = true;
        break;
      case 'SSL_CTX_set_verify':
        if (mentions(tokens, call.args[1], 'SSL_VERIFY_PEER') || mentions(tokens, call.args[1], 'SSL_VERIFY_FAIL_IF_NO_PEER_CERT')) {
          const serverOnly = ['SSL_VERIFY_FAIL_IF_NO_PEER_CERT', 'SSL_VERIFY_CLIENT_ONCE', 'SSL_VERIFY_POST_HANDSHAKE'].some((f) => mentions(tokens, call.args[1], f));
          ctx.verifyPeer = { call, span, serverOnly };
        }
        break;
      case 'SSL_CTX_set_options':
        if (mentions(tokens, call.args[1], 'SSL_OP_NO_TICKET')) ctx.noTicket = true;
        if (mentions(tokens, call.args[1], 'SSL_OP_NO_ANTI_REPLAY')) ctx.noAntiReplay = true;
        break;
      case 'SSL_CTX_set_num_tickets':
        if (argValue(tokens, call.args[1], doc.resolveName) === 0) ctx.numTicketsZero = true;
        break;
      case 'SSL_CTX_set_max_early_data': {
        const v = argValue(tokens, call.args[1], doc.resolveName);
        if (v === undefined || v > 0) ctx.earlyData = true;
        break;
      }
      case 'SSL_CTX_set_timeout': {
        const arg = call.args[1];
        if (arg && arg.from < arg.to) ctx.timeout = { value: argValue(tokens, arg, doc.resolveName), span: spanOfTokens(tokens, arg.from, arg.to) };
        break;
      }
      case 'SSL_CTX_set_min_proto_version':
      case 'SSL_CTX_set_max_proto_version': {
        const text = argumentText(tokens, call.args[1]);
        const version = PROTOCOL_VERSIONS[text] ?? argValue(tokens, call.args[1], doc.resolveName);
        if (version !== undefined) {
          if (call.name === 'SSL_CTX_set_min_proto_version') ctx.minProtocol = version;
          else ctx.maxProtocol = version;
        }
        break;
      }
      case 'SSL_CTX_sess_set_cache_size': {
        const arg = call.args[1];
        if (arg && arg.from < arg.to) {
          const r = evaluateTokens(tokens, arg.from, arg.to, { resolveName: doc.resolveName });
          // Sizes are signed: the mode evaluator works modulo 2^32.
          const value = r.ok ? (r.value > 0x7fffffff ? r.value - 0x100000000 : r.value) : undefined;
          ctx.cacheSize = { value, span: spanOfTokens(tokens, arg.from, arg.to) };
        }
        break;
      }
    }
  }
  file.contexts = [...contexts.values()];
  return file;

  function evaluateModeSetting(
    d: CDocument,
    call: CallSite,
    arg: { from: number; to: number },
    callSpan: Span,
    ctx: CtxConfig,
    depthsOf: Int32Array,
  ): ModeSetting {
    const argument = spanOfTokens(tokens, arg.from, arg.to);
    const numeric = arg.to - arg.from === 1 && tokens[arg.from].kind === TokenKind.Number;
    let pureOr = true;
    for (let i = arg.from; i < arg.to; i++) {
      const t = tokens[i];
      if (t.kind === TokenKind.Punct && !['|', '(', ')', '<', '>', '::'].includes(t.text)) pureOr = false;
    }
    const setting: ModeSetting = { call, callSpan, argument, from: arg.from, to: arg.to, values: [], flagUses: [], numeric, pureOr };

    const resolveCall = (name: string, argsFrom: number, argsTo: number): NameResolution => {
      if (name !== 'SSL_CTX_get_session_cache_mode') return undefined;
      const key = normaliseCtxKey(argumentText(tokens, { from: argsFrom, to: argsTo }));
      const target = contexts.get(key) ?? (key === ctx.key ? ctx : undefined);
      const previous = target?.modes.filter((m) => m.call.callee < call.callee).pop();
      if (!previous) return { value: 0x0002 }; // the library default, SSL_SESS_CACHE_SERVER
      if (previous.values.length === 1) return { value: previous.values[0], names: previous.flagUses };
      return { error: 'the previous mode is not known here' };
    };

    // A local variable: follow its assignments in the enclosing function.
    if (arg.to - arg.from === 1 && tokens[arg.from].kind === TokenKind.Identifier && !d.macros.has(tokens[arg.from].text) && !tokens[arg.from].text.startsWith('SSL_')) {
      const name = tokens[arg.from].text;
      const body = functionBodyStart(tokens, depthsOf, call.callee);
      if (body < 0) {
        setting.unknownReason = `"${name}" is not known here`;
        return setting;
      }
      let values: number[] | undefined;
      const names: NameUse[] = [];
      for (let i = body + 1; i < call.callee; i++) {
        const t = tokens[i];
        if (t.text !== name || t.kind !== TokenKind.Identifier) continue;
        const op = tokens[i + 1]?.text;
        if (!['=', '|=', '&=', '^='].includes(op ?? '')) {
          // Passed by address or to a function: stop guessing.
          if (tokens[i - 1]?.text === '&' && tokens[i - 2]?.kind === TokenKind.Punct && [',', '('].includes(tokens[i - 2].text)) {
            setting.unknownReason = `"${name}" is changed through a pointer`;
            return setting;
          }
          continue;
        }
        if (['.', '->'].includes(tokens[i - 1]?.text ?? '')) continue;
        // The assigned expression runs to the ';' at this depth.
        let end = i + 2;
        let depth = 0;
        for (; end < call.callee; end++) {
          const x = tokens[end].text;
          if (x === '(' || x === '[') depth++;
          else if (x === ')' || x === ']') depth--;
          else if ((x === ';' || x === ',') && depth === 0) break;
        }
        const r = possibilities(tokens, i + 2, end, { resolveName: d.resolveName, resolveCall });
        if ('error' in r) {
          setting.unknownReason = `"${name}" is assigned a value not known here (${r.error})`;
          return setting;
        }
        names.push(...r.names);
        let statementStart = i;
        if (tokens[i - 1]?.kind === TokenKind.Identifier) {
          // `long mode = ...` declares; back up over the type.
          while (statementStart > 0 && tokens[statementStart - 1].kind === TokenKind.Identifier) statementStart--;
        }
        const conditional = depthsOf[i] > depthsOf[call.callee] || isGuardedStatement(tokens, statementStart);
        const apply = (old: number, e: number): number =>
          op === '=' ? e : op === '|=' ? (old | e) >>> 0 : op === '&=' ? (old & e) >>> 0 : (old ^ e) >>> 0;
        let next: number[];
        if (values === undefined) {
          if (op !== '=') {
            setting.unknownReason = `"${name}" has no known initial value`;
            return setting;
          }
          next = r.values;
        } else {
          next = values.flatMap((old) => r.values.map((e) => apply(old, e)));
        }
        values = conditional && values !== undefined ? [...new Set([...values, ...next])] : [...new Set(next)];
        if (values.length > MAX_POSSIBILITIES) {
          setting.unknownReason = `"${name}" may take too many values`;
          return setting;
        }
        i = end;
      }
      if (values === undefined) {
        setting.unknownReason = `"${name}" is not assigned in this function`;
        return setting;
      }
      setting.values = values;
      setting.flagUses = names;
      return setting;
    }

    const r = possibilities(tokens, arg.from, arg.to, { resolveName: d.resolveName, resolveCall });
    if ('error' in r) {
      setting.unknownReason = r.error;
      // Names written before the failure still matter to name-level rules.
      const partial = evaluateTokens(tokens, arg.from, arg.to, { resolveName: d.resolveName, resolveCall });
      setting.flagUses = partial.names;
      return setting;
    }
    setting.values = r.values;
    setting.flagUses = r.names;
    return setting;
  }
}

/** Names declared at file scope as `SSL_CTX *name` (with `extern` or not; not `static`, which no other file sees). */
function fileScopeContexts(tokens: readonly Token[], depths: Int32Array): Set<string> {
  const names = new Set<string>();
  let parens = 0;
  for (let i = 0; i < tokens.length - 2; i++) {
    const t = tokens[i];
    if (t.directive >= 0) continue;
    if (t.text === '(') parens++;
    else if (t.text === ')') parens = Math.max(0, parens - 1);
    if (t.text !== 'SSL_CTX' || depths[i] !== 0 || parens !== 0) continue;
    if (tokens[i + 1].text !== '*' || tokens[i + 2].kind !== TokenKind.Identifier) continue;
    if (![';', '=', ','].includes(tokens[i + 3]?.text ?? '')) continue;
    let p = i - 1;
    let isStatic = false;
    while (p >= 0 && tokens[p].kind === TokenKind.Identifier && tokens[p].directive < 0) {
      if (tokens[p].text === 'static') isStatic = true;
      p--;
    }
    if (!isStatic) names.add(tokens[i + 2].text);
  }
  return names;
}

/** The facts about global contexts that one file contributes to the workspace. */
export interface SharedContext {
  key: string;
  file: string;
  role: Role;
  callbacks: { kind: 'new' | 'get' | 'remove'; functionName?: string }[];
  sessionIdContext: boolean;
  verifyPeer: boolean;
  noTicket: boolean;
  numTicketsZero: boolean;
  earlyData: boolean;
  noAntiReplay: boolean;
  modeValues: number[];
  modeCalls: number;
  modeUnknown: boolean;
  flushCalls: boolean;
  addSessionCalls: boolean;
  anySessionIdContext: boolean;
}

export function sharedContexts(file: FileConfig, fileName: string): SharedContext[] {
  return file.contexts
    .filter((c) => c.global)
    .map((c) => ({
      key: c.key,
      file: fileName,
      role: c.role,
      callbacks: c.callbacks.map(({ kind, functionName }) => ({ kind, functionName })),
      sessionIdContext: c.sessionIdContext,
      verifyPeer: !!c.verifyPeer,
      noTicket: c.noTicket,
      numTicketsZero: c.numTicketsZero,
      earlyData: c.earlyData,
      noAntiReplay: c.noAntiReplay,
      modeValues: [...new Set(c.modes.flatMap((m) => m.values))],
      modeCalls: c.modes.length,
      modeUnknown: c.modes.some((m) => m.values.length === 0),
      flushCalls: file.flushCalls,
      addSessionCalls: file.addSessionCalls,
      anySessionIdContext: file.anySessionIdContext,
    }));
}

/**
 * Adds what other files do to the same global contexts: their callbacks, session id context,
 * options, flushes and modes. Only contexts declared at file scope here are merged.
 */
export function mergeWorkspaceContexts(file: FileConfig, others: readonly SharedContext[]): void {
  for (const ctx of file.contexts) {
    if (!ctx.global) continue;
    const same = others.filter((o) => o.key === ctx.key);
    if (same.length === 0) continue;
    for (const o of same) {
      for (const cb of o.callbacks) if (!ctx.callbacks.some((c) => c.kind === cb.kind)) ctx.callbacks.push({ ...cb });
      ctx.sessionIdContext ||= o.sessionIdContext || o.anySessionIdContext;
      ctx.noTicket ||= o.noTicket;
      ctx.numTicketsZero ||= o.numTicketsZero;
      ctx.earlyData ||= o.earlyData;
      ctx.noAntiReplay ||= o.noAntiReplay;
      if (ctx.role === 'unknown') ctx.role = o.role;
      file.flushCalls ||= o.flushCalls;
      file.addSessionCalls ||= o.addSessionCalls;
    }
    ctx.elsewhere = {
      files: [...new Set(same.map((o) => o.file))],
      modeValues: [...new Set(same.flatMap((o) => o.modeValues))],
      modeCalls: same.reduce((n, o) => n + o.modeCalls, 0),
      modeUnknown: same.some((o) => o.modeUnknown),
    };
  }
}

/** Every value the context's mode may have, here or in other files; `unknown` when one cannot be known. */
export function allModeValues(ctx: CtxConfig): { values: number[]; unknown: boolean; defaulted: boolean } {
  const calls = ctx.modes.length + (ctx.elsewhere?.modeCalls ?? 0);
  if (calls === 0) return { values: [0x0002], unknown: false, defaulted: true };
  const values = [...new Set([...ctx.modes.flatMap((m) => m.values), ...(ctx.elsewhere?.modeValues ?? [])])];
  const unknown = ctx.modes.some((m) => m.values.length === 0) || !!ctx.elsewhere?.modeUnknown;
  return { values, unknown, defaulted: false };
}

/** Flag uses with macro expansions flattened: every SSL_SESS_CACHE_* name with its own offsets. */
export function flattenFlagUses(uses: readonly NameUse[]): NameUse[] {
  const out: NameUse[] = [];
  const walk = (list: readonly NameUse[]): void => {
    for (const u of list) {
      if (u.isFlag) out.push(u);
      if (u.expansion) walk(u.expansion);
    }
  };
  walk(uses);
  // The same written name may arrive twice (a macro used twice): keep one per offset.
  const seen = new Set<number>();
  return out.filter((u) => (seen.has(u.start) ? false : (seen.add(u.start), true)));
}
