import { pathToFileURL } from 'node:url';
import type { RuleMeta } from '../languageservice/rules/lint';
import type { Finding, Severity } from '../languageservice/rules/types';

/**
 * SARIF 2.1.0 output for `sesscache lint --format sarif` (GitHub code scanning, VS Code SARIF viewer).
 * The log validates against the SARIF 2.1.0 JSON schema vendored in `schemas/sarif-schema-2.1.0.json`
 * (checked by `sarif.test.ts`).
 */

declare const __SESSCACHE_VERSION__: string | undefined;
const VERSION: string = typeof __SESSCACHE_VERSION__ === 'string' ? __SESSCACHE_VERSION__ : 'dev';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SARIF_VERSION = '2.1.0';
/** The uriBaseId every artifact location is relative to (the directory sesscache ran in). */
export const SRCROOT = '%SRCROOT%';
/** Where the rules are documented, relative to the repository root; anchors are rule ids. */
export const RULES_DOC = 'docs/rules.md';

// ---------------------------------------------------------------------------------------------
// Positions: document offsets -> LSP positions (0-based line, character in UTF-16 code units).

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

const CR = 13;
const LF = 10;

/**
 * Line starts of a text, for turning offsets (UTF-16 indices into the JS string, which is what
 * Finding offsets are) into positions. Line breaks are \r\n, \n and a lone \r, as in LSP and
 * vscode-languageserver-textdocument; an offset inside a line break is moved before it.
 */
export class LineIndex {
  private readonly starts: number[] = [0];
  /** Whether some line ends with a lone \r (SARIF's default newlineSequences do not include it). */
  readonly hasLoneCarriageReturn: boolean = false;

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === CR) {
        if (text.charCodeAt(i + 1) === LF) i++;
        else this.hasLoneCarriageReturn = true;
        this.starts.push(i + 1);
      } else if (c === LF) {
        this.starts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    let o = Math.max(0, Math.min(Math.floor(offset), this.text.length));
    let low = 0;
    let high = this.starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.starts[mid] > o) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    const start = this.starts[line];
    while (o > start && isEol(this.text.charCodeAt(o - 1))) o--;
    return { line, character: o - start };
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(Math.max(start, end)) };
  }
}

function isEol(c: number): boolean {
  return c === CR || c === LF;
}

// ---------------------------------------------------------------------------------------------
// The SARIF objects we write (a subset of the 2.1.0 object model).

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

export interface SarifMessage {
  text: string;
  markdown?: string;
}

export interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface SarifArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

export interface SarifReplacement {
  deletedRegion: SarifRegion;
  insertedContent?: { text: string };
}

export interface SarifFix {
  description: SarifMessage;
  artifactChanges: { artifactLocation: SarifArtifactLocation; replacements: SarifReplacement[] }[];
}

export interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: { physicalLocation: { artifactLocation: SarifArtifactLocation; region: SarifRegion } }[];
  fixes?: SarifFix[];
  properties?: Record<string, unknown>;
}

export interface SarifReportingDescriptor {
  id: string;
  name: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  help: SarifMessage;
  helpUri?: string;
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[]; [key: string]: unknown };
}

export interface SarifRun {
  tool: { driver: { name: string; version: string; rules: SarifReportingDescriptor[] } };
  columnKind: 'utf16CodeUnits';
  newlineSequences?: string[];
  originalUriBaseIds?: Record<string, { uri: string }>;
  results: SarifResult[];
}

export interface SarifLog {
  $schema: string;
  version: typeof SARIF_VERSION;
  runs: SarifRun[];
}

// ---------------------------------------------------------------------------------------------

/** One linted file: its path relative to the source root (any separators) and what was found. */
export interface SarifFileInput {
  path: string;
  text: string;
  findings: readonly Finding[];
  /** The text's line index when the caller already has one. */
  lines?: LineIndex;
}

export interface SarifOptions {
  rules: readonly RuleMeta[];
  /** Tool version; defaults to the version baked into the build ("dev" when run from source). */
  version?: string;
  /**
   * Absolute directory the artifact URIs are relative to. When given, run.originalUriBaseIds
   * maps %SRCROOT% to it (viewers use it to open files; GitHub uses the checkout instead).
   */
  srcRoot?: string;
  /**
   * Absolute URI of the repository root as published (e.g. "https://github.com/o/r/blob/main/").
   * helpUri must be an absolute URI in SARIF, so rules get `helpUri` = base + docs/rules.md#id only
   * when this is given; otherwise the relative link is in `help.markdown`.
   */
  helpBaseUri?: string;
}

export const SARIF_LEVELS: Record<Severity, SarifLevel> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

/** "unknown-flag" -> "UnknownFlag": SARIF's readable rule name. */
export function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

/** Markdown paragraph -> plain text (links keep their text, code and emphasis marks go). */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*\*|`/g, '')
    .replace(/(^|[\s(])[*_]([^*_\s][^*_]*)[*_]/g, '$1$2')
    .trim();
}

/** A relative path (either separator) as a relative URI reference: forward slashes, each segment percent-encoded. */
export function pathToRelativeUri(relativePath: string): string {
  return relativePath
    .split(/[\\/]+/)
    .filter((segment, i) => segment !== '' && !(segment === '.' && i === 0))
    .map((segment) => (segment === '..' ? segment : encodeURIComponent(segment)))
    .join('/');
}

function firstSentence(text: string): string {
  const match = /^(.+?[.!?])(\s|$)/s.exec(text);
  return (match ? match[1] : text).trim();
}

export function reportingDescriptor(meta: RuleMeta, helpBaseUri?: string): SarifReportingDescriptor {
  const anchor = `${RULES_DOC}#${meta.id}`;
  const description = meta.description.trim();
  const text = markdownToText(description);
  const descriptor: SarifReportingDescriptor = {
    id: meta.id,
    name: ruleName(meta.id),
    shortDescription: { text: meta.title.trim() || firstSentence(text) },
    fullDescription: { text, markdown: description },
    help: {
      text: `${text}\n\nSpec ${meta.section}. Documentation: ${anchor}`,
      markdown: `${description}\n\nSpec ${meta.section}. Documentation: [${anchor}](${anchor}).`,
    },
    defaultConfiguration: { level: SARIF_LEVELS[meta.defaultSeverity] },
    properties: { tags: ['openssl', 'tls', 'session-cache'], section: meta.section },
  };
  if (helpBaseUri !== undefined) {
    descriptor.helpUri = new URL(anchor, helpBaseUri.endsWith('/') ? helpBaseUri : helpBaseUri + '/').href;
  }
  return descriptor;
}

function region(lines: LineIndex, start: number, end: number): SarifRegion {
  const range = lines.rangeOf(start, end);
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

function fixesOf(finding: Finding, lines: LineIndex, artifactLocation: SarifArtifactLocation): SarifFix[] {
  const fixes: SarifFix[] = [];
  const seen = new Set<string>();
  for (const fix of finding.fixes) {
    if (fix.edits.length === 0) continue;
    const replacements = [...fix.edits]
      .sort((a, b) => a.start - b.start || a.end - b.end)
      .map((edit): SarifReplacement => {
        const replacement: SarifReplacement = { deletedRegion: region(lines, edit.start, edit.end) };
        if (edit.newText !== '') replacement.insertedContent = { text: edit.newText };
        return replacement;
      });
    const sarifFix: SarifFix = {
      description: { text: fix.title },
      artifactChanges: [{ artifactLocation: { ...artifactLocation }, replacements }],
    };
    const key = JSON.stringify(sarifFix);
    if (seen.has(key)) continue; // result.fixes must hold unique items
    seen.add(key);
    fixes.push(sarifFix);
  }
  return fixes;
}

/** Builds one SARIF 2.1.0 log with one run over the given files, in the order given. */
export function buildSarifLog(files: readonly SarifFileInput[], options: SarifOptions): SarifLog {
  const ruleIndex = new Map<string, number>();
  options.rules.forEach((meta, i) => {
    if (!ruleIndex.has(meta.id)) ruleIndex.set(meta.id, i);
  });
  const results: SarifResult[] = [];
  let loneCarriageReturn = false;
  for (const file of files) {
    const lines = file.lines ?? new LineIndex(file.text);
    loneCarriageReturn ||= lines.hasLoneCarriageReturn;
    const artifactLocation: SarifArtifactLocation = { uri: pathToRelativeUri(file.path), uriBaseId: SRCROOT };
    for (const finding of file.findings) {
      const index = ruleIndex.get(finding.ruleId);
      const fixes = fixesOf(finding, lines, artifactLocation);
      results.push({
        ruleId: finding.ruleId,
        ...(index !== undefined ? { ruleIndex: index } : {}),
        level: SARIF_LEVELS[finding.severity],
        message: { text: finding.message },
        locations: [{ physicalLocation: { artifactLocation: { ...artifactLocation }, region: region(lines, finding.start, finding.end) } }],
        ...(fixes.length > 0 ? { fixes } : {}),
        // information and hint both map to "note"; keep sesscache's own severity.
        properties: { severity: finding.severity },
      });
    }
  }
  const run: SarifRun = {
    tool: {
      driver: {
        name: 'sesscache',
        version: options.version ?? VERSION,
        rules: options.rules.map((meta) => reportingDescriptor(meta, options.helpBaseUri)),
      },
    },
    columnKind: 'utf16CodeUnits',
    results,
  };
  if (loneCarriageReturn) run.newlineSequences = ['\r\n', '\n', '\r'];
  if (options.srcRoot !== undefined) {
    const href = pathToFileURL(options.srcRoot).href;
    run.originalUriBaseIds = { [SRCROOT]: { uri: href.endsWith('/') ? href : href + '/' } };
  }
  return { $schema: SARIF_SCHEMA_URI, version: SARIF_VERSION, runs: [run] };
}
