import { CDocument, modeArgumentAt } from '../c/analysis';
import { Token, TokenKind, tokenAt } from '../c/scanner';
import { FLAGS, FLAG_PREFIX, findFlag } from '../knowledge/flags';
import { findApiFunction } from '../knowledge/functions';
import type { LibraryId } from '../knowledge/libraries';
import { evaluateTokens } from '../mode/expression';
import { explainMode } from '../mode/meaning';
import { closestName } from '../util/closest';
import { renderApiFunction, renderFlag, renderModeMeaning, renderUnknownFlag, renderUnknownMode } from './render';

export interface HoverOptions {
  library: LibraryId;
}

export interface HoverResult {
  markdown: string;
  /** Offsets of the hovered range. */
  start: number;
  end: number;
}

/**
 * The hover at `offset` in a C/C++/Objective-C document: a flag, a cache API function, or
 * a whole mode argument (hovering its numbers, operators or macro names). Nothing inside
 * comments, strings or character literals.
 */
export function hoverC(doc: CDocument, offset: number, options: HoverOptions): HoverResult | null {
  const tokens = doc.scanned.tokens;
  const index = tokenAt(tokens, offset);
  if (index < 0) return null;
  const token = tokens[index];
  if (token.kind === TokenKind.String || token.kind === TokenKind.Char) return null;

  if (token.kind === TokenKind.Identifier) {
    const flag = findFlag(token.text);
    if (flag) {
      let markdown = renderFlag(flag, options.library);
      const context = enclosingModeExpression(doc, index, options.library);
      if (context) markdown += '\n\n---\n\n' + context;
      return { markdown, start: token.start, end: token.end };
    }
    const fn = findApiFunction(token.text);
    if (fn && !isDeclarationOrMemberName(tokens, index)) {
      return { markdown: renderApiFunction(fn, options.library), start: token.start, end: token.end };
    }
    if (token.text.startsWith(FLAG_PREFIX)) {
      const suggestion = closestName(token.text, FLAGS.map((f) => f.name));
      return { markdown: renderUnknownFlag(token.text, suggestion), start: token.start, end: token.end };
    }
  }

  // Anything else inside a mode argument shows the whole mode.
  const arg = modeArgumentAt(tokens, index);
  if (arg) {
    const start = tokens[arg.from].start;
    const end = tokens[arg.to - 1].end;
    return { markdown: renderModeArgument(doc, arg.from, arg.to, options.library), start, end };
  }
  return null;
}

function renderModeArgument(doc: CDocument, from: number, to: number, library: LibraryId): string {
  const tokens = doc.scanned.tokens;
  const source = doc.text.slice(tokens[from].start, tokens[to - 1].end);
  const result = evaluateTokens(tokens, from, to, { resolveName: doc.resolveName });
  if (!result.ok) return renderUnknownMode(source, result.error.message);
  return renderModeMeaning(explainMode(result.value, library), source);
}

/** For a flag token: the mode expression around it, if it is part of a larger one. */
function enclosingModeExpression(doc: CDocument, index: number, library: LibraryId): string | undefined {
  const tokens = doc.scanned.tokens;
  const arg = modeArgumentAt(tokens, index);
  let from: number;
  let to: number;
  if (arg) {
    from = arg.from;
    to = arg.to;
  } else {
    // A run of flags, numbers and `|` around the token, e.g. `mode = A | B;` or a #define body.
    from = index;
    to = index + 1;
    while (from > 0 && isModeOperand(tokens[from - 1]) && tokens[from - 1].directive === tokens[index].directive) from--;
    while (to < tokens.length && isModeOperand(tokens[to]) && tokens[to].directive === tokens[index].directive) to++;
    // Trim dangling operators at either end.
    while (from < index && tokens[from].text === '|') from++;
    while (to > index + 1 && tokens[to - 1].text === '|') to--;
    if (to - from < 3) return undefined;
  }
  return 'In this expression: ' + renderModeArgument(doc, from, to, library);
}

function isModeOperand(t: Token): boolean {
  if (t.kind === TokenKind.Number) return true;
  if (t.kind === TokenKind.Identifier) return findFlag(t.text) !== undefined;
  return t.kind === TokenKind.Punct && t.text === '|';
}

/** `obj.SSL_CTX_set_timeout` or `->` member names are not the OpenSSL functions. */
function isDeclarationOrMemberName(tokens: readonly Token[], index: number): boolean {
  const previous = tokens[index - 1];
  return !!previous && previous.kind === TokenKind.Punct && (previous.text === '.' || previous.text === '->');
}
