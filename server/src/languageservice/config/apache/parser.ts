import { IncludeState, MAX_INCLUDE_DEPTH, includedFiles } from '../includedFiles';
import type { Fix } from '../../rules/types';
import type { ConfigIncludeLoader } from '../model';

/**
 * A tolerant Apache httpd configuration parser.
 *
 * httpd reads one directive per logical line (`ap_cfg_getline`): a `\` at the very end of a line
 * continues it on the next one; a line whose first non-blank character is `#` is a comment (there
 * are no trailing comments); words are split like `ap_getword_conf` (whitespace separates, `"…"` and
 * `'…'` quote, `\"` inside double quotes). `<Name args>` opens a section and `</Name>` closes it,
 * names compared without case. Where httpd would refuse the file, this parser records a syntax error
 * with a precise range and goes on (a section missing its `>`, an unterminated quote, a `</X>`
 * without its `<X>`, a section left open at the end of the file), with an explicit stack, in one
 * pass, never throwing.
 *
 * `Include` and `IncludeOptional` are resolved through the `ConfigIncludeLoader` of the options;
 * each file is parsed on its own (httpd also wants sections closed in the file that opens them).
 * Nodes from included files carry `file` and offsets into that file; their syntax errors are
 * reported on the `Include` line.
 */

export interface ApacheArg {
  value: string;
  start: number;
  end: number;
  quoted: boolean;
}

export interface ApacheDirective {
  /** As written (`SSLSessionCache`, `VirtualHost`); compare with `lower`. */
  name: string;
  lower: string;
  nameStart: number;
  nameEnd: number;
  args: ApacheArg[];
  /** The logical line: from its first non-blank character to its end (continuations included, newline excluded). */
  start: number;
  end: number;
  /** For sections: the directives inside and the closing tag. */
  section?: {
    children: ApacheDirective[];
    /** Offset after the `>` of the opening tag (or the end of its line when it is missing). */
    openEnd: number;
    closeStart?: number;
    closeEnd?: number;
  };
  /** Set for nodes of included files; offsets are then into that file. */
  file?: string;
  /** For `Include` / `IncludeOptional`: the files the loader returned, parsed. */
  included?: ApacheIncludedFile[];
}

export interface ApacheIncludedFile {
  name: string;
  text: string;
  directives: ApacheDirective[];
}

export interface ApacheSyntaxError {
  message: string;
  start: number;
  end: number;
  fixes: Fix[];
}

export interface ApacheDocument {
  text: string;
  directives: ApacheDirective[];
  errors: ApacheSyntaxError[];
}

export interface ApacheParseOptions {
  loadInclude?: ConfigIncludeLoader;
}

export { MAX_INCLUDE_DEPTH };
/** Sections nested deeper than this are skipped (reported once), which bounds memory on garbage. */
export const MAX_NESTING = 100;
/** Syntax errors kept per file; the rest are counted in one last error. */
export const MAX_SYNTAX_ERRORS = 200;

class ErrorSink {
  readonly list: ApacheSyntaxError[] = [];
  private dropped = 0;
  private firstDropped: { start: number; end: number } | undefined;

  push(e: ApacheSyntaxError): void {
    if (this.list.length < MAX_SYNTAX_ERRORS) {
      this.list.push(e);
      return;
    }
    this.dropped++;
    this.firstDropped ??= { start: e.start, end: e.end };
  }

  finish(): ApacheSyntaxError[] {
    if (this.dropped && this.firstDropped) this.list.push({ message: `${this.dropped} more syntax errors not shown`, ...this.firstDropped, fixes: [] });
    return this.list;
  }
}

interface Frame {
  directive?: ApacheDirective;
  children: ApacheDirective[];
}

type ParseState = IncludeState<ApacheDirective>;

function isBlank(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v';
}

/** A logical line: where it starts and ends in the text, and where the next one starts. */
function logicalLineEnd(text: string, from: number): { end: number; next: number } {
  let i = from;
  for (;;) {
    const nl = text.indexOf('\n', i);
    const lineEnd = nl < 0 ? text.length : nl;
    let contentEnd = lineEnd;
    if (contentEnd > i && text[contentEnd - 1] === '\r') contentEnd--;
    if (nl >= 0 && contentEnd > from && text[contentEnd - 1] === '\\') {
      i = nl + 1;
      continue;
    }
    return { end: contentEnd, next: nl < 0 ? text.length : nl + 1 };
  }
}

/** Splits [start, end) into words like ap_getword_conf; `\` + newline counts as a blank. */
function words(text: string, start: number, end: number, errors: ErrorSink): ApacheArg[] {
  const out: ApacheArg[] = [];
  let i = start;
  const blankAt = (k: number): number => {
    // Returns the length of a blank (space or a continuation) at k, or 0.
    const c = text[k];
    if (isBlank(c) || c === '\n') return 1;
    if (c === '\\' && (text[k + 1] === '\n' || (text[k + 1] === '\r' && text[k + 2] === '\n'))) return text[k + 1] === '\n' ? 2 : 3;
    return 0;
  };
  while (i < end) {
    const b = blankAt(i);
    if (b) {
      i += b;
      continue;
    }
    const c = text[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      let value = '';
      let closed = false;
      while (j < end) {
        const d = text[j];
        if (d === '\\' && j + 1 < end && text[j + 1] === c) {
          value += c;
          j += 2;
          continue;
        }
        if (d === c) {
          closed = true;
          break;
        }
        // A continuation inside quotes joins the lines.
        const cont = d === '\\' ? blankAt(j) : 0;
        if (cont > 1) {
          j += cont;
          continue;
        }
        value += d;
        j++;
      }
      if (!closed) {
        errors.push({
          message: `unterminated quoted string: missing closing ${c}`,
          start: i,
          end: Math.max(end, i + 1),
          fixes: [{ title: `Close the string with ${c}`, edits: [{ start: end, end, newText: c }], preferred: true }],
        });
        out.push({ value, start: i, end, quoted: true });
        i = end;
        continue;
      }
      out.push({ value, start: i, end: j + 1, quoted: true });
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < end && !blankAt(j)) j++;
    out.push({ value: text.slice(i, j), start: i, end: j, quoted: false });
    i = j;
  }
  return out;
}


function parseText(text: string, file: string | undefined, state: ParseState): { directives: ApacheDirective[]; errors: ApacheSyntaxError[] } {
  const errors = new ErrorSink();
  /** Sections open beyond MAX_NESTING, skipped with their content. */
  let skipped = 0;
  const root: Frame = { children: [] };
  const stack: Frame[] = [root];
  const n = text.length;
  let pos = 0;

  const push = (d: ApacheDirective): void => {
    if (file !== undefined) d.file = file;
    stack[stack.length - 1].children.push(d);
  };

  while (pos < n) {
    // Leading blanks of the physical line.
    let s = pos;
    while (s < n && isBlank(text[s])) s++;
    const { end, next } = logicalLineEnd(text, s);
    pos = next;
    if (s >= end) continue;
    const first = text[s];
    if (first === '#') continue;

    if (first === '<') {
      const closing = text[s + 1] === '/';
      const nameStart = s + (closing ? 2 : 1);
      let nameEnd = nameStart;
      while (nameEnd < end && !isBlank(text[nameEnd]) && text[nameEnd] !== '>' && text[nameEnd] !== '\\') nameEnd++;
      const name = text.slice(nameStart, nameEnd);
      // The tag should end with '>' (trailing blanks allowed).
      let tagEnd = end;
      while (tagEnd > nameEnd && isBlank(text[tagEnd - 1])) tagEnd--;
      const hasGt = tagEnd > nameStart && text[tagEnd - 1] === '>';
      if (!hasGt) {
        errors.push({
          message: `<${closing ? '/' : ''}${name}> is missing its closing ">"`,
          start: s,
          end: Math.max(tagEnd, s + 1),
          fixes: [{ title: "Insert '>'", edits: [{ start: tagEnd, end: tagEnd, newText: '>' }], preferred: true }],
        });
      }
      const inner = hasGt ? tagEnd - 1 : tagEnd;
      if (name === '') {
        errors.push({ message: 'a section tag needs a name', start: s, end: Math.max(tagEnd, s + 1), fixes: [] });
        continue;
      }
      if (skipped > 0) {
        if (closing) skipped--;
        else skipped++;
        continue;
      }
      if (closing) {
        const lower = name.toLowerCase();
        let match = -1;
        for (let k = stack.length - 1; k >= 1; k--) {
          if (stack[k].directive!.lower === lower) {
            match = k;
            break;
          }
        }
        if (match < 0) {
          const expected = stack.length > 1 ? ` (expected </${stack[stack.length - 1].directive!.name}>)` : '';
          errors.push({
            message: `</${name}> without a matching <${name}>${expected}`,
            start: s,
            end: Math.max(tagEnd, s + 1),
            fixes: [{ title: `Remove </${name}>`, edits: [{ start: s, end, newText: '' }] }],
          });
          continue;
        }
        while (stack.length - 1 > match) {
          const open = stack.pop()!.directive!;
          errors.push({
            message: `<${open.name}> is not closed before </${name}>`,
            start: open.start,
            end: open.section!.openEnd,
            fixes: [{ title: `Insert </${open.name}>`, edits: [{ start: s, end: s, newText: `</${open.name}>\n` }] }],
          });
        }
        const d = stack.pop()!.directive!;
        d.section!.closeStart = s;
        d.section!.closeEnd = hasGt ? tagEnd : end;
        d.end = d.section!.closeEnd;
        continue;
      }
      if (stack.length > MAX_NESTING) {
        errors.push({ message: `sections nested deeper than ${MAX_NESTING} levels are not analysed`, start: s, end: Math.max(tagEnd, s + 1), fixes: [] });
        skipped = 1;
        continue;
      }
      const args = words(text, nameEnd, inner, errors);
      const d: ApacheDirective = {
        name,
        lower: name.toLowerCase(),
        nameStart,
        nameEnd,
        args,
        start: s,
        end: hasGt ? tagEnd : end,
        section: { children: [], openEnd: hasGt ? tagEnd : end },
      };
      push(d);
      stack.push({ directive: d, children: d.section!.children });
      continue;
    }

    if (skipped > 0) continue;
    const tokens = words(text, s, end, errors);
    if (tokens.length === 0) continue;
    const [nameTok, ...args] = tokens;
    const d: ApacheDirective = {
      name: nameTok.value,
      lower: nameTok.value.toLowerCase(),
      nameStart: nameTok.start,
      nameEnd: nameTok.end,
      args,
      start: s,
      end,
    };
    push(d);
    if ((d.lower === 'include' || d.lower === 'includeoptional') && args.length >= 1) resolveInclude(d, state, errors);
  }

  while (stack.length > 1) {
    const open = stack.pop()!.directive!;
    open.end = n;
    errors.push({
      message: `<${open.name}> is never closed (missing </${open.name}>)`,
      start: open.start,
      end: open.section!.openEnd,
      fixes: [{ title: `Insert </${open.name}> at the end of the file`, edits: [{ start: n, end: n, newText: `${n > 0 && text[n - 1] !== '\n' ? '\n' : ''}</${open.name}>\n` }] }],
    });
  }
  return { directives: root.children, errors: errors.finish() };
}

function resolveInclude(d: ApacheDirective, state: ParseState, errors: ErrorSink): void {
  if (!state.loadInclude) return;
  const at = { start: d.nameStart, end: d.args[d.args.length - 1].end };
  const files = includedFiles(d.args[0].value, at, state, (text, file) => parseText(text, file, state), errors);
  if (files) d.included = files;
}

/** Parses an Apache httpd configuration; never throws. */
export function parseApache(text: string, options: ApacheParseOptions = {}): ApacheDocument {
  const state: ParseState = { loadInclude: options.loadInclude, cache: new Map(), active: [] };
  const { directives, errors } = parseText(text, undefined, state);
  errors.sort((a, b) => a.start - b.start || a.end - b.end);
  return { text, directives, errors };
}

export interface ApacheWalkEntry {
  node: ApacheDirective;
  /** The node itself when it is in the document, else the document's `Include` that brought it in. */
  anchor: ApacheDirective;
}

/**
 * The directives of a list in configuration order, includes expanded in place and the conditional
 * sections (`<IfModule>`, `<IfDefine>`, `<IfVersion>`, `<IfFile>`, `<IfDirective>`, `<IfSection>`)
 * opened as httpd would with the condition true. Other sections are returned as nodes, not entered.
 */
export const TRANSPARENT_SECTIONS = new Set(['ifmodule', 'ifdefine', 'ifversion', 'iffile', 'ifdirective', 'ifsection']);

export function expandApache(list: readonly ApacheDirective[], anchor: ApacheDirective | undefined, budget: { left: number }): ApacheWalkEntry[] {
  const out: ApacheWalkEntry[] = [];
  const stack: { list: readonly ApacheDirective[]; i: number; anchor: ApacheDirective | undefined }[] = [{ list, i: 0, anchor }];
  while (stack.length) {
    const f = stack[stack.length - 1];
    if (f.i >= f.list.length || budget.left <= 0) {
      stack.pop();
      continue;
    }
    const node = f.list[f.i++];
    budget.left--;
    const nodeAnchor = f.anchor ?? node;
    if (node.section && TRANSPARENT_SECTIONS.has(node.lower)) {
      stack.push({ list: node.section.children, i: 0, anchor: f.anchor });
      continue;
    }
    out.push({ node, anchor: nodeAnchor });
    if (node.included) {
      for (let k = node.included.length - 1; k >= 0; k--) stack.push({ list: node.included[k].directives, i: 0, anchor: nodeAnchor });
    }
  }
  return out;
}
