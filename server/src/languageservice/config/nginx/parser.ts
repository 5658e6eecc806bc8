import { IncludeState, MAX_INCLUDE_DEPTH, includedFiles } from '../includedFiles';
import type { Fix } from '../../rules/types';
import type { ConfigIncludeLoader } from '../model';

/**
 * A tolerant nginx configuration parser.
 *
 * It follows nginx's own tokenizer (`ngx_conf_read_token`): words end at whitespace, `;` or `{`
 * (except `${` inside a word); `#` starts a comment only where a token could start; `"…"` and `'…'`
 * strings take backslash escapes; a quoted string must be followed by whitespace, `;` or `{`.
 * Where nginx would stop with an error, this parser records a syntax error with a precise range and
 * goes on: a `}` glued to a word ends the block, an unterminated string ends at its line, a directive
 * cut off by `}` or the end of the file is kept, braces are matched with an explicit stack (no
 * recursion), so garbage of any size parses in linear time and nothing throws.
 *
 * `include` is resolved through the `ConfigIncludeLoader` of the options: each file it returns is
 * parsed on its own (nginx also requires an included file to be balanced) and attached to the
 * `include` directive. Nodes from included files carry `file` and offsets into *that* file; they
 * never get document offsets. Syntax errors inside an included file are reported on the `include`
 * directive that brought it in.
 */

export interface NginxArg {
  /** The value: quotes removed, escapes (`\"`, `\'`, `\\`, `\t`, `\r`, `\n`) processed. */
  value: string;
  /** The raw token, quotes included. */
  start: number;
  end: number;
  quoted: boolean;
}

export interface NginxDirective {
  name: string;
  nameStart: number;
  nameEnd: number;
  args: NginxArg[];
  /** From the name to the `;` or `}` included (or the last token when the directive is cut off). */
  start: number;
  end: number;
  /** Whether the directive ended properly (`;`, or a block closed by `}`). */
  terminated: boolean;
  /** The directives of a block; undefined for simple directives. */
  children?: NginxDirective[];
  /** Offset of the `{` of a block. */
  braceOpen?: number;
  /** Offset of the `}` closing a block; undefined when it is missing. */
  braceClose?: number;
  /** The included file's name when the directive comes from an `include`; offsets are then into that file. */
  file?: string;
  /** For `include`: the files the loader returned, parsed. */
  included?: NginxIncludedFile[];
}

export interface NginxIncludedFile {
  name: string;
  text: string;
  directives: NginxDirective[];
}

export interface NginxSyntaxError {
  message: string;
  start: number;
  end: number;
  fixes: Fix[];
}

export interface NginxDocument {
  text: string;
  directives: NginxDirective[];
  /** Syntax errors, in document offsets (errors of included files sit on their `include`). */
  errors: NginxSyntaxError[];
}

export interface NginxParseOptions {
  loadInclude?: ConfigIncludeLoader;
}

/** Syntax errors kept per file; the rest are counted in one last error (a file of 5 MB of `}` would otherwise hold millions). */
export const MAX_SYNTAX_ERRORS = 200;

class ErrorSink {
  readonly list: NginxSyntaxError[] = [];
  private dropped = 0;
  private firstDropped: { start: number; end: number } | undefined;

  get full(): boolean {
    return this.list.length >= MAX_SYNTAX_ERRORS;
  }

  push(e: NginxSyntaxError): void {
    if (this.list.length < MAX_SYNTAX_ERRORS) {
      this.list.push(e);
      return;
    }
    this.dropped++;
    this.firstDropped ??= { start: e.start, end: e.end };
  }

  finish(): NginxSyntaxError[] {
    if (this.dropped && this.firstDropped) this.list.push({ message: `${this.dropped} more syntax errors not shown`, ...this.firstDropped, fixes: [] });
    return this.list;
  }
}

/** Blocks nested deeper than this are skipped (reported), which bounds memory on garbage like 5 MB of `{`. */
export const MAX_NESTING = 100;

/** Includes nested deeper than this are not followed (nginx itself has no limit, but a cycle would never end). */
export { MAX_INCLUDE_DEPTH };

// ---------------------------------------------------------------------------------------------
// Tokenizer

const enum T {
  Word,
  Semicolon,
  Open,
  Close,
  Eof,
}

interface Token {
  type: T;
  start: number;
  end: number;
  value: string;
  quoted: boolean;
  /** A line break separates this token from the previous one. */
  newlineBefore: boolean;
  /** A string without its closing quote (already reported). */
  unterminated?: boolean;
}

const CH_SPACE = 32;
const CH_TAB = 9;
const CH_LF = 10;
const CH_CR = 13;
const CH_HASH = 35;
const CH_SEMI = 59;
const CH_OPEN = 123;
const CH_CLOSE = 125;
const CH_DQUOTE = 34;
const CH_SQUOTE = 39;
const CH_BACKSLASH = 92;
const CH_DOLLAR = 36;

function isSpace(c: number): boolean {
  return c === CH_SPACE || c === CH_TAB || c === CH_LF || c === CH_CR;
}

/** nginx's unescaping of a token (`ngx_conf_read_token`): `\"`, `\'`, `\\`, `\t`, `\r`, `\n`; other backslashes stay. */
function unescape(raw: string): string {
  if (raw.indexOf('\\') < 0) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\' && i + 1 < raw.length) {
      const n = raw[i + 1];
      if (n === '"' || n === "'" || n === '\\') {
        out += n;
        i++;
        continue;
      }
      if (n === 't') {
        out += '\t';
        i++;
        continue;
      }
      if (n === 'r') {
        out += '\r';
        i++;
        continue;
      }
      if (n === 'n') {
        out += '\n';
        i++;
        continue;
      }
    }
    out += c;
  }
  return out;
}

class Tokenizer {
  pos = 0;
  /** Quote characters for which a scan already ran to the end of the file: later strings cannot close either. */
  private readonly unclosable = new Set<number>();

  constructor(
    readonly text: string,
    readonly errors: ErrorSink,
  ) {}

  private error(message: string, start: number, end: number, fixes: Fix[] = []): void {
    this.errors.push({ message, start, end: Math.max(end, start + 1 <= this.text.length ? start + 1 : start), fixes });
  }

  next(): Token {
    const text = this.text;
    const n = text.length;
    let newlineBefore = false;
    // Skip whitespace and comments.
    while (this.pos < n) {
      const c = text.charCodeAt(this.pos);
      if (c === CH_LF) {
        newlineBefore = true;
        this.pos++;
      } else if (isSpace(c)) {
        this.pos++;
      } else if (c === CH_HASH) {
        const eol = text.indexOf('\n', this.pos);
        this.pos = eol < 0 ? n : eol;
      } else break;
    }
    const start = this.pos;
    if (start >= n) return { type: T.Eof, start: n, end: n, value: '', quoted: false, newlineBefore };
    const c = text.charCodeAt(start);
    if (c === CH_SEMI) {
      this.pos++;
      return { type: T.Semicolon, start, end: start + 1, value: ';', quoted: false, newlineBefore };
    }
    if (c === CH_OPEN) {
      this.pos++;
      return { type: T.Open, start, end: start + 1, value: '{', quoted: false, newlineBefore };
    }
    if (c === CH_CLOSE) {
      this.pos++;
      return { type: T.Close, start, end: start + 1, value: '}', quoted: false, newlineBefore };
    }
    if (c === CH_DQUOTE || c === CH_SQUOTE) return this.quoted(c, start, newlineBefore);
    return this.word(start, newlineBefore);
  }

  private quoted(quote: number, start: number, newlineBefore: boolean): Token {
    const text = this.text;
    const n = text.length;
    let i = start + 1;
    let closed = -1;
    let firstNewline = -1;
    if (!this.unclosable.has(quote)) {
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === CH_BACKSLASH) {
          if (firstNewline < 0 && text.charCodeAt(i + 1) === CH_LF) firstNewline = i + 1;
          i += 2;
          continue;
        }
        if (c === quote) {
          closed = i;
          break;
        }
        if (c === CH_LF && firstNewline < 0) firstNewline = i;
        i++;
      }
    }
    // A string that runs over a line break and whose closing quote is glued to a word ("…\n … "ok)
    // is almost always an opening quote that lost its partner: the quote found is the next string's.
    const suspicious = closed >= 0 && firstNewline >= 0 && closed + 1 < n && !this.separatorAt(closed + 1);
    if (closed < 0 || suspicious) {
      // Unterminated: nginx would read to the end of the file. End the string at its line instead.
      if (closed < 0) this.unclosable.add(quote);
      let eol = closed < 0 ? text.indexOf('\n', start) : firstNewline;
      if (eol < 0) eol = n;
      let contentEnd = eol;
      if (contentEnd > start + 1 && text.charCodeAt(contentEnd - 1) === CH_CR) contentEnd--;
      const q = String.fromCharCode(quote);
      this.error(`unterminated string: missing closing ${q}`, start, contentEnd, [
        { title: `Close the string with ${q}`, edits: [{ start: contentEnd, end: contentEnd, newText: q }], preferred: true },
      ]);
      this.pos = eol;
      return { type: T.Word, start, end: contentEnd, value: unescape(text.slice(start + 1, contentEnd)), quoted: true, newlineBefore, unterminated: true };
    }
    this.pos = closed + 1;
    // nginx: a quoted string must be followed by whitespace, ';', '{' (or ')').
    if (this.pos < n) {
      if (!this.separatorAt(this.pos)) {
        this.error(`unexpected "${text[this.pos]}" after the quoted string: nginx needs a space here`, this.pos, this.pos + 1, [
          { title: 'Insert a space', edits: [{ start: this.pos, end: this.pos, newText: ' ' }], preferred: true },
        ]);
      }
    }
    return { type: T.Word, start, end: closed + 1, value: unescape(text.slice(start + 1, closed)), quoted: true, newlineBefore };
  }

  /** Whether nginx accepts the character at i right after a closing quote. */
  private separatorAt(i: number): boolean {
    const c = this.text.charCodeAt(i);
    return isSpace(c) || c === CH_SEMI || c === CH_OPEN || c === CH_CLOSE || c === 41;
  }

  private word(start: number, newlineBefore: boolean): Token {
    const text = this.text;
    const n = text.length;
    let i = start;
    let inVariableBraces = false;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === CH_BACKSLASH) {
        i += 2;
        continue;
      }
      if (isSpace(c) || c === CH_SEMI) break;
      if (c === CH_OPEN) {
        // `${name}` keeps the brace in the word; any other `{` opens a block.
        if (i > start && text.charCodeAt(i - 1) === CH_DOLLAR) {
          inVariableBraces = true;
          i++;
          continue;
        }
        break;
      }
      if (c === CH_CLOSE) {
        if (inVariableBraces) {
          inVariableBraces = false;
          i++;
          continue;
        }
        // nginx would keep the '}' in the word and then miss the end of the block; end the word here
        // (the parser reports the missing ';').
        break;
      }
      i++;
    }
    if (i > n) i = n;
    this.pos = i;
    const raw = text.slice(start, i);
    return { type: T.Word, start, end: i, value: unescape(raw), quoted: false, newlineBefore };
  }

  /**
   * Skips a Lua block body (OpenResty `*_by_lua_block { … }`): the `{` has been read; stops after
   * the matching `}`. Knows Lua strings, long brackets and comments well enough to balance braces.
   * Returns the offset of the closing brace, or -1 at the end of the file.
   */
  skipLuaBlock(): number {
    const text = this.text;
    const n = text.length;
    let depth = 1;
    let i = this.pos;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === CH_DQUOTE || c === CH_SQUOTE) {
        i++;
        while (i < n) {
          const d = text.charCodeAt(i);
          if (d === CH_BACKSLASH) i += 2;
          else if (d === c || d === CH_LF) {
            i++;
            break;
          } else i++;
        }
        continue;
      }
      if (c === 45 && text.charCodeAt(i + 1) === 45) {
        // -- comment, possibly --[[ long ]]
        const long = this.longBracketEnd(i + 2);
        if (long >= 0) i = long;
        else {
          const eol = text.indexOf('\n', i);
          i = eol < 0 ? n : eol + 1;
        }
        continue;
      }
      if (c === 91) {
        const long = this.longBracketEnd(i);
        if (long >= 0) {
          i = long;
          continue;
        }
      }
      if (c === CH_OPEN) depth++;
      else if (c === CH_CLOSE) {
        depth--;
        if (depth === 0) {
          this.pos = i + 1;
          return i;
        }
      }
      i++;
    }
    this.pos = n;
    return -1;
  }

  /** If a Lua long bracket `[[` / `[==[` opens at i, the offset after its closing bracket (or the end). */
  private longBracketEnd(i: number): number {
    const text = this.text;
    if (text.charCodeAt(i) !== 91) return -1;
    let j = i + 1;
    while (text.charCodeAt(j) === 61) j++;
    if (text.charCodeAt(j) !== 91) return -1;
    const close = ']' + '='.repeat(j - i - 1) + ']';
    const end = text.indexOf(close, j + 1);
    return end < 0 ? text.length : end + close.length;
  }
}

// ---------------------------------------------------------------------------------------------
// Parser

/**
 * Directives common enough that, written at the start of a line inside another known directive, they
 * mean the previous line lacks its `;` (nginx would read them as arguments and fail). Names that also
 * occur as arguments on their own line (`ssl`, `http2`, `proxy_protocol` …) are left out on purpose.
 */
const LINE_START_DIRECTIVES = new Set([
  'access_log', 'add_header', 'alias', 'allow', 'auth_basic', 'auth_basic_user_file', 'autoindex', 'charset',
  'client_max_body_size', 'default_type', 'deny', 'error_log', 'error_page', 'expires', 'fastcgi_param',
  'fastcgi_pass', 'gzip', 'include', 'index', 'keepalive_timeout', 'limit_conn', 'limit_req', 'listen',
  'location', 'proxy_http_version', 'proxy_pass', 'proxy_read_timeout', 'proxy_redirect', 'proxy_set_header',
  'resolver', 'return', 'rewrite', 'root', 'sendfile', 'server_name', 'server_tokens', 'ssl_certificate',
  'ssl_certificate_key', 'ssl_ciphers', 'ssl_client_certificate', 'ssl_dhparam', 'ssl_early_data',
  'ssl_ecdh_curve', 'ssl_prefer_server_ciphers', 'ssl_protocols', 'ssl_session_cache', 'ssl_session_ticket_key',
  'ssl_session_tickets', 'ssl_session_timeout', 'ssl_stapling', 'ssl_stapling_verify', 'ssl_trusted_certificate',
  'ssl_verify_client', 'ssl_verify_depth', 'starttls', 'tcp_nodelay', 'tcp_nopush', 'try_files', 'uwsgi_pass',
  'worker_connections', 'worker_processes',
]);

/** Blocks whose entries are data, not directives (the missing-`;` heuristic stays out of them). */
const DATA_BLOCKS = new Set(['map', 'types', 'geo', 'split_clients', 'match', 'charset_map', 'upstream']);

function isLuaBlock(name: string): boolean {
  return name.endsWith('_by_lua_block');
}

interface Frame {
  directive: NginxDirective | undefined;
  children: NginxDirective[];
}

type ParseState = IncludeState<NginxDirective>;


function parseText(text: string, file: string | undefined, state: ParseState): { directives: NginxDirective[]; errors: NginxSyntaxError[] } {
  const errors = new ErrorSink();
  const tokens = new Tokenizer(text, errors);
  const root: Frame = { directive: undefined, children: [] };
  const stack: Frame[] = [root];
  let current: NginxDirective | undefined;
  /** Whether the last argument of `current` is an unterminated string: its missing ';' is part of that error. */
  let lastUnterminated = false;

  const top = (): Frame => stack[stack.length - 1];
  const error = (message: string, start: number, end: number, fixes: Fix[] = []): void => {
    errors.push({ message, start, end: Math.max(end, Math.min(start + 1, text.length)), fixes });
  };
  const missingSemicolon = (message: string, d: NginxDirective): void => {
    if (lastUnterminated) return;
    const at = lastEnd(d);
    error(message, lastStart(d), at, insertSemicolon(at));
  };
  const insertSemicolon = (at: number): Fix[] => [{ title: "Insert ';'", edits: [{ start: at, end: at, newText: ';' }], preferred: true }];
  const finish = (d: NginxDirective, end: number, terminated: boolean): void => {
    d.end = end;
    d.terminated = terminated;
    top().children.push(d);
    if (d.name === 'include' && d.children === undefined) resolveInclude(d, state, errors);
  };
  const lastEnd = (d: NginxDirective): number => (d.args.length ? d.args[d.args.length - 1].end : d.nameEnd);
  const lastStart = (d: NginxDirective): number => (d.args.length ? d.args[d.args.length - 1].start : d.nameStart);

  for (;;) {
    const tok = tokens.next();
    if (tok.type === T.Word) {
      if (!current) {
        current = { name: tok.value, nameStart: tok.start, nameEnd: tok.end, args: [], start: tok.start, end: tok.end, terminated: false };
        if (file !== undefined) current.file = file;
      } else if (
        tok.newlineBefore &&
        !tok.quoted &&
        current.args.length > 0 &&
        LINE_START_DIRECTIVES.has(tok.value) &&
        LINE_START_DIRECTIVES.has(current.name) &&
        !DATA_BLOCKS.has(top().directive?.name ?? '')
      ) {
        missingSemicolon(`missing ';' after "${current.name}": the next line starts the "${tok.value}" directive`, current);
        finish(current, lastEnd(current), false);
        current = { name: tok.value, nameStart: tok.start, nameEnd: tok.end, args: [], start: tok.start, end: tok.end, terminated: false };
        if (file !== undefined) current.file = file;
      } else {
        current.args.push({ value: tok.value, start: tok.start, end: tok.end, quoted: tok.quoted });
      }
      lastUnterminated = tok.unterminated === true;
    } else if (tok.type === T.Semicolon) {
      if (current) {
        finish(current, tok.end, true);
        current = undefined;
      } else {
        error('unexpected ";"', tok.start, tok.end, [{ title: "Remove the ';'", edits: [{ start: tok.start, end: tok.end, newText: '' }] }]);
      }
    } else if (tok.type === T.Open) {
      let d = current;
      if (!d) {
        error('unexpected "{": a block needs a name', tok.start, tok.end);
        d = { name: '', nameStart: tok.start, nameEnd: tok.start, args: [], start: tok.start, end: tok.end, terminated: false };
        if (file !== undefined) d.file = file;
      }
      current = undefined;
      d.children = [];
      d.braceOpen = tok.start;
      if (stack.length > MAX_NESTING) {
        // Skip the block without building it: real configurations nest a handful of levels.
        error(`blocks nested deeper than ${MAX_NESTING} levels are not analysed`, d.nameStart, tok.end);
        let depth = 1;
        let t = tok;
        while (depth > 0) {
          t = tokens.next();
          if (t.type === T.Eof) break;
          if (t.type === T.Open) depth++;
          else if (t.type === T.Close) depth--;
        }
        if (depth === 0) {
          d.braceClose = t.start;
          finish(d, t.end, true);
        } else {
          error(`missing "}" for the "${d.name || '{'}" block opened here`, d.nameStart, tok.end);
          finish(d, text.length, false);
        }
        continue;
      }
      if (isLuaBlock(d.name)) {
        const close = tokens.skipLuaBlock();
        if (close < 0) {
          error(`missing "}" for "${d.name}"`, d.nameStart, tok.end, [{ title: "Insert '}'", edits: [{ start: text.length, end: text.length, newText: '\n}\n' }] }]);
          finish(d, text.length, false);
        } else {
          d.braceClose = close;
          finish(d, close + 1, true);
        }
      } else {
        stack.push({ directive: d, children: d.children });
      }
    } else if (tok.type === T.Close) {
      if (current) {
        missingSemicolon(`missing ';' before "}" after "${current.name}"`, current);
        finish(current, lastEnd(current), false);
        current = undefined;
      }
      if (stack.length > 1) {
        const frame = stack.pop()!;
        const d = frame.directive!;
        d.braceClose = tok.start;
        finish(d, tok.end, true);
      } else {
        error('unexpected "}": no block is open here', tok.start, tok.end, [{ title: "Remove the '}'", edits: [{ start: tok.start, end: tok.end, newText: '' }] }]);
      }
    } else {
      if (current) {
        missingSemicolon(`missing ';' at the end of "${current.name}" (end of file)`, current);
        finish(current, lastEnd(current), false);
        current = undefined;
      }
      // Each unclosed block's fix closes it and every block opened inside it.
      const innermost = stack.length;
      while (stack.length > 1) {
        const closing = innermost - stack.length + 1;
        const frame = stack.pop()!;
        const d = frame.directive!;
        if (!errors.full) {
          const braces = closing === 1 ? "'}'" : `${closing} '}'`;
          const fixes: Fix[] = closing <= 20 ? [{ title: `Insert ${braces} at the end of the file`, edits: [{ start: text.length, end: text.length, newText: '\n' + '}\n'.repeat(closing) }] }] : [];
          error(`missing "}" for the "${d.name || '{'}" block opened here`, d.nameStart, (d.braceOpen ?? d.nameEnd) + 1, fixes);
        } else error(`missing "}"`, d.nameStart, (d.braceOpen ?? d.nameEnd) + 1);
        finish(d, text.length, false);
      }
      break;
    }
  }
  return { directives: root.children, errors: errors.finish() };
}

function resolveInclude(d: NginxDirective, state: ParseState, errors: ErrorSink): void {
  if (!state.loadInclude || d.args.length !== 1) return;
  const at = { start: d.nameStart, end: d.args[0].end };
  const files = includedFiles(d.args[0].value, at, state, (text, file) => parseText(text, file, state), errors);
  if (files) d.included = files;
}

/** Parses an nginx configuration; never throws. */
export function parseNginx(text: string, options: NginxParseOptions = {}): NginxDocument {
  const state: ParseState = { loadInclude: options.loadInclude, cache: new Map(), active: [] };
  const { directives, errors } = parseText(text, undefined, state);
  errors.sort((a, b) => a.start - b.start || a.end - b.end);
  return { text, directives, errors };
}

/**
 * Walks directives in configuration order with includes expanded in place, as nginx reads them.
 * `anchor` is the node in the document to report at: the node itself, or the document's `include`
 * that (directly or not) brought it in. Stops after `budget` nodes (a diamond of includes could
 * otherwise expand exponentially).
 */
export interface WalkEntry {
  node: NginxDirective;
  anchor: NginxDirective;
}

export function expandIncludes(directives: readonly NginxDirective[], anchor: NginxDirective | undefined, budget: { left: number }): WalkEntry[] {
  const out: WalkEntry[] = [];
  // Explicit stack of iterators so that deep include chains do not recurse.
  const stack: { list: readonly NginxDirective[]; i: number; anchor: NginxDirective | undefined }[] = [{ list: directives, i: 0, anchor }];
  while (stack.length) {
    const frame = stack[stack.length - 1];
    if (frame.i >= frame.list.length || budget.left <= 0) {
      stack.pop();
      continue;
    }
    const node = frame.list[frame.i++];
    budget.left--;
    const nodeAnchor = frame.anchor ?? node;
    out.push({ node, anchor: nodeAnchor });
    if (node.name === 'include' && node.included) {
      for (let k = node.included.length - 1; k >= 0; k--) stack.push({ list: node.included[k].directives, i: 0, anchor: nodeAnchor });
    }
  }
  return out;
}
