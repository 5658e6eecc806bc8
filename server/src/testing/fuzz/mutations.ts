/**
 * Hostile inputs for the fuzz suite, as fast-check arbitraries: the fixture corpus mutated
 * (truncations at every kind of boundary, deletions, duplicated lines, inserted specials, line
 * endings, rotations, repeated openers), random bytes decoded as the CLI decodes files, and token
 * soups of a language's own punctuation. Everything shrinks, so a failure comes back small.
 */
import fc from 'fast-check';
import { decodeUtf8 } from '../../cli/lint';

/** What every language gets inserted: NUL, lone and paired surrogates, BOM, odd line breaks, huge numbers. */
const COMMON_SPECIALS = [
  '\0', '\uD800', '\uDC00', '\uD83D\uDE00', '\uFEFF', '\r', '\r\n', '\n', '\u2028', '\u00A0', '\t', ' ', '\\', '"', "'",
  '18446744073709551616', '99999999999999999999999999999999999999', '1e309', '-0', '0x', '0xFFFFFFFFFFFFFFFFFFFFFFFF', '-9007199254740993',
];

export interface Dialect {
  /** The language's own delimiters and keywords: where truncations cut and what insertions add. */
  specials: readonly string[];
}

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'cutAt'; token: string; nth: number; after: boolean }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'duplicateLine'; at: number; times: number }
  | { kind: 'lineEndings'; eol: '\r\n' | '\r' | '\n' }
  | { kind: 'rotate'; at: number };

/** An offset of `text` from a natural number (fast-check shrinks it towards the start). */
function offsetIn(text: string, n: number): number {
  return n % (text.length + 1);
}

function nthIndexOf(text: string, token: string, nth: number): number {
  let at = -1;
  let count = 0;
  for (let i = text.indexOf(token); i >= 0; i = text.indexOf(token, i + 1)) {
    at = i;
    if (count++ === nth) break;
  }
  return at;
}

export function applyMutation(text: string, m: Mutation): string {
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, offsetIn(text, m.at));
    case 'cutAt': {
      const i = nthIndexOf(text, m.token, m.nth);
      return i < 0 ? text : text.slice(0, m.after ? i + m.token.length : i);
    }
    case 'delete': {
      const at = offsetIn(text, m.at);
      return text.slice(0, at) + text.slice(at + m.length);
    }
    case 'insert': {
      const at = offsetIn(text, m.at);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'duplicateLine': {
      // A line said twice: duplicate keys, directives and calls.
      const at = offsetIn(text, m.at);
      const start = text.lastIndexOf('\n', at - 1) + 1;
      const nl = text.indexOf('\n', at);
      const end = nl < 0 ? text.length : nl + 1;
      const line = text.slice(start, end);
      return text.slice(0, end) + (line.endsWith('\n') ? line : '\n' + line).repeat(m.times) + text.slice(end);
    }
    case 'lineEndings':
      return text.replace(/\r\n|\r|\n/g, m.eol);
    case 'rotate': {
      const at = offsetIn(text, m.at);
      return text.slice(at) + text.slice(0, at);
    }
  }
}

/**
 * Any code points, lone surrogate halves included (built here: fast-check's full-unicode string
 * arbitrary builds a million-entry reverse map when it shrinks, which costs seconds).
 */
export function anyCodePoints(maxLength: number): fc.Arbitrary<string> {
  return fc.array(fc.integer({ min: 0, max: 0x10ffff }), { maxLength }).map((cps) => String.fromCodePoint(...cps));
}

/** Any bytes, decoded as the CLI decodes a file (invalid UTF-8 becomes U+FFFD). */
export function decodedBytes(maxLength: number): fc.Arbitrary<string> {
  return fc.uint8Array({ maxLength }).map((bytes) => decodeUtf8(bytes));
}

/** Snippets to insert: the language's specials, any code points (lone surrogates too), decoded bytes, openers repeated. */
function insertion(dialect: Dialect): fc.Arbitrary<string> {
  const specials = [...dialect.specials, ...COMMON_SPECIALS];
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...specials) },
    { weight: 2, arbitrary: fc.array(fc.constantFrom(...specials), { minLength: 2, maxLength: 12 }).map((a) => a.join('')) },
    { weight: 1, arbitrary: anyCodePoints(16) },
    { weight: 1, arbitrary: decodedBytes(24) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...dialect.specials), fc.integer({ min: 2, max: 300 })).map(([s, n]) => s.repeat(n)) },
  );
}

function mutation(dialect: Dialect): fc.Arbitrary<Mutation> {
  return fc.oneof(
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('cutAt' as const), token: fc.constantFrom(...dialect.specials, '\n', '"', "'", '\\'), nth: fc.nat(40), after: fc.boolean() }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 80 }) }),
    { arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: insertion(dialect) }), weight: 4 },
    fc.record({ kind: fc.constant('duplicateLine' as const), at: fc.nat(), times: fc.integer({ min: 1, max: 3 }) }),
    fc.record({ kind: fc.constant('lineEndings' as const), eol: fc.constantFrom('\r\n' as const, '\r' as const, '\n' as const) }),
    fc.record({ kind: fc.constant('rotate' as const), at: fc.nat() }),
  );
}

/**
 * Texts for a parser: mostly mutated corpus files (1-6 mutations each), some random decoded
 * bytes, some soups of the language's specials, some arbitrary code points.
 */
export function hostileText(corpus: readonly string[], dialect: Dialect): fc.Arbitrary<string> {
  if (corpus.length === 0) throw new Error('hostileText: empty corpus');
  const mutated = fc
    .tuple(fc.nat(corpus.length - 1), fc.array(mutation(dialect), { minLength: 1, maxLength: 6 }))
    .map(([i, ms]) => ms.reduce(applyMutation, corpus[i]));
  const soup = fc.array(fc.oneof(fc.constantFrom(...dialect.specials, ...COMMON_SPECIALS), fc.constantFrom(' ', '\n')), { maxLength: 200 }).map((a) => a.join(''));
  return fc.oneof(
    { weight: 12, arbitrary: mutated },
    { weight: 2, arbitrary: soup },
    { weight: 1, arbitrary: decodedBytes(1500) },
    { weight: 1, arbitrary: anyCodePoints(300) },
  );
}
