import type { NameResolution } from '../mode/expression';
import { evaluateTokens } from '../mode/expression';
import { ScanResult, TokenKind } from './scanner';

export interface MacroDefinition {
  name: string;
  /** Token range [from, to) of the replacement list. */
  from: number;
  to: number;
  /** Function-like macros are not expanded. */
  functionLike: boolean;
}

/** The macros a file defines with #define (the last definition wins; #undef removes). */
export function collectMacros(scanned: ScanResult): Map<string, MacroDefinition> {
  const macros = new Map<string, MacroDefinition>();
  const { tokens } = scanned;
  for (const d of scanned.directives) {
    const nameToken = tokens[d.firstToken + 2];
    if (!nameToken || nameToken.kind !== TokenKind.Identifier || d.firstToken + 2 >= d.endToken) continue;
    if (d.name === 'undef') {
      macros.delete(nameToken.text);
      continue;
    }
    if (d.name !== 'define') continue;
    const next = tokens[d.firstToken + 3];
    // Function-like only when '(' follows the name with no space.
    const functionLike = !!next && d.firstToken + 3 < d.endToken && next.text === '(' && next.start === nameToken.end;
    macros.set(nameToken.text, { name: nameToken.text, from: d.firstToken + 3, to: d.endToken, functionLike });
  }
  return macros;
}

/** A name resolver for mode expressions that expands the file's object-like macros. */
export function macroResolver(scanned: ScanResult, macros: Map<string, MacroDefinition>): (name: string) => NameResolution {
  const expanding = new Set<string>();
  const resolve = (name: string): NameResolution => {
    const macro = macros.get(name);
    if (!macro) return undefined;
    if (macro.functionLike) return { error: `"${name}" is a function-like macro; its value is not known here` };
    if (macro.from >= macro.to) return { error: `"${name}" is defined empty` };
    if (expanding.has(name)) return { error: `"${name}" is defined in terms of itself` };
    expanding.add(name);
    try {
      const result = evaluateTokens(scanned.tokens, macro.from, macro.to, { resolveName: resolve });
      return result.ok
        ? { value: result.value, names: result.names }
        : { error: `"${name}" expands to a value not known here: ${result.error.message}` };
    } finally {
      expanding.delete(name);
    }
  };
  return resolve;
}
