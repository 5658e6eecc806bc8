/**
 * A C/C++/Objective-C tokenizer for analysis, not compilation: it finds identifiers,
 * numbers and punctuation outside comments, strings and character literals, with the
 * offsets of each token in the original text. Preprocessor lines are tokenized too
 * (so `#define MODE SSL_SESS_CACHE_SERVER` is seen) and their tokens are marked.
 */

export const enum TokenKind {
  Identifier = 1,
  Number = 2,
  Punct = 3,
  String = 4,
  Char = 5,
}

export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
  /** Index of the preprocessor directive this token belongs to, or -1. */
  directive: number;
}

export interface Directive {
  /** `define`, `ifdef`, `if`, ... ('' for a null directive). */
  name: string;
  start: number;
  end: number;
  /** Tokens [firstToken, endToken) of the directive, including `#` and the name. */
  firstToken: number;
  endToken: number;
}

export interface ScanResult {
  tokens: Token[];
  directives: Directive[];
  /** Comment ranges, for features that look at comments (ignore markers). */
  comments: { start: number; end: number }[];
}

export const PUNCTUATORS3: ReadonlySet<string> = new Set(['<<=', '>>=', '...', '->*', '<=>']);
export const PUNCTUATORS2: ReadonlySet<string> = new Set([
  '->', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '*=', '/=', '%=', '+=', '-=', '&=', '^=', '|=', '##', '::', '.*',
]);

/** Characters that begin a two- or three-character punctuator (1), by character code. */
const PUNCTUATOR_START = new Uint8Array(128);
for (const p of [...PUNCTUATORS3, ...PUNCTUATORS2]) PUNCTUATOR_START[p.charCodeAt(0)] = 1;

/**
 * Whether a raw string literal may start at i (c is the character there): `R"`, `u8R"`, `uR"`,
 * `UR"`, `LR"`. A cheap look at the next characters, so that ordinary identifiers starting with
 * these letters (`unsigned`, `uint32_t`, `LOG`) are not matched against the full pattern.
 */
function isRawStringStart(text: string, i: number, c: number): boolean {
  if (c === 82) return text.charCodeAt(i + 1) === 34;
  if (c !== 117 && c !== 85 && c !== 76) return false;
  const n = text.charCodeAt(i + 1);
  if (n === 82) return text.charCodeAt(i + 2) === 34;
  return c === 117 && n === 56 && text.charCodeAt(i + 2) === 82 && text.charCodeAt(i + 3) === 34;
}

/** How skipPlain treats an ASCII character: pass over it, stop, or stop where a token starts. */
const SKIP_PASS = 0;
const SKIP_STOP = 1;
const SKIP_AT_TOKEN_START = 2;
const SKIP_CLASS = new Uint8Array(128).fill(SKIP_STOP);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_$]/.test(ch) || '()[];,+-*%&|^!~=<>?:@`'.includes(ch)) SKIP_CLASS[c] = SKIP_PASS;
  if (/[0-9RuUL]/.test(ch)) SKIP_CLASS[c] = SKIP_AT_TOKEN_START;
}

/** Length of the punctuator at i (1, 2 or 3) by character codes: no slices, no set lookups. */
export function punctuatorLength(text: string, i: number, c: number): number {
  const n = text.charCodeAt(i + 1);
  const m = text.charCodeAt(i + 2);
  switch (c) {
    case 60: // <  <<= <=> << <=
      if (n === 60) return m === 61 ? 3 : 2;
      if (n === 61) return m === 62 ? 3 : 2;
      return 1;
    case 62: // >  >>= >> >=
      if (n === 62) return m === 61 ? 3 : 2;
      return n === 61 ? 2 : 1;
    case 46: // .  ... .*
      if (n === 46 && m === 46) return 3;
      return n === 42 ? 2 : 1;
    case 45: // -  ->* -> -- -=
      if (n === 62) return m === 42 ? 3 : 2;
      return n === 45 || n === 61 ? 2 : 1;
    case 43: // + ++ +=
      return n === 43 || n === 61 ? 2 : 1;
    case 38: // & && &=
      return n === 38 || n === 61 ? 2 : 1;
    case 124: // | || |=
      return n === 124 || n === 61 ? 2 : 1;
    case 35: // # ##
      return n === 35 ? 2 : 1;
    case 58: // : ::
      return n === 58 ? 2 : 1;
    case 61: // = ==
    case 33: // ! !=
    case 42: // * *=
    case 47: // / /=
    case 37: // % %=
    case 94: // ^ ^=
      return n === 61 ? 2 : 1;
    default:
      return 1;
  }
}

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || c >= 0x80;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Length of a line continuation (backslash + newline) at i, or 0. */
function continuationAt(text: string, i: number): number {
  if (text.charCodeAt(i) !== 92) return 0;
  const n = text.charCodeAt(i + 1);
  if (n === 10) return 2;
  if (n === 13) return text.charCodeAt(i + 2) === 10 ? 3 : 2;
  return 0;
}

export interface ScanOptions {
  /**
   * Leave out the tokens inside top-level blocks (`{...}` at file scope, or directly in a
   * `namespace` or `extern "C"` block) whose text never mentions `SSL` (see sslMentions): function
   * bodies that cannot touch a session cache. Their braces, comments and preprocessor lines are
   * kept, so brace depths, macros, conditionals and ignore comments are the same; everything the
   * analysis reads comes from blocks that mention SSL (calls, callbacks, variables followed within
   * one function), so it finds the same. Ordinary code is most of a large file, and its tokens
   * are most of the time and memory a scan costs.
   */
  sparse?: boolean;
}

/**
 * Where `SSL` occurs: the blocks that must be tokenized in a sparse scan. Capitals only: every name
 * the analysis reads has them (SSL_CTX_*, SSL_SESS_CACHE_*, SSL_new, SSL_accept, SSL_OP_*, SSL_VERIFY_*,
 * SSL_METHOD), and lower-case `ssl` is mostly variable names.
 */
function sslMentions(text: string): number[] {
  const at: number[] = [];
  for (let k = text.indexOf('SSL'); k >= 0; k = text.indexOf('SSL', k + 3)) at.push(k);
  return at;
}

export function scan(text: string, options: ScanOptions = {}): ScanResult {
  const tokens: Token[] = [];
  const directives: Directive[] = [];
  const comments: { start: number; end: number }[] = [];
  const length = text.length;
  let i = 0;
  let atLineStart = true;
  let directive = -1;

  // Sparse scans: brace bookkeeping outside preprocessor lines, and the block being left out.
  const mentions = options.sparse ? sslMentions(text) : undefined;
  let nextMention = 0;
  /** The offset of the first mention after the `{` of the block being left out. */
  let nextMentionAt = Infinity;
  /** Per open brace: whether it opens a namespace or extern "C" block (its inside counts as file scope). */
  const braces: boolean[] = [];
  let openNonTransparent = 0;
  /** The `{` of the block whose inside is left out (-1: none), its nesting, and where to roll back to. */
  let skipping = -1;
  let skipDepth = 0;
  let checkpoint = { tokens: 0, directives: 0, comments: 0 };
  /** A block found to mention SSL is scanned again from its `{`, which must then not be left out. */
  let keepBlockAt = -1;

  const push = (kind: TokenKind, start: number, end: number): void => {
    if (skipping >= 0 && directive < 0) {
      if (kind === TokenKind.Punct && end - start === 1) trackSkippedBrace(text.charCodeAt(start), start);
      return;
    }
    tokens.push({ kind, text: text.slice(start, end), start, end, directive });
    if (mentions !== undefined && directive < 0 && kind === TokenKind.Punct && end - start === 1) trackBrace(text.charCodeAt(start), start);
  };

  /** Namespace and linkage blocks: `namespace [a::b] {`, `extern "C" {` (looking at the tokens before the `{`). */
  const opensTransparentBlock = (): boolean => {
    let k = tokens.length - 2;
    if (k >= 0 && tokens[k].kind === TokenKind.String && tokens[k - 1]?.text === 'extern') return true;
    while (k >= 0 && (tokens[k].kind === TokenKind.Identifier || tokens[k].text === '::') && tokens[k].text !== 'namespace') k--;
    return k >= 0 && tokens[k].text === 'namespace' && tokens[k].directive < 0;
  };

  const trackBrace = (c: number, at: number): void => {
    if (c === 123) {
      const transparent = openNonTransparent === 0 && opensTransparentBlock();
      braces.push(transparent);
      if (transparent) return;
      openNonTransparent++;
      if (openNonTransparent === 1 && at !== keepBlockAt) {
        while (nextMention < mentions!.length && mentions![nextMention] <= at) nextMention++;
        nextMentionAt = nextMention < mentions!.length ? mentions![nextMention] : Infinity;
        skipping = at;
        skipDepth = 1;
        // Rolling back drops the `{` too: the re-scan starts at it.
        checkpoint = { tokens: tokens.length - 1, directives: directives.length, comments: comments.length };
      }
    } else if (c === 125 && braces.length > 0) {
      if (!braces.pop()) openNonTransparent--;
    }
  };

  const trackSkippedBrace = (c: number, at: number): void => {
    if (c === 123) skipDepth++;
    else if (c === 125 && --skipDepth === 0) {
      // The block ends without mentioning SSL: keep its closing brace only.
      skipping = -1;
      push(TokenKind.Punct, at, at + 1);
    }
  };

  /** While leaving a block out: once the scan passes a mention of SSL inside it, scan it again from its `{` in full. */
  const mentionReached = (): void => {
    // Forget the block's brace; the re-scan of its `{` records it again.
    braces.pop();
    openNonTransparent--;
    tokens.length = checkpoint.tokens;
    directives.length = checkpoint.directives;
    comments.length = checkpoint.comments;
    keepBlockAt = skipping;
    i = skipping;
    skipping = -1;
    directive = -1;
    atLineStart = false;
  };

  const endDirective = (): void => {
    if (directive >= 0) {
      directives[directive].end = i;
      directives[directive].endToken = tokens.length;
      directive = -1;
    }
  };

  /**
   * Inside a block being left out, pass over whitespace, identifier characters and punctuation
   * that starts nothing, in a tight loop; stop where the general loop must lex (comments, strings,
   * characters, numbers, raw-string and encoding prefixes, `.`, `#`, backslashes, braces) or once
   * past a mention of SSL. Nothing skipped here can change how the rest is lexed.
   */
  const skipPlain = (): void => {
    const limit = nextMentionAt < length ? nextMentionAt + 1 : length;
    while (i < limit) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 13 || c === 11 || c === 12) {
        i++;
        continue;
      }
      if (c === 10) {
        atLineStart = true;
        i++;
        continue;
      }
      if (c < 128) {
        const kind = SKIP_CLASS[c];
        if (kind === SKIP_AT_TOKEN_START && !isIdentPart(text.charCodeAt(i - 1))) {
          // A number is passed over whole; R, u, U, L may prefix a literal: the general loop decides.
          if (!isDigit(c)) return;
          atLineStart = false;
          i = ppNumberEnd(text, i);
          continue;
        }
        if (kind === SKIP_STOP) {
          if (c === 123) {
            skipDepth++;
            i++;
          } else if (c === 125) {
            if (skipDepth === 1) return; // the block's own closing brace is kept
            skipDepth--;
            i++;
          } else if ((c === 34 || c === 39) && !isIdentPart(text.charCodeAt(i - 1))) {
            i = skipQuoted(text, i, c); // no prefix before it: a plain string or character literal
          } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
            const start = i;
            i = lineCommentEnd(text, i);
            comments.push({ start, end: i });
            continue; // a comment leaves atLineStart as it was
          } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
            const start = i;
            i = blockCommentEnd(text, i);
            comments.push({ start, end: i });
            continue;
          } else if (c === 46 && isDigit(text.charCodeAt(i + 1))) {
            i = ppNumberEnd(text, i);
          } else if (c !== 47 && c !== 46) {
            return; // #, backslash, a quote after a possible prefix: the general loop lexes it
          } else {
            i++;
          }
          atLineStart = false;
          continue;
        }
      }
      atLineStart = false;
      i++;
    }
  };

  while (i < length) {
    if (skipping >= 0) {
      if (i <= nextMentionAt && directive < 0) skipPlain();
      if (i > nextMentionAt) mentionReached();
      if (i >= length) break;
    }
    const c = text.charCodeAt(i);

    if (c === 10) {
      endDirective();
      atLineStart = true;
      i++;
      continue;
    }
    if (c === 32 || c === 9 || c === 13 || c === 11 || c === 12) {
      i++;
      continue;
    }
    const cont = continuationAt(text, i);
    if (cont) {
      i += cont;
      continue;
    }

    // Comments.
    if (c === 47) {
      const n = text.charCodeAt(i + 1);
      if (n === 47) {
        const start = i;
        i = lineCommentEnd(text, i);
        comments.push({ start, end: i });
        continue;
      }
      if (n === 42) {
        const start = i;
        i = blockCommentEnd(text, i);
        comments.push({ start, end: i });
        continue;
      }
    }

    // Preprocessor directive: '#' first on a line.
    if (c === 35 && atLineStart) {
      atLineStart = false;
      const start = i;
      directive = directives.length;
      directives.push({ name: '', start, end: length, firstToken: tokens.length, endToken: tokens.length });
      push(TokenKind.Punct, i, i + 1);
      i++;
      // The directive name.
      while (i < length) {
        const w = text.charCodeAt(i);
        if (w === 32 || w === 9) i++;
        else {
          const k = continuationAt(text, i);
          if (k) i += k;
          else break;
        }
      }
      if (i < length && isIdentStart(text.charCodeAt(i))) {
        const nameStart = i;
        while (i < length && isIdentPart(text.charCodeAt(i))) i++;
        push(TokenKind.Identifier, nameStart, i);
        directives[directive].name = text.slice(nameStart, i);
        if (directives[directive].name === 'include') {
          // <file> is a header name, not tokens.
          while (i < length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
          if (text.charCodeAt(i) === 60) {
            const close = text.indexOf('>', i);
            const eol = text.indexOf('\n', i);
            const end = close >= 0 && (eol < 0 || close < eol) ? close + 1 : eol < 0 ? length : eol;
            push(TokenKind.String, i, end);
            i = end;
          }
        }
      }
      continue;
    }
    atLineStart = false;

    // Raw string literal (C++11): R"delim( ... )delim", with optional encoding prefix.
    if (isRawStringStart(text, i, c)) {
      const m = /^(?:u8|u|U|L)?R"([^()\\\s"]{0,16})\(/.exec(text.slice(i, i + 22));
      if (m) {
        const start = i;
        const close = text.indexOf(')' + m[1] + '"', i + m[0].length);
        i = close < 0 ? length : close + m[1].length + 2;
        push(TokenKind.String, start, i);
        continue;
      }
    }

    if (isIdentStart(c)) {
      const start = i;
      i++;
      while (i < length) {
        const ch = text.charCodeAt(i);
        if (isIdentPart(ch)) i++;
        else break;
      }
      // Encoding prefixes of string and char literals: L"..", u8'..'.
      const next = text.charCodeAt(i);
      if ((next === 34 || next === 39) && /^(?:L|u|U|u8)$/.test(text.slice(start, i))) {
        i = skipQuoted(text, i, next);
        push(next === 34 ? TokenKind.String : TokenKind.Char, start, i);
        continue;
      }
      push(TokenKind.Identifier, start, i);
      continue;
    }

    if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(i + 1)))) {
      const start = i;
      i = ppNumberEnd(text, i);
      push(TokenKind.Number, start, i);
      continue;
    }

    if (c === 34 || c === 39) {
      const start = i;
      i = skipQuoted(text, i, c);
      push(c === 34 ? TokenKind.String : TokenKind.Char, start, i);
      continue;
    }

    // Most punctuation is one character that starts no longer punctuator.
    if (PUNCTUATOR_START[c] === 1) {
      const n = punctuatorLength(text, i, c);
      push(TokenKind.Punct, i, i + n);
      i += n;
      continue;
    }
    push(TokenKind.Punct, i, i + 1);
    i++;
  }
  endDirective();
  return { tokens, directives, comments };
}

/** The end of a pp-number starting at i: digits, letters, '.', exponent signs and C++14 digit separators. */
function ppNumberEnd(text: string, i: number): number {
  const length = text.length;
  i++;
  while (i < length) {
    const ch = text.charCodeAt(i);
    if (isIdentPart(ch) || ch === 46) {
      i++;
    } else if ((ch === 43 || ch === 45) && /[eEpP]/.test(text[i - 1])) {
      i++;
    } else if (ch === 39 && isIdentPart(text.charCodeAt(i + 1))) {
      i++;
    } else break;
  }
  return i;
}

/** The end of a `//` comment at i (at its newline): it continues over backslash-newline. */
function lineCommentEnd(text: string, i: number): number {
  for (;;) {
    const eol = text.indexOf('\n', i);
    if (eol < 0) return text.length;
    if (text.charCodeAt(eol - 1) === 92 || (text.charCodeAt(eol - 1) === 13 && text.charCodeAt(eol - 2) === 92)) {
      i = eol + 1;
      continue;
    }
    return eol;
  }
}

/** The end of a block comment at i (after its close; the end of the text when unclosed). */
function blockCommentEnd(text: string, i: number): number {
  const close = text.indexOf('*/', i + 2);
  return close < 0 ? text.length : close + 2;
}

/** Skips a string or char literal starting at the quote; stops at an unescaped newline (unterminated). */
function skipQuoted(text: string, i: number, quote: number): number {
  const length = text.length;
  i++;
  while (i < length) {
    const ch = text.charCodeAt(i);
    if (ch === quote) return i + 1;
    if (ch === 92) {
      i += 2;
      continue;
    }
    if (ch === 10) return i;
    i++;
  }
  return length;
}

/** Index of the token containing offset (start <= offset < end), or -1. */
export function tokenAt(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = tokens[mid];
    if (offset < t.start) hi = mid - 1;
    else if (offset >= t.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}
