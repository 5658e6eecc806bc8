import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ConfigIncludeLoader } from '../languageservice/config/model';

/** Included configuration files larger than this, or more of them than this, are not read. */
const MAX_INCLUDE_BYTES = 2 * 1024 * 1024;
const MAX_MATCHES = 256;

function globToRegExp(pattern: string): RegExp {
  return new RegExp('^' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]') + '$');
}

function readText(file: string): string | undefined {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile() || stat.size > MAX_INCLUDE_BYTES) return undefined;
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * nginx `include` and Apache `Include`/`IncludeOptional`: a path (absolute, or relative to the
 * configuration file's folder), with `*` and `?` in its last segment, sorted as the servers do.
 * Variables such as `${APACHE_RUN_DIR}` are not expanded: such includes are simply not found.
 */
export function configIncludeLoader(documentPath: string): ConfigIncludeLoader {
  const base = path.dirname(documentPath);
  return (name) => {
    if (name.includes('\0') || name.includes('${')) return undefined;
    const full = path.resolve(base, name);
    const dir = path.dirname(full);
    const leaf = path.basename(full);
    if (!/[*?]/.test(leaf)) {
      const text = readText(full);
      return text === undefined ? undefined : [{ text, name: full }];
    }
    let entries: string[];
    try {
      entries = fs.readdirSync(dir).sort();
    } catch {
      return undefined;
    }
    const match = globToRegExp(leaf);
    const out: { text: string; name: string }[] = [];
    for (const entry of entries) {
      if (out.length >= MAX_MATCHES) break;
      if (!match.test(entry)) continue;
      const text = readText(path.join(dir, entry));
      if (text !== undefined) out.push({ text, name: path.join(dir, entry) });
    }
    return out;
  };
}
