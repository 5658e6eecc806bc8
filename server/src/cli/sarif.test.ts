import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { RULE_METAS, RuleMeta } from '../languageservice/rules/lint';
import type { Finding } from '../languageservice/rules/types';
import { readRepoFile } from '../testing/paths';
import { LineIndex, SARIF_SCHEMA_URI, SarifLog, buildSarifLog, markdownToText, pathToRelativeUri, ruleName } from './sarif';

const SCHEMA_PATH = ['server', 'src', 'cli', 'schemas', 'sarif-schema-2.1.0.json'];

let validator: ValidateFunction | undefined;
/** The vendored official SARIF 2.1.0 schema (draft-07), formats checked (uri, uri-reference, date-time). */
function validateSarif(log: unknown): string[] {
  if (!validator) {
    // strict: false because the schema itself trips ajv's strictRequired (anyOf branches naming
    // properties declared in the parent); it is the published schema, not ours to change.
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    validator = ajv.compile(JSON.parse(readRepoFile(...SCHEMA_PATH)));
  }
  return validator(log) ? [] : (validator.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

const METAS: RuleMeta[] = [
  {
    id: 'unknown-flag',
    defaultSeverity: 'error',
    title: 'Unknown session cache flag',
    section: '§1',
    description: 'Only the **nine** `SSL_SESS_CACHE_*` names exist; see [the spec](docs/spec/openssl-session-cache.md).',
  },
  { id: 'stored-never-looked-up', defaultSeverity: 'warning', title: 'Stored but never looked up', section: '§8 L6', description: 'Sessions are stored and never found.' },
  { id: 'modifier-without-role', defaultSeverity: 'information', title: 'Modifier without a role', section: '§8 L1', description: 'No CLIENT or SERVER bit.' },
  { id: 'numeric-mode', defaultSeverity: 'hint', title: 'Mode written as a number', section: '§1', description: 'A number hides which flags are meant.' },
];

const finding = (ruleId: string, severity: Finding['severity'], start: number, end: number, fixes: Finding['fixes'] = []): Finding => ({
  ruleId,
  severity,
  message: `${ruleId} here`,
  start,
  end,
  fixes,
});

// A line with non-ASCII text before the finding: é is 1 UTF-16 unit (2 UTF-8 bytes), 😀 is 2 units
// (1 code point, 4 bytes). "/* café 😀 */ int x = " is 22 UTF-16 units, 21 code points, 26 bytes.
const UNICODE_TEXT = 'int a;\n/* café 😀 */ int x = SSL_SESS_CACHE_SERVR;\n';
const UNICODE_START = UNICODE_TEXT.indexOf('SSL_SESS_CACHE_SERVR');

// CRLF line ends, a numeric mode on the third line.
const CRLF_TEXT = 'int a;\r\nint b;\r\n  SSL_CTX_set_session_cache_mode(ctx, 2);\r\n';
const CRLF_TWO = CRLF_TEXT.indexOf('2)');
const CRLF_LINE3 = CRLF_TEXT.indexOf('  SSL_CTX');

function sampleLog(options: Partial<Parameters<typeof buildSarifLog>[1]> = {}): SarifLog {
  return buildSarifLog(
    [
      {
        path: 'src/a b.c',
        text: UNICODE_TEXT,
        findings: [
          finding('unknown-flag', 'error', UNICODE_START, UNICODE_START + 20, [
            { title: 'Change to SSL_SESS_CACHE_SERVER', edits: [{ start: UNICODE_START, end: UNICODE_START + 20, newText: 'SSL_SESS_CACHE_SERVER' }], preferred: true },
            { title: 'Change to SSL_SESS_CACHE_SERVER', edits: [{ start: UNICODE_START, end: UNICODE_START + 20, newText: 'SSL_SESS_CACHE_SERVER' }] },
            { title: 'Nothing to do', edits: [] },
          ]),
          finding('modifier-without-role', 'information', 0, 3),
        ],
      },
      {
        path: 'win\\crlf.c',
        text: CRLF_TEXT,
        findings: [
          finding('numeric-mode', 'hint', CRLF_TWO, CRLF_TWO + 1, [
            { title: 'Use flag names', edits: [{ start: CRLF_TWO, end: CRLF_TWO + 1, newText: 'SSL_SESS_CACHE_SERVER' }] },
            {
              title: 'Comment and delete',
              edits: [
                { start: CRLF_TWO, end: CRLF_TWO + 1, newText: '' },
                { start: CRLF_LINE3, end: CRLF_LINE3, newText: '  /* was 2 */\r\n' },
              ],
            },
          ]),
          // Ends between \r and \n of line 2: clamped to the end of the line's text.
          finding('stored-never-looked-up', 'warning', 8, CRLF_TEXT.indexOf('\n', 8)),
          finding('rule-without-metadata', 'warning', 0, 0),
        ],
      },
    ],
    { rules: METAS, ...options },
  );
}

describe('LineIndex (offsets to LSP positions)', () => {
  it('counts characters in UTF-16 code units', () => {
    const lines = new LineIndex(UNICODE_TEXT);
    assert.deepEqual(lines.positionAt(UNICODE_START), { line: 1, character: 22 });
    assert.equal([...'/* café 😀 */ int x = '].length, 21, 'code points would give another column');
    assert.deepEqual(lines.positionAt(UNICODE_TEXT.indexOf('😀') + 2), { line: 1, character: 10 });
  });
  it('handles \\r\\n, \\n and a lone \\r, and clamps offsets', () => {
    const lines = new LineIndex('a\r\nbc\nd\re');
    assert.equal(lines.lineCount, 4);
    assert.deepEqual(lines.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(lines.positionAt(1), { line: 0, character: 1 });
    assert.deepEqual(lines.positionAt(2), { line: 0, character: 1 }, 'between \\r and \\n');
    assert.deepEqual(lines.positionAt(3), { line: 1, character: 0 });
    assert.deepEqual(lines.positionAt(5), { line: 1, character: 2 });
    assert.deepEqual(lines.positionAt(7), { line: 2, character: 1 });
    assert.deepEqual(lines.positionAt(8), { line: 3, character: 0 });
    assert.deepEqual(lines.positionAt(99), { line: 3, character: 1 });
    assert.deepEqual(lines.positionAt(-5), { line: 0, character: 0 });
    assert.equal(lines.hasLoneCarriageReturn, true);
    assert.equal(new LineIndex('a\r\nb\n').hasLoneCarriageReturn, false);
    assert.deepEqual(new LineIndex('').positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(new LineIndex('x\n').positionAt(2), { line: 1, character: 0 });
  });
  it('gives ranges whose end is never before their start', () => {
    assert.deepEqual(new LineIndex('abc').rangeOf(2, 1), { start: { line: 0, character: 2 }, end: { line: 0, character: 2 } });
  });
});

describe('SARIF helpers', () => {
  it('turns paths into relative URI references', () => {
    assert.equal(pathToRelativeUri('src\\a b.c'), 'src/a%20b.c');
    assert.equal(pathToRelativeUri('./x/y.c'), 'x/y.c');
    assert.equal(pathToRelativeUri('../up/x.c'), '../up/x.c');
    assert.equal(pathToRelativeUri('weird:name#1.c'), 'weird%3Aname%231.c');
    assert.equal(pathToRelativeUri('dir/ü.mm'), 'dir/%C3%BC.mm');
  });
  it('names rules and flattens markdown', () => {
    assert.equal(ruleName('no-auto-clear-without-flush'), 'NoAutoClearWithoutFlush');
    assert.equal(markdownToText('Use `SSL_OP_NO_TICKET`, **not** *this*: [spec](x.md#a).'), 'Use SSL_OP_NO_TICKET, not this: spec.');
  });
});

describe('buildSarifLog', () => {
  it('validates against the SARIF 2.1.0 schema (draft-07)', () => {
    const schema = JSON.parse(readRepoFile(...SCHEMA_PATH));
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    const log = sampleLog();
    assert.deepEqual(validateSarif(log), []);
    assert.equal(log.$schema, SARIF_SCHEMA_URI);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
  });

  it('the validator does reject broken logs', () => {
    const badLevel = sampleLog() as unknown as { runs: { results: { level: string }[] }[] };
    badLevel.runs[0].results[0].level = 'information';
    assert.notDeepEqual(validateSarif(badLevel), []);
    const zeroColumn = sampleLog();
    zeroColumn.runs[0].results[0].locations[0].physicalLocation.region.startColumn = 0;
    assert.notDeepEqual(validateSarif(zeroColumn), []);
    // Why helpUri is only written when an absolute base is known: the schema says format "uri".
    const relativeHelp = sampleLog();
    relativeHelp.runs[0].tool.driver.rules[0].helpUri = 'docs/rules.md#unknown-flag';
    assert.match(validateSarif(relativeHelp).join('\n'), /helpUri must match format "uri"/);
  });

  it('describes the tool and every rule', () => {
    const run = sampleLog({ version: '9.9.9' }).runs[0];
    assert.equal(run.tool.driver.name, 'sesscache');
    assert.equal(run.tool.driver.version, '9.9.9');
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.deepEqual(
      run.tool.driver.rules.map((r) => [r.id, r.name, r.defaultConfiguration.level]),
      [
        ['unknown-flag', 'UnknownFlag', 'error'],
        ['stored-never-looked-up', 'StoredNeverLookedUp', 'warning'],
        ['modifier-without-role', 'ModifierWithoutRole', 'note'],
        ['numeric-mode', 'NumericMode', 'note'],
      ],
    );
    const unknown = run.tool.driver.rules[0];
    assert.deepEqual(unknown.shortDescription, { text: 'Unknown session cache flag' });
    assert.equal(unknown.fullDescription.text, 'Only the nine SSL_SESS_CACHE_* names exist; see the spec.');
    assert.equal(unknown.fullDescription.markdown, METAS[0].description);
    assert.match(unknown.help.markdown ?? '', /\[docs\/rules\.md#unknown-flag\]\(docs\/rules\.md#unknown-flag\)/);
    assert.equal(unknown.helpUri, undefined);
    assert.ok(unknown.properties.tags.includes('session-cache'));
    assert.equal(run.originalUriBaseIds, undefined);
  });

  it('links rule help and the source root when told where they are', () => {
    const srcRoot = path.resolve('/work/some project');
    const log = sampleLog({ helpBaseUri: 'https://example.com/sesscache/blob/main', srcRoot });
    assert.deepEqual(validateSarif(log), []);
    const run = log.runs[0];
    assert.equal(run.tool.driver.rules[0].helpUri, 'https://example.com/sesscache/blob/main/docs/rules.md#unknown-flag');
    const root = run.originalUriBaseIds?.['%SRCROOT%'].uri ?? '';
    assert.match(root, /^file:\/\/.*\/work\/some%20project\/$/);
  });

  it('reports results with rule index, level, message and 1-based UTF-16 regions', () => {
    const results = sampleLog().runs[0].results;
    assert.equal(results.length, 5);
    const [unknown, info, numeric, stored, orphan] = results;
    assert.equal(unknown.ruleId, 'unknown-flag');
    assert.equal(unknown.ruleIndex, 0);
    assert.equal(unknown.level, 'error');
    assert.deepEqual(unknown.message, { text: 'unknown-flag here' });
    assert.deepEqual(unknown.locations, [
      {
        physicalLocation: {
          artifactLocation: { uri: 'src/a%20b.c', uriBaseId: '%SRCROOT%' },
          region: { startLine: 2, startColumn: 23, endLine: 2, endColumn: 43 },
        },
      },
    ]);
    assert.equal(info.level, 'note');
    assert.deepEqual(info.properties, { severity: 'information' });
    assert.equal(info.ruleIndex, 2);
    assert.equal(info.fixes, undefined);

    assert.equal(numeric.level, 'note');
    assert.deepEqual(numeric.properties, { severity: 'hint' });
    assert.equal(numeric.locations[0].physicalLocation.artifactLocation.uri, 'win/crlf.c');
    // "  SSL_CTX_set_session_cache_mode(ctx, " is 38 units: the 2 is column 39 on line 3.
    assert.deepEqual(numeric.locations[0].physicalLocation.region, { startLine: 3, startColumn: 39, endLine: 3, endColumn: 40 });
    assert.deepEqual(stored.locations[0].physicalLocation.region, { startLine: 2, startColumn: 1, endLine: 2, endColumn: 7 });
    assert.equal(orphan.ruleId, 'rule-without-metadata');
    assert.equal(orphan.ruleIndex, undefined, 'no index for a rule the run does not describe');
    assert.deepEqual(orphan.locations[0].physicalLocation.region, { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 });
  });

  it('turns fixes into artifact changes (duplicates and empty fixes dropped)', () => {
    const [unknown, , numeric] = sampleLog().runs[0].results;
    assert.deepEqual(unknown.fixes, [
      {
        description: { text: 'Change to SSL_SESS_CACHE_SERVER' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'src/a%20b.c', uriBaseId: '%SRCROOT%' },
            replacements: [
              { deletedRegion: { startLine: 2, startColumn: 23, endLine: 2, endColumn: 43 }, insertedContent: { text: 'SSL_SESS_CACHE_SERVER' } },
            ],
          },
        ],
      },
    ]);
    assert.equal(numeric.fixes?.length, 2);
    assert.deepEqual(numeric.fixes?.[1].artifactChanges[0].replacements, [
      // an insertion: empty region at the start of line 3
      { deletedRegion: { startLine: 3, startColumn: 1, endLine: 3, endColumn: 1 }, insertedContent: { text: '  /* was 2 */\r\n' } },
      // a deletion: no inserted content
      { deletedRegion: { startLine: 3, startColumn: 39, endLine: 3, endColumn: 40 } },
    ]);
  });

  it('declares a lone \\r as a line break only when a file has one', () => {
    assert.equal(sampleLog().runs[0].newlineSequences, undefined);
    const log = buildSarifLog([{ path: 'mac.c', text: 'a\rb SSL_X', findings: [finding('numeric-mode', 'hint', 4, 9)] }], { rules: METAS });
    assert.deepEqual(log.runs[0].newlineSequences, ['\r\n', '\n', '\r']);
    assert.deepEqual(log.runs[0].results[0].locations[0].physicalLocation.region, { startLine: 2, startColumn: 3, endLine: 2, endColumn: 8 });
    assert.deepEqual(validateSarif(log), []);
  });

  it('an empty run is valid and still lists the rules', () => {
    const log = buildSarifLog([], { rules: METAS });
    assert.deepEqual(log.runs[0].results, []);
    assert.equal(log.runs[0].tool.driver.rules.length, METAS.length);
    assert.deepEqual(validateSarif(log), []);
  });

  it('the real rule catalogue gives valid, unique descriptors, each documented in docs/rules.md', () => {
    const log = buildSarifLog([], { rules: RULE_METAS, helpBaseUri: 'https://example.com/r/blob/main/' });
    assert.deepEqual(validateSarif(log), []);
    const ids = log.runs[0].tool.driver.rules.map((r) => r.id);
    assert.ok(ids.length > 0);
    assert.equal(new Set(ids).size, ids.length, 'rule ids are unique');
    const doc = readRepoFile('docs', 'rules.md');
    for (const id of ids) assert.match(doc, new RegExp(`^#+ ${id}$`, 'm'), `docs/rules.md has a heading for ${id}`);
  });
});
