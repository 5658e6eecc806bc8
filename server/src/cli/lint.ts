import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_LIBRARY, LibraryId, parseLibraryId } from '../languageservice';
import { CDocument, analyzeC, mayConfigureCache } from '../languageservice/c/analysis';
import { FileConfig, SharedContext, extractConfig, sharedContexts } from '../languageservice/c/config';
import { RULE_METAS, lintExtracted } from '../languageservice/rules/lint';
import type { Finding, Severity } from '../languageservice/rules/types';
import { LanguageId, LintTarget, collectTargets, compareStrings, errorCode } from '../node/files';
import { fileIncludeLoader } from '../node/includes';
import { configIncludeLoader } from '../node/configIncludes';
import { ConfigLanguageId, analyzeConfig, configFindings, isConfigLanguage } from '../languageservice/config';
import type { CliIo } from './cli';

export { LANGUAGE_BY_EXTENSION, collectTargets, displayPath, languageIdForPath } from '../node/files';
export type { LanguageId, LintTarget } from '../node/files';
import { LineIndex, Range, buildSarifLog } from './sarif';

/**
 * `sesscache lint [--format text|json|sarif] [--library LIB] [--output FILE] PATH...`
 *
 * Directories recurse (skipping node_modules, .git and every other dot-directory) and pick C-family
 * files by extension; files named explicitly must be C-family too. Exit status: 0 no error-severity
 * finding, 1 at least one, 2 bad usage or input (unknown option, missing path, not a C/C++ file,
 * unreadable file, report not writable).
 */

export type LintFormat = 'text' | 'json' | 'sarif';

const EXIT_OK = 0;
const EXIT_FINDINGS = 1;
const EXIT_USAGE = 2;

const FORMATS: readonly LintFormat[] = ['text', 'json', 'sarif'];

const CR = 13;

/** Files with a NUL byte in this many leading bytes are binary and skipped. */
const BINARY_SNIFF_BYTES = 8192;

class LintUsageError extends Error {}

export interface LintArgs {
  format: LintFormat;
  library: LibraryId;
  output?: string;
  paths: string[];
  /** `--severity rule-id=level`, repeatable. */
  severities: Record<string, Severity | 'off'>;
}

const SEVERITY_VALUES = ['error', 'warning', 'information', 'hint', 'off'];

export function parseLintArgs(args: readonly string[]): LintArgs {
  const parsed: LintArgs = { format: 'text', library: DEFAULT_LIBRARY, paths: [], severities: {} };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const option = /^(--[a-z-]+)(?:=(.*))?$/s.exec(a);
    const takesValue = option !== null && ['--format', '--library', '--output', '--severity'].includes(option[1]);
    if (takesValue) {
      const name = option[1];
      const value = option[2] ?? args[++i];
      if (value === undefined || value === '') throw new LintUsageError(`${name} needs a value`);
      if (name === '--format') {
        if (!(FORMATS as readonly string[]).includes(value)) {
          throw new LintUsageError(`unknown format "${value}"; expected one of: ${FORMATS.join(', ')}`);
        }
        parsed.format = value as LintFormat;
      } else if (name === '--severity') {
        const m = /^([a-z][a-z0-9-]*)=([a-z]+)$/.exec(value);
        if (!m) throw new LintUsageError(`--severity takes RULE=LEVEL, e.g. numeric-mode=off, not "${value}"`);
        if (!RULE_METAS.some((r) => r.id === m[1])) throw new LintUsageError(`--severity: unknown rule "${m[1]}" (the rules are listed in docs/rules.md)`);
        if (!SEVERITY_VALUES.includes(m[2])) throw new LintUsageError(`--severity ${m[1]}: expected one of ${SEVERITY_VALUES.join(', ')}, not "${m[2]}"`);
        parsed.severities[m[1]] = m[2] as Severity | 'off';
      } else if (name === '--library') {
        try {
          parsed.library = parseLibraryId(value);
        } catch (e) {
          throw new LintUsageError((e as Error).message);
        }
      } else {
        parsed.output = value;
      }
    } else if (a === '--') {
      parsed.paths.push(...args.slice(i + 1));
      break;
    } else if (a.startsWith('-') && a.length > 1) {
      throw new LintUsageError(`unknown option ${a}`);
    } else {
      parsed.paths.push(a);
    }
  }
  if (parsed.paths.length === 0) throw new LintUsageError('lint needs at least one PATH (a file or a directory)');
  return parsed;
}

// ---------------------------------------------------------------------------------------------
// Linting and reports.

export interface LintedFile {
  file: string;
  languageId: LanguageId;
  /**
   * The text's line index; undefined for a file that was never decoded because it cannot have
   * findings (see mayConfigureCache) and has no \r (so nothing in any report depends on its text).
   */
  lines: LineIndex | undefined;
  findings: Finding[];
}

/** One entry of `--format json`. Positions are 0-based, characters in UTF-16 code units (LSP). */
export interface JsonFinding {
  file: string;
  range: Range;
  severity: Severity;
  code: string;
  message: string;
}

export function isBinary(content: Uint8Array): boolean {
  return content.subarray(0, BINARY_SNIFF_BYTES).includes(0);
}

/**
 * Reads whole files into one reused buffer, so that a tree of thousands of files allocates (and
 * garbage-collects) nothing per file. The bytes returned are valid until the next read.
 */
class FileReader {
  private buffer = Buffer.allocUnsafe(1 << 20);

  read(file: string): Buffer {
    const fd = fs.openSync(file, 'r');
    try {
      let length = 0;
      for (;;) {
        if (length === this.buffer.length) {
          const bigger = Buffer.allocUnsafe(this.buffer.length * 2);
          this.buffer.copy(bigger, 0, 0, length);
          this.buffer = bigger;
        }
        const n = fs.readSync(fd, this.buffer, length, this.buffer.length - length, null);
        if (n === 0) return this.buffer.subarray(0, length);
        length += n;
      }
    } finally {
      fs.closeSync(fd);
    }
  }
}

/** UTF-8 without a byte order mark (editors hide it, so columns must not count it); bad bytes become U+FFFD. */
export function decodeUtf8(content: Uint8Array): string {
  return new TextDecoder('utf-8').decode(content);
}

function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => a.start - b.start || a.end - b.end || compareStrings(a.ruleId, b.ruleId) || compareStrings(a.message, b.message),
  );
}

export function jsonReport(files: readonly LintedFile[]): JsonFinding[] {
  const out: JsonFinding[] = [];
  for (const { file, lines, findings } of files) {
    if (!lines) continue;
    for (const finding of findings) {
      out.push({
        file,
        range: lines.rangeOf(finding.start, finding.end),
        severity: finding.severity,
        code: finding.ruleId,
        message: finding.message,
      });
    }
  }
  return out;
}

function plural(n: number, one: string, many: string = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function summaryLine(files: readonly LintedFile[]): string {
  const count: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of files) for (const finding of f.findings) count[finding.severity]++;
  const total = count.error + count.warning + count.information + count.hint;
  return (
    `${plural(total, 'problem')} (${plural(count.error, 'error')}, ${plural(count.warning, 'warning')}, ` +
    `${count.information} information, ${plural(count.hint, 'hint')}) in ${plural(files.length, 'file')}`
  );
}

/** `file:line:col: severity: message [code]` (1-based line and UTF-16 column), then the summary. */
export function textReport(files: readonly LintedFile[]): string {
  const lines: string[] = [];
  for (const f of files) {
    if (!f.lines) continue;
    for (const finding of f.findings) {
      const { line, character } = f.lines.positionAt(finding.start);
      lines.push(`${f.file}:${line + 1}:${character + 1}: ${finding.severity}: ${finding.message} [${finding.ruleId}]`);
    }
  }
  lines.push(summaryLine(files));
  return lines.join('\n') + '\n';
}

export function formatReport(format: LintFormat, files: readonly LintedFile[], cwd: string): string {
  switch (format) {
    case 'text':
      return textReport(files);
    case 'json':
      return JSON.stringify(jsonReport(files), null, 2) + '\n';
    case 'sarif':
      return (
        JSON.stringify(
          buildSarifLog(
            files.flatMap((f) => (f.lines ? [{ path: f.file, text: f.lines.text, lines: f.lines, findings: f.findings }] : [])),
            { rules: RULE_METAS, srcRoot: cwd },
          ),
          null,
          2,
        ) + '\n'
      );
  }
}

/**
 * Writes `data` to `file` atomically: a temporary file in the same directory, flushed, then renamed
 * over the target. On failure the temporary file is removed and the target is left as it was.
 */
export function writeFileAtomic(file: string, data: string): void {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(temp, 'wx', 0o666);
    fs.writeFileSync(fd, data, 'utf8');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temp, file);
  } catch (e) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // already failing
      }
    }
    try {
      fs.unlinkSync(temp);
    } catch {
      // never created, or already renamed
    }
    throw e;
  }
}

/** Entry point of `sesscache lint` (args after the command name). Synchronous; returns the exit status. */
export function lintCommand(args: string[], io: CliIo, cwd: string = process.cwd()): number {
  let parsed: LintArgs;
  try {
    parsed = parseLintArgs(args);
  } catch (e) {
    if (e instanceof LintUsageError) {
      io.err(`sesscache: ${e.message}\nRun "sesscache --help" for usage.\n`);
      return EXIT_USAGE;
    }
    throw e;
  }

  const { targets, errors } = collectTargets(parsed.paths, cwd);
  if (errors.length > 0) {
    for (const error of errors) io.err(`sesscache lint: ${error}\n`);
    return EXIT_USAGE;
  }

  // Pass 1: read and analyse every file, and collect what each does to global SSL_CTXs. Files are
  // linted here unless they declare a global context that other files may configure; only those
  // keep their analysis for pass 2.
  const shared: SharedContext[] = [];
  const deferred: { target: LintTarget; lines: LineIndex; doc: CDocument; config: FileConfig }[] = [];
  const configFiles: { target: LintTarget; text: string }[] = [];
  const linted: LintedFile[] = [];
  const lint = (target: LintTarget, doc: CDocument, config: FileConfig, elsewhere: SharedContext[]): Finding[] => {
    try {
      return sortFindings(lintExtracted(doc, config, { library: parsed.library, severities: parsed.severities, elsewhere }));
    } catch (e) {
      const err = e as Error;
      err.message = `while linting ${target.file}: ${err.message}`;
      throw err;
    }
  };
  const reader = new FileReader();
  for (const target of targets) {
    let content: Buffer;
    try {
      content = reader.read(target.absolute);
    } catch (e) {
      io.err(`sesscache lint: ${target.file}: cannot read (${errorCode(e)})\n`);
      return EXIT_USAGE;
    }
    if (isBinary(content)) {
      io.err(`sesscache lint: skipping ${target.file}: binary file (NUL byte in the first 8 KB)\n`);
      continue;
    }
    const isConfig = isConfigLanguage(target.languageId);
    if (!isConfig && !mayConfigureCache(content)) {
      // Nothing to find (see CACHE_CODE_MARKERS): decode only when a \r may matter to SARIF.
      linted.push({ file: target.file, languageId: target.languageId, lines: content.includes(CR) ? new LineIndex(decodeUtf8(content)) : undefined, findings: [] });
      continue;
    }
    const text = decodeUtf8(content);
    if (isConfig) {
      configFiles.push({ target, text });
      continue;
    }
    const doc = analyzeC(text, { loadInclude: fileIncludeLoader(target.absolute, [cwd]) });
    const extracted = extractConfig(doc);
    const lines = new LineIndex(text);
    shared.push(...sharedContexts(extracted, target.file));
    // Without a global context, what other files do changes nothing here.
    if (extracted.contexts.some((c) => c.global)) deferred.push({ target, lines, doc, config: extracted });
    else linted.push({ file: target.file, languageId: target.languageId, lines, findings: lint(target, doc, extracted, []) });
  }
  // Pass 2: lint the files with global contexts, with the other files' contexts merged in.
  for (const { target, lines, doc, config } of deferred) {
    const elsewhere = shared.filter((s) => s.file !== target.file);
    linted.push({ file: target.file, languageId: target.languageId, lines, findings: lint(target, doc, config, elsewhere) });
  }
  // Configuration files: their own analysers (and, for .sslcache, the same rules on the declared context).
  for (const { target, text } of configFiles) {
    const doc = analyzeConfig(target.languageId as ConfigLanguageId, text, { library: parsed.library, loadInclude: configIncludeLoader(target.absolute) });
    const findings = configFindings(doc, { library: doc.library, severities: parsed.severities });
    linted.push({ file: target.file, languageId: target.languageId, lines: new LineIndex(text), findings: sortFindings(findings) });
  }
  linted.sort((a, b) => compareStrings(a.file, b.file));
  if (targets.length === 0) io.err(`sesscache lint: no C/C++ or configuration files found in ${parsed.paths.join(' ')}\n`);

  const report = formatReport(parsed.format, linted, cwd);
  if (parsed.output !== undefined) {
    const output = path.resolve(cwd, parsed.output);
    try {
      writeFileAtomic(output, report);
    } catch (e) {
      io.err(`sesscache lint: cannot write ${parsed.output} (${errorCode(e)})\n`);
      return EXIT_USAGE;
    }
  } else {
    io.out(report);
  }
  return linted.some((f) => f.findings.some((finding) => finding.severity === 'error')) ? EXIT_FINDINGS : EXIT_OK;
}
