import { Token, TokenKind } from './scanner';

export interface CallSite {
  /** Index of the callee identifier token. */
  callee: number;
  name: string;
  /** Index of the '(' token. */
  open: number;
  /** Index of the matching ')' token, or tokens.length when the call is unterminated. */
  close: number;
  /** Token ranges [from, to) of each argument. */
  args: { from: number; to: number }[];
}

/** How far back to look for an enclosing call: enough for any real argument list. */
const MAX_LOOKBACK_TOKENS = 4000;

/**
 * The innermost function call whose argument list contains token index `at`, if any.
 * Stops at statement boundaries (`;`, `{`, `}` outside parentheses) and at preprocessor lines other than the token's own.
 */
export function enclosingCall(tokens: readonly Token[], at: number): CallSite | undefined {
  let depth = 0;
  const directive = tokens[at]?.directive ?? -1;
  const limit = Math.max(0, at - MAX_LOOKBACK_TOKENS);
  for (let i = at - 1; i >= limit; i--) {
    const t = tokens[i];
    if (t.directive !== directive) return undefined;
    if (t.kind !== TokenKind.Punct) continue;
    if (t.text === ')' || t.text === ']') depth++;
    else if (t.text === '(' || t.text === '[') {
      if (depth > 0) {
        depth--;
        continue;
      }
      if (t.text === '[') return undefined;
      const callee = tokens[i - 1];
      if (!callee || callee.kind !== TokenKind.Identifier || callee.directive !== directive) {
        // A parenthesised sub-expression: keep looking outward.
        continue;
      }
      const call = callAt(tokens, i - 1);
      if (call) return call;
    } else if ((t.text === ';' || t.text === '{' || t.text === '}') && depth === 0) {
      return undefined;
    }
  }
  return undefined;
}

/** The call whose callee identifier is at token index `callee` (followed by '('). */
export function callAt(tokens: readonly Token[], callee: number): CallSite | undefined {
  const open = callee + 1;
  if (tokens[open]?.kind !== TokenKind.Punct || tokens[open].text !== '(') return undefined;
  const args: { from: number; to: number }[] = [];
  let depth = 0;
  let argStart = open + 1;
  let i = open + 1;
  for (; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== TokenKind.Punct) continue;
    if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
    else if (t.text === ')' || t.text === ']' || t.text === '}') {
      if (depth === 0) {
        if (t.text !== ')') break;
        if (i > argStart || args.length > 0) args.push({ from: argStart, to: i });
        return { callee, name: tokens[callee].text, open, close: i, args };
      }
      depth--;
    } else if (t.text === ',' && depth === 0) {
      args.push({ from: argStart, to: i });
      argStart = i + 1;
    } else if (t.text === ';' && depth === 0) {
      break;
    }
  }
  if (i > argStart) args.push({ from: argStart, to: i });
  return { callee, name: tokens[callee].text, open, close: i, args };
}
