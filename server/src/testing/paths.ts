import * as fs from 'fs';
import * as path from 'path';

/** The repository root, found from a compiled or source file location. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) || !fs.existsSync(path.join(dir, 'server'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('repository root not found above ' + __dirname);
    dir = parent;
  }
  return dir;
}

export function readRepoFile(...parts: string[]): string {
  return fs.readFileSync(path.join(repoRoot(), ...parts), 'utf8');
}

/** Section numbers that exist in the spec: "§3.2" for "### 3.2 ...", "§8" for "## 8. ...". */
export function specSections(spec: string): Set<string> {
  const sections = new Set<string>();
  for (const m of spec.matchAll(/^#{2,3} (\d+(?:\.\d+)?)\.? /gm)) sections.add('§' + m[1]);
  return sections;
}
