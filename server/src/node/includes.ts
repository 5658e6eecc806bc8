import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IncludeLoader } from '../languageservice/c/macros';

// Headers are only stat'ed and read, never executed or written: following includes is safe in an untrusted workspace.

/** Headers larger than this are not read for macros. */
const MAX_HEADER_BYTES = 1024 * 1024;

const cache = new Map<string, { mtimeMs: number; size: number; text: string | undefined }>();

function readHeader(file: string): string | undefined {
  let stat: fs.Stats | undefined;
  try {
    // Most quoted includes are not beside the file: no exception for a missing one.
    stat = fs.statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
  if (!stat?.isFile()) return undefined;
  const cached = cache.get(file);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.text;
  let text: string | undefined;
  if (stat.size <= MAX_HEADER_BYTES) {
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      text = undefined;
    }
  }
  cache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, text });
  return text;
}

/**
 * Loads `#include "name"` headers the way a compiler looks for quoted includes: beside the
 * including file first, then in each search directory (workspace roots and their include/).
 * Nothing outside those directories is read, and nothing is executed.
 */
export function fileIncludeLoader(documentPath: string, searchDirs: readonly string[] = []): IncludeLoader {
  const dirs = [path.dirname(documentPath), ...searchDirs.flatMap((d) => [d, path.join(d, 'include')])];
  return (name) => {
    if (path.isAbsolute(name) || name.includes('\0')) return undefined;
    for (const dir of dirs) {
      const text = readHeader(path.resolve(dir, name));
      if (text !== undefined) return text;
    }
    return undefined;
  };
}
