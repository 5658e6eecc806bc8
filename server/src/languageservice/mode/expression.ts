import { scan, Token, TokenKind } from '../c/scanner';
import { FLAGS, FLAG_PREFIX, findFlag, findFlagByAnyName } from '../knowledge/flags';
import { closestName } from '../util/closest';

/**
 * Evaluates a C integer constant expression of the kind passed as a session cache mode:
 * flag names, numbers, `| & ^ ~ + - * / % << >>`, parentheses and casts. Values are
 * computed as the library stores them: an unsigned 32-bit mode.
 */

export interface ExpressionError {
  message: string;
  /** Offsets into the text the tokens came from. */
  start: number;
  end: number;
  /** A replacement the user probably meant, for unknown names. */
  suggestion?: string;
}

export interface NameUse {
  name: string;
  start: number;
  end: number;
  value: number;
  /** True for SSL_SESS_CACHE_* names (or short names where allowed); false for macros and calls. */
  isFlag: boolean;
  /** For a macro: the names its body used, with their offsets in the body. */
  expansion?: NameUse[];
}

export type Evaluation =
  | { ok: true; value: number; names: NameUse[] }
  | { ok: false; error: ExpressionError; names: NameUse[] };

/** What an identifier that is not a flag stands for: a number (with the names it was built from), or not a constant. */
export type NameResolution = { value: number; names?: NameUse[] } | { error: string } | undefined;

export interface EvaluateOptions {
  /** Accept `SERVER` for `SSL_SESS_CACHE_SERVER` (CLI and scenario files, not C). */
  allowShortNames?: boolean;
  /** Resolves other identifiers, e.g. object-like macros defined in the same file. */
  resolveName?: (name: string) => NameResolution;
  /** Resolves a call such as `SSL_CTX_get_session_cache_mode(ctx)`; args are token indices [from, to). */
  resolveCall?: (name: string, argsFrom: number, argsTo: number) => NameResolution;
}

const MAX_VALUE = 0xffffffff;

const TYPE_WORDS = new Set([
  'long', 'int', 'unsigned', 'signed', 'short', 'char', 'const', 'volatile',
  'uint8_t', 'uint16_t', 'uint32_t', 'uint64_t', 'int8_t', 'int16_t', 'int32_t', 'int64_t',
  'size_t', 'ssize_t', 'intptr_t', 'uintptr_t', 'uint', 'ulong', 'DWORD', 'LONG',
]);
const CXX_CASTS = new Set(['static_cast', 'reinterpret_cast', 'const_cast']);

const BINARY_PRECEDENCE: Record<string, number> = {
  '|': 1,
  '^': 2,
  '&': 3,
  '<<': 4,
  '>>': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '%': 6,
};

/**
 * Deeper nesting (parentheses, unary operators, macros whose bodies use macros) is refused, not
 * followed until the stack overflows. Counted across the evaluations of macro bodies, which run
 * inside the evaluation that uses them.
 */
export const MAX_NESTING = 256;
let nesting = 0;

class EvaluationError extends Error {
  constructor(readonly detail: ExpressionError) {
    super(detail.message);
  }
}

/** Parses a C integer literal (decimal, 0x hex, 0b binary, 0 octal; u/l suffixes; ' separators). */
export function parseIntegerLiteral(text: string): number | undefined {
  const cleaned = text.replace(/'/g, '');
  const m = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)(?:[uU](?:ll|LL|l|L)?|(?:ll|LL|l|L)[uU]?)?$/.exec(cleaned);
  if (!m) return undefined;
  const digits = m[1];
  let value: number;
  if (/^0[xX]/.test(digits)) value = parseInt(digits.slice(2), 16);
  else if (/^0[bB]/.test(digits)) value = parseInt(digits.slice(2), 2);
  else if (digits.length > 1 && digits[0] === '0') value = parseInt(digits.slice(1), 8);
  else value = parseInt(digits, 10);
  return value;
}

/** Evaluates tokens [from, to) of a scan. */
export function evaluateTokens(
  tokens: readonly Token[],
  from: number,
  to: number,
  options: EvaluateOptions = {},
): Evaluation {
  const names: NameUse[] = [];
  let pos = from;
  const resolving = new Set<string>();

  const peek = (): Token | undefined => (pos < to ? tokens[pos] : undefined);
  const fail = (message: string, token?: Token, suggestion?: string): never => {
    const t = token ?? tokens[Math.min(pos, to - 1)] ?? tokens[from];
    const start = t ? t.start : 0;
    const end = t ? t.end : 0;
    throw new EvaluationError({ message, start, end, suggestion });
  };
  const expectPunct = (text: string): Token => {
    const t = peek();
    if (!t || t.kind !== TokenKind.Punct || t.text !== text) {
      return fail(t ? `expected "${text}" but found "${t.text}"` : `expected "${text}" at the end of the expression`, t);
    }
    pos++;
    return t;
  };

  const isCastAhead = (): boolean => {
    // '(' type-word+ ')' followed by something that can start an operand.
    let k = pos + 1;
    let sawType = false;
    while (k < to && tokens[k].kind === TokenKind.Identifier && TYPE_WORDS.has(tokens[k].text)) {
      k++;
      sawType = true;
    }
    return sawType && k < to && tokens[k].kind === TokenKind.Punct && tokens[k].text === ')' && k + 1 < to;
  };

  const resolveIdentifier = (t: Token): number => {
    const flag = findFlag(t.text) ?? (options.allowShortNames ? findFlagByAnyName(t.text) : undefined);
    if (flag) {
      names.push({ name: flag.name, start: t.start, end: t.end, value: flag.value, isFlag: true });
      return flag.value;
    }
    if (t.text.startsWith(FLAG_PREFIX) || (options.allowShortNames && /^[A-Z_]+$/.test(t.text) && !options.resolveName)) {
      const candidates = options.allowShortNames
        ? [...FLAGS.map((f) => f.name), ...FLAGS.map((f) => f.shortName)]
        : FLAGS.map((f) => f.name);
      const suggestion = closestName(t.text, candidates);
      return fail(
        `unknown session cache flag "${t.text}"` + (suggestion ? `; did you mean ${suggestion}?` : ''),
        t,
        suggestion,
      );
    }
    const notAMode = describeForeignConstant(t.text);
    if (notAMode) return fail(notAMode, t);
    if (options.resolveName && !resolving.has(t.text)) {
      resolving.add(t.text);
      const resolved = options.resolveName(t.text);
      resolving.delete(t.text);
      if (resolved && 'value' in resolved) {
        names.push({ name: t.text, start: t.start, end: t.end, value: resolved.value, isFlag: false, expansion: resolved.names });
        return resolved.value;
      }
      if (resolved && 'error' in resolved) return fail(resolved.error, t);
    }
    return fail(`"${t.text}" is not a constant whose value is known here`, t);
  };

  const resolveCallAt = (callee: Token): number => {
    const open = pos;
    let depth = 0;
    let close = open;
    for (; close < to; close++) {
      const text = tokens[close].kind === TokenKind.Punct ? tokens[close].text : '';
      if (text === '(') depth++;
      else if (text === ')' && --depth === 0) break;
    }
    if (close >= to) return fail(`unbalanced parentheses in the call to ${callee.text}`, callee);
    pos = close + 1;
    const resolved = options.resolveCall?.(callee.text, open + 1, close);
    if (resolved && 'value' in resolved) {
      names.push({ name: callee.text, start: callee.start, end: tokens[close].end, value: resolved.value, isFlag: false, expansion: resolved.names });
      return resolved.value;
    }
    if (resolved && 'error' in resolved) return fail(resolved.error, callee);
    return fail(`the result of ${callee.text}() is not known here`, callee);
  };

  const parseUnary = (): number => {
    nesting++;
    try {
      if (nesting > MAX_NESTING) return fail(`nested more than ${MAX_NESTING} levels deep (parentheses, operators or macros)`);
      return parseOperand();
    } finally {
      nesting--;
    }
  };

  const parseOperand = (): number => {
    const t = peek();
    if (!t) return fail('the expression ends where a value was expected');
    if (t.kind === TokenKind.Punct) {
      if (t.text === '~') {
        pos++;
        return ~parseUnary() >>> 0;
      }
      if (t.text === '-') {
        pos++;
        return -parseUnary() >>> 0;
      }
      if (t.text === '+') {
        pos++;
        return parseUnary();
      }
      if (t.text === '!') {
        pos++;
        return parseUnary() === 0 ? 1 : 0;
      }
      if (t.text === '(') {
        if (isCastAhead()) {
          while (tokens[pos].text !== ')') pos++;
          pos++;
          return parseUnary();
        }
        pos++;
        const value = parseBinary(1);
        expectPunct(')');
        return value;
      }
      return fail(`unexpected "${t.text}"`, t);
    }
    if (t.kind === TokenKind.Number) {
      pos++;
      const value = parseIntegerLiteral(t.text);
      if (value === undefined) return fail(`"${t.text}" is not an integer literal`, t);
      if (value > MAX_VALUE) return fail(`${t.text} does not fit in a 32-bit cache mode`, t);
      return value;
    }
    if (t.kind === TokenKind.Identifier) {
      pos++;
      if (CXX_CASTS.has(t.text)) {
        expectPunct('<');
        while (peek() && !(peek()!.kind === TokenKind.Punct && peek()!.text === '>')) pos++;
        expectPunct('>');
        expectPunct('(');
        const value = parseBinary(1);
        expectPunct(')');
        return value;
      }
      if (TYPE_WORDS.has(t.text)) {
        // Functional cast: long(x).
        while (peek() && peek()!.kind === TokenKind.Identifier && TYPE_WORDS.has(peek()!.text)) pos++;
        expectPunct('(');
        const value = parseBinary(1);
        expectPunct(')');
        return value;
      }
      const next = peek();
      if (next && next.kind === TokenKind.Punct && next.text === '(' && !findFlag(t.text)) {
        return resolveCallAt(t);
      }
      return resolveIdentifier(t);
    }
    return fail(`a ${t.kind === TokenKind.String ? 'string' : 'character'} literal is not a cache mode`, t);
  };

  const parseBinary = (minPrecedence: number): number => {
    let left = parseUnary();
    for (;;) {
      const t = peek();
      if (!t || t.kind !== TokenKind.Punct) break;
      const precedence = BINARY_PRECEDENCE[t.text];
      if (precedence === undefined || precedence < minPrecedence) break;
      pos++;
      const right = parseBinary(precedence + 1);
      left = applyBinary(t, left, right);
    }
    return left;
  };

  const applyBinary = (op: Token, a: number, b: number): number => {
    switch (op.text) {
      case '|':
        return (a | b) >>> 0;
      case '^':
        return (a ^ b) >>> 0;
      case '&':
        return (a & b) >>> 0;
      case '<<':
        return b >= 32 ? 0 : (a << b) >>> 0;
      case '>>':
        return b >= 32 ? 0 : a >>> b;
      case '+':
        return (a + b) >>> 0;
      case '-':
        return (a - b) >>> 0;
      case '*':
        return Number((BigInt(a) * BigInt(b)) & 0xffffffffn);
      case '/':
      case '%':
        if (b === 0) return fail('division by zero', op);
        return op.text === '/' ? Math.floor(a / b) : a % b;
    }
    return fail(`unsupported operator "${op.text}"`, op);
  };

  try {
    if (from >= to) return { ok: false, error: { message: 'the expression is empty', start: 0, end: 0 }, names };
    const value = parseBinary(1);
    const rest = peek();
    if (rest) fail(`unexpected "${rest.text}" after a complete expression`, rest);
    return { ok: true, value, names };
  } catch (e) {
    if (e instanceof EvaluationError) return { ok: false, error: e.detail, names };
    throw e;
  }
}

/** Evaluates a mode written as text, e.g. on the command line or in a scenario file. */
export function evaluateModeText(text: string, options: EvaluateOptions = {}): Evaluation {
  const { tokens, comments } = scan(text);
  if (comments.length > 0) {
    return { ok: false, error: { message: 'comments are not allowed in a mode', ...comments[0] }, names: [] };
  }
  if (tokens.length === 0) {
    return { ok: false, error: { message: 'the mode is empty', start: 0, end: text.length }, names: [] };
  }
  return evaluateTokens(tokens, 0, tokens.length, options);
}

/** Explains common constants that people pass as a cache mode by mistake. */
function describeForeignConstant(name: string): string | undefined {
  if (name.startsWith('SSL_OP_')) return `${name} is an SSL_CTX_set_options flag, not a session cache mode`;
  if (name.startsWith('SSL_MODE_')) return `${name} is an SSL_CTX_set_mode flag, not a session cache mode`;
  if (name.startsWith('SSL_VERIFY_')) return `${name} is an SSL_CTX_set_verify mode, not a session cache mode`;
  if (name.startsWith('SSL_SESSION_CACHE_')) {
    return `${name} is not a cache mode flag (the flags are spelled SSL_SESS_CACHE_*)`;
  }
  return undefined;
}
