import type { Fix } from '../rules/types';
import { lineNumberOf } from '../util/lines';
import type { ConfigIncludeLoader, Span } from './model';

/** How deep includes are followed, and how many syntax errors of an included file are reported at its include. */
export const MAX_INCLUDE_DEPTH = 16;
const MAX_INCLUDED_ERRORS = 3;

export interface IncludedFile<D> {
  name: string;
  text: string;
  directives: D[];
}

/** What the nginx and Apache parsers share while following includes. */
export interface IncludeState<D> {
  loadInclude?: ConfigIncludeLoader;
  /** Parsed included files by the name the loader gave them, so that each is parsed once. */
  cache: Map<string, { file: IncludedFile<D>; messages: string[] }>;
  /** Names of the files being parsed (include cycle detection). */
  active: string[];
}

/**
 * The files an include directive brings in, each parsed once (through `parse`), with cycles, depth
 * and the included files' syntax errors reported at the include (`at`). Undefined when the loader
 * finds nothing.
 */
export function includedFiles<D>(
  name: string,
  at: Span,
  state: IncludeState<D>,
  parse: (text: string, file: string) => { directives: D[]; errors: { start: number; message: string }[] },
  errors: { push(e: { message: string; start: number; end: number; fixes: Fix[] }): void },
): IncludedFile<D>[] | undefined {
  if (!state.loadInclude) return undefined;
  if (state.active.length > MAX_INCLUDE_DEPTH) {
    errors.push({ message: `includes nested deeper than ${MAX_INCLUDE_DEPTH} levels are not followed`, ...at, fixes: [] });
    return undefined;
  }
  let files: { text: string; name: string }[] | undefined;
  try {
    files = state.loadInclude(name);
  } catch {
    files = undefined;
  }
  if (!files) return undefined;
  const included: IncludedFile<D>[] = [];
  for (const f of files) {
    if (typeof f?.text !== 'string' || typeof f?.name !== 'string') continue;
    if (state.active.includes(f.name)) {
      errors.push({ message: `include cycle: "${f.name}" includes itself (through "${name}")`, ...at, fixes: [] });
      continue;
    }
    let parsed = state.cache.get(f.name);
    if (!parsed) {
      state.active.push(f.name);
      const result = parse(f.text, f.name);
      state.active.pop();
      const sorted = [...result.errors].sort((a, b) => a.start - b.start);
      const messages = sorted.slice(0, MAX_INCLUDED_ERRORS).map((e) => `in ${f.name}, line ${lineNumberOf(f.text, e.start)}: ${e.message}`);
      if (sorted.length > MAX_INCLUDED_ERRORS) messages.push(`in ${f.name}: ${sorted.length - MAX_INCLUDED_ERRORS} more syntax errors`);
      parsed = { file: { name: f.name, text: f.text, directives: result.directives }, messages };
      state.cache.set(f.name, parsed);
    }
    included.push(parsed.file);
    for (const message of parsed.messages) errors.push({ message, ...at, fixes: [] });
  }
  return included;
}
