import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Finding C-family files on disk: used by the CLI (the paths it is given) and by the language
 * server (the workspace, for contexts configured across files). Nothing here runs anything.
 */

export type LanguageId = 'c' | 'cpp' | 'objective-c' | 'objective-cpp' | 'sslcache' | 'nginx' | 'apacheconf' | 'haproxy' | 'stunnel' | 'postfix' | 'python' | 'ruby' | 'perl' | 'rust';

/** Extensions that are linted, and the LSP language id each one gets. `.C` (upper case) is C++. */
export const LANGUAGE_BY_EXTENSION: Readonly<Record<string, LanguageId>> = {
  '.c': 'c',
  '.h': 'c',
  '.cc': 'cpp',
  '.cpp': 'cpp',
  '.cxx': 'cpp',
  '.hpp': 'cpp',
  '.hh': 'cpp',
  '.hxx': 'cpp',
  '.C': 'cpp',
  '.ino': 'cpp',
  '.m': 'objective-c',
  '.mm': 'objective-cpp',
};

/** Directories never entered while recursing (dot-directories are skipped as well). */
export const SKIPPED_DIRECTORIES = new Set(['node_modules']);

/**
 * The language of a file: C family by extension (exact match first, `.C`, then case-insensitive,
 * `.CPP`), `.sslcache`, and nginx and Apache configurations by the well-known names and folders the
 * extension contributes (`nginx.conf`, `…/nginx/….conf`, `httpd.conf`, `apache2.conf`,
 * `…/apache2/….conf`, `…/httpd/….conf`, and their `sites-available`/`sites-enabled`; `haproxy.cfg`,
 * `…/haproxy/*.cfg`; `stunnel.conf`, `…/stunnel/*.conf`; Postfix `main.cf`) — never every `.conf` or `.cfg`.
 */
export function languageIdForPath(file: string): LanguageId | undefined {
  const ext = path.extname(file);
  const name = path.basename(file);
  if (ext === '.sslcache') return 'sslcache';
  // pyOpenSSL, Ruby OpenSSL, Net::SSLeay and Rust openssl/boring code: files without a context configure nothing and report nothing.
  if (ext === '.py') return 'python';
  if (ext === '.rb') return 'ruby';
  if (ext === '.pl' || ext === '.pm') return 'perl';
  if (ext === '.rs') return 'rust';
  if (name === 'nginx.conf') return 'nginx';
  if (name === 'httpd.conf' || name === 'apache2.conf') return 'apacheconf';
  if (name === 'haproxy.cfg' || (ext === '.cfg' && path.basename(path.dirname(file)) === 'haproxy')) return 'haproxy';
  const parent = path.basename(path.dirname(file));
  if (name === 'main.cf') return 'postfix';
  if (name === 'stunnel.conf' || (ext === '.conf' && parent === 'stunnel')) return 'stunnel';
  const inSites = parent === 'sites-available' || parent === 'sites-enabled';
  // Only .conf files and files in sites-* folders depend on the folders around them.
  if (ext === '.conf' || inSites) {
    const parts = path.resolve(file).split(path.sep);
    if (parts.includes('nginx')) return 'nginx';
    if (parts.includes('apache2') || parts.includes('httpd')) return 'apacheconf';
  }
  if (ext === '') return undefined;
  return LANGUAGE_BY_EXTENSION[ext] ?? LANGUAGE_BY_EXTENSION[ext.toLowerCase()];
}

export interface LintTarget {
  /** Absolute path. */
  absolute: string;
  /** Relative to the working directory, with forward slashes. */
  file: string;
  languageId: LanguageId;
}

export interface CollectedTargets {
  targets: LintTarget[];
  /** One line each: a path that does not exist, is not a C-family file, or cannot be listed. */
  errors: string[];
}

/** Forward-slash path of `absolute` relative to `cwd`. */
export function displayPath(absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute);
  return (relative === '' ? '.' : relative).split(path.sep).join('/');
}

export function errorCode(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  // Node's messages usually start with the code already ("ENOENT: no such file or directory, open 'x'").
  if (err.code && typeof err.message === 'string' && err.message.startsWith(err.code)) return err.message;
  return err.code ? `${err.code}: ${err.message}` : String(err.message ?? e);
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Expands PATHs into the files to lint, deduplicated and sorted by their display path. */
export function collectTargets(paths: readonly string[], cwd: string): CollectedTargets {
  const found = new Map<string, LintTarget>();
  const errors: string[] = [];
  const add = (absolute: string, languageId: LanguageId, display = displayPath(absolute, cwd)) => {
    if (!found.has(absolute)) found.set(absolute, { absolute, file: display, languageId });
  };
  // Display paths of a walked folder's entries are its own plus the name: no path.relative per file.
  const walk = (dir: string, display: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      errors.push(`${display}: cannot read directory (${errorCode(e)})`);
      return;
    }
    entries.sort((a, b) => compareStrings(a.name, b.name));
    for (const entry of entries) {
      const absolute = dir.endsWith(path.sep) ? dir + entry.name : dir + path.sep + entry.name;
      const entryDisplay = display === '.' ? entry.name : `${display}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name.startsWith('.') || SKIPPED_DIRECTORIES.has(entry.name)) continue;
        walk(absolute, entryDisplay);
        continue;
      }
      // The whole path: nginx and Apache files are recognised by the folders they sit in.
      const languageId = languageIdForPath(absolute);
      if (languageId === undefined) continue;
      if (entry.isFile()) {
        add(absolute, languageId, entryDisplay);
      } else if (entry.isSymbolicLink()) {
        // Linked files are linted; linked directories are not followed (no cycles).
        const target = fs.statSync(absolute, { throwIfNoEntry: false });
        if (target?.isFile()) add(absolute, languageId, entryDisplay);
      }
    }
  };
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(absolute, { throwIfNoEntry: false });
    } catch (e) {
      errors.push(`${given}: cannot access (${errorCode(e)})`);
      continue;
    }
    if (stat === undefined) {
      errors.push(`${given}: no such file or directory`);
    } else if (stat.isDirectory()) {
      walk(absolute, displayPath(absolute, cwd));
    } else if (!stat.isFile()) {
      errors.push(`${given}: not a regular file or directory`);
    } else {
      const languageId = languageIdForPath(absolute);
      if (languageId === undefined) {
        errors.push(`${given}: not a C/C++ file (expected ${Object.keys(LANGUAGE_BY_EXTENSION).join(' ')})`);
      } else {
        add(absolute, languageId);
      }
    }
  }
  const targets = [...found.values()].sort((a, b) => compareStrings(a.file, b.file) || compareStrings(a.absolute, b.absolute));
  return { targets, errors };
}
