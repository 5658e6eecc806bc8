import type { CDocument } from '../c/analysis';
import type { CtxConfig, FileConfig, ModeSetting } from '../c/config';
import type { LibraryId } from '../knowledge/libraries';
import type { NameUse } from '../mode/expression';
import type { Fix, Severity } from './types';

export interface RuleExample {
  code: string;
  /** The library the example is about (default openssl-3.0). */
  library?: LibraryId;
}

/** One lint rule: its identity, the spec section behind it, examples that drive its tests, and its check. */
export interface Rule {
  id: string;
  defaultSeverity: Severity;
  title: string;
  /** Spec section(s), e.g. "§8 L6". */
  section: string;
  /** Why, in one paragraph of markdown. */
  description: string;
  /** Code the rule must flag, and code it must leave alone. */
  bad: readonly RuleExample[];
  good: readonly RuleExample[];
  check(context: RuleContext): void;
}

export interface Report {
  message: string;
  start: number;
  end: number;
  fixes?: Fix[];
  /** A severity other than the rule's default for this finding (e.g. error instead of warning). */
  severity?: Severity;
}

export interface RuleContext {
  doc: CDocument;
  file: FileConfig;
  library: LibraryId;
  /** `config`: the configuration was declared in a configuration file; fixes that insert C code are left out. */
  language: 'c' | 'config';
  report(report: Report): void;
}

/** Each known value of each mode setting of each context. */
export function* knownModes(file: FileConfig): Generator<{ ctx: CtxConfig; mode: ModeSetting; value: number }> {
  for (const ctx of file.contexts) {
    for (const mode of ctx.modes) {
      for (const value of mode.values) yield { ctx, mode, value };
    }
  }
}

export function hasCallback(ctx: CtxConfig, kind: 'new' | 'get' | 'remove'): boolean {
  return ctx.callbacks.some((c) => c.kind === kind);
}

export { CLIENT, NO_AUTO_CLEAR, NO_INTERNAL_LOOKUP, NO_INTERNAL_STORE, SERVER, UPDATE_TIME } from '../mode/decode';

/** The indentation of the line containing offset. */
export function indentationAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** Offset of the start of the line containing offset. */
export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** A fix that inserts a whole line above the line containing offset, with its indentation. */
export function insertLineAbove(text: string, offset: number, line: string, title: string): Fix {
  const start = lineStartOf(text, offset);
  return { title, edits: [{ start, end: start, newText: indentationAt(text, offset) + line + '\n' }] };
}

/** Start of the run of whitespace that ends at `end`. */
function whitespaceBefore(text: string, end: number): number {
  let p = end;
  while (p > 0 && /\s/.test(text[p - 1])) p--;
  return p;
}

/** Removes a flag name from a mode and the `|` that joins it to its neighbour. */
export function removeNameFix(text: string, use: NameUse, title = `Remove ${use.name}`): Fix {
  // `\s*\|\s*` right before the name, found by walking back: a regex anchored at the end of the
  // text before it would try every offset of the file.
  const bar = whitespaceBefore(text, use.start) - 1;
  if (bar >= 0 && text[bar] === '|') return { title, edits: [{ start: whitespaceBefore(text, bar), end: use.end, newText: '' }], preferred: true };
  const trailing = /^\s*\|\s*/.exec(text.slice(use.end, use.end + 256));
  const end = use.end + (trailing ? trailing[0].length : 0);
  return { title, edits: [{ start: use.start, end, newText: '' }], preferred: true };
}

/** The mode argument with extra flags appended: `A | B` becomes `A | B | SSL_SESS_CACHE_X`. */
export function appendFlagsFix(mode: ModeSetting, flags: string[], title: string): Fix {
  const addition = flags.map((f) => ' | ' + f).join('');
  return { title, edits: [{ start: mode.argument.end, end: mode.argument.end, newText: addition }], preferred: true };
}
