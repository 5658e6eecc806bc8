import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readRepoFile, repoRoot } from '../testing/paths';
import { generateFile } from '../../../bench/corpus';
import { LIBRARY_IDS, LibraryId } from '../languageservice/knowledge/libraries';
import { analyzeC } from '../languageservice/c/analysis';
import { extractConfig, sharedContexts } from '../languageservice/c/config';
import { lintC } from '../languageservice/rules/lint';
import { mulberry32 } from '../languageservice/simulator/workload';
import { collectTargets } from '../node/files';
import { fileIncludeLoader } from '../node/includes';
import { decodeUtf8, jsonReport } from './lint';
import { LineIndex } from './sarif';

/**
 * `sesscache lint` end to end through the built dist/cli.js (`npm run build`), on temporary trees.
 * Findings used are the obvious ones of the rule catalogue: a misspelled flag is an unknown-flag
 * error, a file without cache calls is clean, SERVER|UPDATE_TIME without a get_session_cb is
 * update-time-no-effect (information) on openssl-3.0 and update-time-unsupported (warning) on LibreSSL.
 */

const CLI = path.join(repoRoot(), 'dist', 'cli.js');

const run = (cwd: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

const validateSarif = (() => {
  const ajv = new Ajv({ allErrors: true, strict: false }); // strict off: the published schema trips strictRequired
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readRepoFile('server', 'src', 'cli', 'schemas', 'sarif-schema-2.1.0.json')));
  return (log: unknown): string[] => (validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
})();

const UNKNOWN = 'void f(SSL_CTX *ctx) {\n  SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVR);\n}\n';
const CLEAN = '#include <stdio.h>\nint main(void) { puts("hello"); return 0; }\n';
const UPDATE_TIME = 'void g(SSL_CTX *ctx) {\n  SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_UPDATE_TIME);\n}\n';
// A byte order mark, CRLF line ends, and non-ASCII text before the findings on their lines.
const UNICODE_PREFIX = 'void f(SSL_CTX *ctx) { /* é😀 */ SSL_CTX_set_session_cache_mode(ctx, ';
const UNICODE = '\uFEFF' + UNICODE_PREFIX + 'SSL_SESS_CACHE_SERVR); }\r\n' + UNICODE_PREFIX + 'SSL_SESS_CACHE_CLINT); }\r\n';

const EXTENSIONS = ['h', 'cc', 'cpp', 'cxx', 'hpp', 'hh', 'hxx', 'C', 'ino', 'm', 'mm'];

interface JsonFinding {
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: string;
  code: string;
  message: string;
}

let root = '';
const write = (relative: string, content: string | Buffer) => {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
};
const json = (stdout: string): JsonFinding[] => JSON.parse(stdout) as JsonFinding[];

describe('sesscache lint (dist/cli.js)', () => {
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'sesscache-lint-'));
    write('proj/src/a.c', UNKNOWN);
    write('proj/src/clean.c', CLEAN);
    write('proj/src/sub/u.cpp', UPDATE_TIME);
    write('proj/src/bin.c', Buffer.concat([Buffer.from('\x7fELF'), Buffer.alloc(16), Buffer.from(UNKNOWN)]));
    write('proj/src/notes.txt', UNKNOWN);
    write('proj/node_modules/dep/x.c', UNKNOWN);
    write('proj/.git/y.c', UNKNOWN);
    write('proj/.hidden/z.c', UNKNOWN);
    for (const ext of EXTENSIONS) write(`proj/exts/f_${ext}.${ext}`, UNKNOWN);
    write('proj/unicode/crlf.c', UNICODE);
    write('empty/readme.md', '# nothing to lint\n');
    fs.mkdirSync(path.join(root, 'out'));
  });
  after(() => {
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('recurses into directories, skipping node_modules, dot-directories, other extensions and binary files', () => {
    const r = run(root, 'lint', 'proj', '--format', 'json');
    assert.equal(r.code, 1, r.stderr);
    const files = json(r.stdout).map((f) => f.file);
    assert.deepEqual(files, [...files].sort(), 'findings come file by file, in sorted order');
    assert.deepEqual([...new Set(files)], [
      ...EXTENSIONS.map((ext) => `proj/exts/f_${ext}.${ext}`).sort(),
      'proj/src/a.c',
      'proj/src/sub/u.cpp',
      'proj/unicode/crlf.c',
    ]);
    assert.match(r.stderr, /skipping proj\/src\/bin\.c: binary file/);
    assert.doesNotMatch(r.stdout, /node_modules|\.git|\.hidden|notes\.txt/);
    // Deterministic: the same run gives the same bytes.
    assert.equal(run(root, 'lint', 'proj', '--format', 'json').stdout, r.stdout);
  });

  it('prints JSON findings with 0-based LSP ranges relative to the working directory', () => {
    const r = run(path.join(root, 'proj'), 'lint', 'src/a.c', '--format=json');
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    const findings = json(r.stdout);
    assert.equal(findings.length, 1);
    assert.deepEqual(Object.keys(findings[0]), ['file', 'range', 'severity', 'code', 'message']);
    const col = '  SSL_CTX_set_session_cache_mode(ctx, '.length;
    assert.deepEqual(findings[0], {
      file: 'src/a.c',
      range: { start: { line: 1, character: col }, end: { line: 1, character: col + 'SSL_SESS_CACHE_SERVR'.length } },
      severity: 'error',
      code: 'unknown-flag',
      message: findings[0].message,
    });
    assert.match(findings[0].message, /SSL_SESS_CACHE_SERVR/);
    // From a subdirectory, paths climb with ../ and keep forward slashes.
    const up = json(run(path.join(root, 'proj', 'exts'), 'lint', '../src', '--format', 'json').stdout);
    assert.deepEqual(up.map((f) => f.file), ['../src/a.c', '../src/sub/u.cpp']);
  });

  it('counts columns in UTF-16 code units, after a byte order mark, on CRLF lines', () => {
    const findings = json(run(root, 'lint', 'proj/unicode/crlf.c', '--format', 'json').stdout);
    const character = UNICODE_PREFIX.length; // 😀 is two UTF-16 units; the BOM does not count
    assert.equal(character, 69);
    assert.deepEqual(
      findings.map((f) => f.range),
      [0, 1].map((line) => ({ start: { line, character }, end: { line, character: character + 20 } })),
    );
    const text = run(root, 'lint', 'proj/unicode/crlf.c');
    assert.match(text.stdout, /^proj\/unicode\/crlf\.c:1:70: error: .*SSL_SESS_CACHE_SERVR.* \[unknown-flag\]$/m);
    assert.match(text.stdout, /^proj\/unicode\/crlf\.c:2:70: error: .*SSL_SESS_CACHE_CLINT.* \[unknown-flag\]$/m);
  });

  it('prints text findings as file:line:col: severity: message [code] and a summary', () => {
    const r = run(root, 'lint', 'proj/src');
    assert.equal(r.code, 1);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 3, r.stdout);
    assert.match(lines[0], /^proj\/src\/a\.c:2:39: error: .*SSL_SESS_CACHE_SERVR.* \[unknown-flag\]$/);
    assert.match(lines[1], /^proj\/src\/sub\/u\.cpp:2:\d+: information: .+ \[update-time-no-effect\]$/);
    // a.c, clean.c and sub/u.cpp were linted; bin.c was skipped.
    assert.equal(lines[2], '2 problems (1 error, 0 warnings, 1 information, 0 hints) in 3 files');
    assert.match(r.stderr, /skipping proj\/src\/bin\.c/);
  });

  it('exits 0 when nothing has error severity', () => {
    const clean = run(root, 'lint', 'proj/src/clean.c');
    assert.equal(clean.code, 0);
    assert.equal(clean.stdout, '0 problems (0 errors, 0 warnings, 0 information, 0 hints) in 1 file\n');
    assert.equal(clean.stderr, '');
    const cleanJson = run(root, 'lint', 'proj/src/clean.c', '--format', 'json');
    assert.equal(cleanJson.code, 0);
    assert.deepEqual(JSON.parse(cleanJson.stdout), []);
    const info = run(root, 'lint', 'proj/src/sub/u.cpp', '--format', 'json');
    assert.equal(info.code, 0);
    assert.deepEqual(json(info.stdout).map((f) => [f.code, f.severity]), [['update-time-no-effect', 'information']]);
  });

  it('lints for the library given with --library', () => {
    const r = run(root, 'lint', '--library', 'libressl', 'proj/src/sub/u.cpp', '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(json(r.stdout).map((f) => [f.code, f.severity]), [['update-time-unsupported', 'warning']]);
  });

  it('lints each file once, in sorted order, however it was named', () => {
    const r = run(root, 'lint', '--format', 'json', 'proj/src/sub/u.cpp', 'proj/src', './proj/src/a.c', 'proj/src/../src/a.c');
    assert.deepEqual(json(r.stdout).map((f) => f.file), ['proj/src/a.c', 'proj/src/sub/u.cpp']);
  });

  it('exits 2 on bad usage or bad paths, printing nothing on stdout', () => {
    const cases: [string[], RegExp][] = [
      [['lint'], /at least one PATH/],
      [['lint', 'nosuch.c'], /nosuch\.c: no such file or directory/],
      [['lint', 'proj/src/a.c', 'proj/missing'], /proj\/missing: no such file or directory/],
      [['lint', 'proj/src/notes.txt'], /proj\/src\/notes\.txt: not a C\/C\+\+ file/],
      [['lint', '--format', 'xml', 'proj'], /unknown format "xml"/],
      [['lint', 'proj', '--format'], /--format needs a value/],
      [['lint', '--library', 'openssl-9', 'proj'], /unknown library "openssl-9"/],
      [['lint', '--colour', 'proj'], /unknown option --colour/],
    ];
    for (const [args, message] of cases) {
      const r = run(root, ...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
      assert.match(r.stderr, message, args.join(' '));
    }
  });

  it('accepts a directory without C-family files, with a notice', () => {
    const r = run(root, 'lint', 'empty');
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '0 problems (0 errors, 0 warnings, 0 information, 0 hints) in 0 files\n');
    assert.match(r.stderr, /no C\/C\+\+ or configuration files found/);
  });

  it('writes SARIF 2.1.0 that validates against the schema', () => {
    const r = run(root, 'lint', 'proj', '--format', 'sarif');
    assert.equal(r.code, 1);
    const log = JSON.parse(r.stdout);
    assert.deepEqual(validateSarif(log), []);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    const [runObject] = log.runs;
    assert.equal(runObject.tool.driver.name, 'sesscache');
    assert.equal(runObject.tool.driver.version, require(path.join(repoRoot(), 'package.json')).version);
    assert.equal(runObject.columnKind, 'utf16CodeUnits');
    const rules: { id: string; defaultConfiguration: { level: string } }[] = runObject.tool.driver.rules;
    assert.equal(rules.find((rule) => rule.id === 'unknown-flag')?.defaultConfiguration.level, 'error');

    const jsonFindings = json(run(root, 'lint', 'proj', '--format', 'json').stdout);
    assert.equal(runObject.results.length, jsonFindings.length);
    runObject.results.forEach((result: any, i: number) => {
      const expected = jsonFindings[i];
      assert.equal(result.ruleId, expected.code);
      assert.equal(rules[result.ruleIndex].id, result.ruleId);
      const location = result.locations[0].physicalLocation;
      assert.deepEqual(location.artifactLocation, { uri: expected.file, uriBaseId: '%SRCROOT%' });
      assert.deepEqual(location.region, {
        startLine: expected.range.start.line + 1,
        startColumn: expected.range.start.character + 1,
        endLine: expected.range.end.line + 1,
        endColumn: expected.range.end.character + 1,
      });
    });
    const unknown = runObject.results.find((result: any) => result.locations[0].physicalLocation.artifactLocation.uri === 'proj/src/a.c');
    assert.equal(unknown.level, 'error');
    // The did-you-mean fix travels as a replacement of the misspelled name.
    const replacement = unknown.fixes[0].artifactChanges[0].replacements[0];
    assert.deepEqual(replacement.deletedRegion, unknown.locations[0].physicalLocation.region);
    assert.equal(replacement.insertedContent.text, 'SSL_SESS_CACHE_SERVER');
    assert.equal(runObject.originalUriBaseIds['%SRCROOT%'].uri, require('node:url').pathToFileURL(fs.realpathSync(root)).href + '/');
  });

  it('--output writes the report to a file atomically and keeps the exit status', () => {
    const out = path.join(root, 'out');
    fs.writeFileSync(path.join(out, 'report.sarif'), 'old report');
    const r = run(root, 'lint', 'proj/src', '--format', 'sarif', '--output', 'out/report.sarif');
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.deepEqual(validateSarif(JSON.parse(fs.readFileSync(path.join(out, 'report.sarif'), 'utf8'))), []);
    assert.deepEqual(fs.readdirSync(out), ['report.sarif'], 'no temporary file left behind');

    const text = run(root, 'lint', 'proj/src/clean.c', '--output=out/report.txt');
    assert.equal(text.code, 0);
    assert.equal(fs.readFileSync(path.join(out, 'report.txt'), 'utf8'), '0 problems (0 errors, 0 warnings, 0 information, 0 hints) in 1 file\n');

    // Nothing is written when the input is bad, or when the directory does not exist.
    const bad = run(root, 'lint', 'nosuch.c', '--output', 'out/bad.json', '--format', 'json');
    assert.equal(bad.code, 2);
    const missingDir = run(root, 'lint', 'proj/src', '--output', 'out/no/such/dir/report.json');
    assert.equal(missingDir.code, 2);
    assert.match(missingDir.stderr, /cannot write out\/no\/such\/dir\/report\.json/);
    // Writing over a directory fails at the rename: the directory is untouched, no temp file remains.
    fs.mkdirSync(path.join(out, 'adir'));
    const overDir = run(root, 'lint', 'proj/src', '--output', 'out/adir');
    assert.equal(overDir.code, 2);
    assert.deepEqual(fs.readdirSync(out).sort(), ['adir', 'report.sarif', 'report.txt']);
    assert.deepEqual(fs.readdirSync(path.join(out, 'adir')), []);
  });

  it('is listed in --help', () => {
    const help = run(root, '--help');
    assert.match(help.stdout, /sesscache lint \[--format text\|json\|sarif\] \[--library LIB\] \[--severity RULE=LEVEL\]\.\.\. \[--output FILE\] PATH\.\.\./);
  });
});

/**
 * The CLI skips files that cannot configure a cache unread, and lints in the first pass the files
 * without global contexts: its report must equal the full path's (every file analysed, every file
 * linted with the contexts of all the others) on the rule corpus, examples/c and generated trees.
 */
describe('sesscache lint fast path', () => {
  let tree = '';
  before(() => {
    tree = fs.mkdtempSync(path.join(os.tmpdir(), 'sesscache-fast-'));
    for (const folder of ['server/src/languageservice/rules/corpus', 'examples/c']) {
      for (const f of fs.readdirSync(path.join(repoRoot(), folder))) {
        if (f.endsWith('.json') || f.endsWith('.md')) continue;
        fs.mkdirSync(path.join(tree, folder), { recursive: true });
        fs.copyFileSync(path.join(repoRoot(), folder, f), path.join(tree, folder, f));
      }
    }
    const random = mulberry32(7);
    for (const kind of ['c', 'h', 'cc', 'cpp', 'hpp'] as const) {
      for (const use of ['none', 'io', 'setup'] as const) {
        for (let i = 0; i < 2; i++) fs.writeFileSync(path.join(tree, `gen_${use}_${i}.${kind}`), generateFile(random, kind, use, 4000));
      }
    }
    // One global SSL_CTX configured in two files; a file without markers that includes a header
    // defining cache macros; one without markers whose lone \r SARIF must still declare.
    fs.writeFileSync(path.join(tree, 'global_a.c'), 'SSL_CTX *g_ctx;\nvoid a(void) { g_ctx = SSL_CTX_new(TLS_server_method()); SSL_CTX_set_session_cache_mode(g_ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL); }\n');
    fs.writeFileSync(path.join(tree, 'global_b.c'), 'extern SSL_CTX *g_ctx;\nstatic int cb(SSL *s, SSL_SESSION *x) { return 0; }\nvoid b(void) { SSL_CTX_sess_set_new_cb(g_ctx, cb); }\n');
    fs.writeFileSync(path.join(tree, 'macros.h'), '#define MODE SSL_SESS_CACHE_SERVR\n#define SET(c) SSL_CTX_set_session_cache_mode(c, MODE)\n');
    fs.writeFileSync(path.join(tree, 'uses_macros.c'), '#include "macros.h"\nvoid f(void *c) { SET(c); }\n');
    fs.writeFileSync(path.join(tree, 'old_mac.c'), 'int x;\rint y;\r');
  });
  after(() => {
    if (tree) fs.rmSync(tree, { recursive: true, force: true });
  });

  const fullPath = (library: LibraryId): string[] => {
    const { targets } = collectTargets(['.'], tree);
    const docs = targets.map((target) => {
      const text = decodeUtf8(fs.readFileSync(target.absolute));
      const doc = analyzeC(text, { loadInclude: fileIncludeLoader(target.absolute, [tree]) });
      return { target, text, doc, shared: sharedContexts(extractConfig(doc), target.file) };
    });
    const files = docs.map(({ target, text, doc }) => ({
      file: target.file,
      languageId: target.languageId,
      lines: new LineIndex(text),
      findings: lintC(doc, { library, elsewhere: docs.flatMap((d) => (d.target.file === target.file ? [] : d.shared)) }),
    }));
    return jsonReport(files).map((f) => JSON.stringify(f)).sort();
  };

  for (const library of LIBRARY_IDS) {
    it(`reports what the full path finds (${library})`, () => {
      const r = run(tree, 'lint', '--format', 'json', '--library', library, '.');
      const fast = json(r.stdout).map((f) => JSON.stringify(f)).sort();
      const full = fullPath(library);
      assert.ok(full.length > 50, `${full.length} findings: the comparison means something`);
      assert.deepEqual(fast, full);
    });
  }

  it('keeps the lone-\\r newline declaration of SARIF for a skipped file', () => {
    const r = run(tree, 'lint', '--format', 'sarif', '.');
    const log = JSON.parse(r.stdout) as { runs: { newlineSequences?: string[] }[] };
    assert.deepEqual(log.runs[0].newlineSequences, ['\r\n', '\n', '\r']);
  });
});
