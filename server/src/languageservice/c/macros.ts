import type { NameResolution } from '../mode/expression';
import { evaluateTokens } from '../mode/expression';
import { ScanResult, Token, TokenKind, scan } from './scanner';

export interface MacroDefinition {
  name: string;
  /** The tokens of the file that defines it, and the range [from, to) of the replacement list. */
  tokens: readonly Token[];
  from: number;
  to: number;
  /** Function-like macros are not expanded. */
  functionLike: boolean;
  /** Defined in an included header, not in the document itself (its offsets are not the document's). */
  included: boolean;
}

/** Returns the text of a header named in `#include "name"`, or undefined when it cannot be found. */
export type IncludeLoader = (name: string) => string | undefined;

/** How deep `#include "..."` chains are followed, and how many headers at most. */
const MAX_INCLUDE_DEPTH = 8;
const MAX_HEADERS = 64;

/**
 * The macros a file defines with #define (the last definition wins; #undef removes), after those
 * of the workspace headers it includes with `#include "..."` (system headers are not read).
 */
export function collectMacros(scanned: ScanResult, loadInclude?: IncludeLoader): Map<string, MacroDefinition> {
  const macros = new Map<string, MacroDefinition>();
  const visited = new Set<string>();
  const visit = (s: ScanResult, included: boolean, depth: number): void => {
    const { tokens } = s;
    for (const d of s.directives) {
      const nameToken = tokens[d.firstToken + 2];
      if (!nameToken || d.firstToken + 2 >= d.endToken) continue;
      if (d.name === 'include') {
        if (!loadInclude || depth >= MAX_INCLUDE_DEPTH || visited.size >= MAX_HEADERS) continue;
        const m = /^"([^"]+)"$/.exec(nameToken.text);
        if (!m || visited.has(m[1])) continue;
        visited.add(m[1]);
        const text = loadInclude(m[1]);
        if (text !== undefined) visit(scan(text, { sparse: true }), true, depth + 1); // only its directives are read
        continue;
      }
      if (nameToken.kind !== TokenKind.Identifier) continue;
      if (d.name === 'undef') {
        macros.delete(nameToken.text);
        continue;
      }
      if (d.name !== 'define') continue;
      const next = tokens[d.firstToken + 3];
      // Function-like only when '(' follows the name with no space.
      const functionLike = !!next && d.firstToken + 3 < d.endToken && next.text === '(' && next.start === nameToken.end;
      macros.set(nameToken.text, { name: nameToken.text, tokens, from: d.firstToken + 3, to: d.endToken, functionLike, included });
    }
  };
  visit(scanned, false, 0);
  return macros;
}

/** A name resolver for mode expressions that expands object-like macros. */
export function macroResolver(macros: Map<string, MacroDefinition>): (name: string) => NameResolution {
  const expanding = new Set<string>();
  const resolve = (name: string): NameResolution => {
    const macro = macros.get(name);
    if (!macro) return undefined;
    if (macro.functionLike) return { error: `"${name}" is a function-like macro; its value is not known here` };
    if (macro.from >= macro.to) return { error: `"${name}" is defined empty` };
    if (expanding.has(name)) return { error: `"${name}" is defined in terms of itself` };
    expanding.add(name);
    try {
      const result = evaluateTokens(macro.tokens, macro.from, macro.to, { resolveName: resolve });
      if (!result.ok) return { error: `"${name}" expands to a value not known here: ${result.error.message}` };
      // Names inside a header have the header's offsets: they cannot be pointed at in this document.
      return { value: result.value, names: macro.included ? undefined : result.names };
    } finally {
      expanding.delete(name);
    }
  };
  return resolve;
}
