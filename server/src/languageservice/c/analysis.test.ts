import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { generateFile, FileKind, OpenSslUse } from '../../../../bench/corpus';
import { LIBRARY_IDS } from '../knowledge/libraries';
import { lintText } from '../rules/lint';
import { mulberry32 } from '../simulator/workload';
import { repoRoot } from '../../testing/paths';
import { CACHE_CODE_MARKERS, analyzeC, mayConfigureCache } from './analysis';
import { extractConfig, sharedContexts } from './config';
import { hoverC } from '../hover/hover';
import { lintC } from '../rules/lint';
import { generateTlsServer } from '../../../../bench/benchmarks/editor';
import type { IncludeLoader } from './macros';

/**
 * The adapters skip texts for which mayConfigureCache is false (the CLI without decoding them).
 * That is only right if such a text has no finding on any library and no shared context: checked
 * here on the rule corpus, examples/c and generated files, and on each of them with the markers
 * broken (`SSL_CTX_` -> `SSL_CTx_`, `SSL_SESS_CACHE_` -> `SSL_SESS_CACHe_`), so that realistic
 * cache code without the markers is covered too.
 */

interface Sample {
  name: string;
  text: string;
  loadInclude?: IncludeLoader;
}

function folderSamples(folder: string): Sample[] {
  const dir = path.join(repoRoot(), folder);
  const loadInclude: IncludeLoader = (name) => {
    const file = path.join(dir, name);
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  };
  return fs
    .readdirSync(dir)
    .filter((f) => /\.(c|cc|cpp|h|hpp|m|mm)$/.test(f))
    .map((f) => ({ name: `${folder}/${f}`, text: fs.readFileSync(path.join(dir, f), 'utf8'), loadInclude }));
}

function generatedSamples(): Sample[] {
  const random = mulberry32(42);
  const out: Sample[] = [];
  const kinds: FileKind[] = ['c', 'h', 'cc', 'cpp', 'hpp'];
  const uses: OpenSslUse[] = ['none', 'io', 'setup'];
  for (const kind of kinds) for (const use of uses) for (let i = 0; i < 3; i++) out.push({ name: `generated ${kind} ${use} ${i}`, text: generateFile(random, kind, use, 3000) });
  return out;
}

const defuse = (text: string): string => text.replaceAll('SSL_CTX_', 'SSL_CTx_').replaceAll('SSL_SESS_CACHE_', 'SSL_SESS_CACHe_');

function nothingToFind(sample: Sample): void {
  for (const library of LIBRARY_IDS) {
    assert.deepEqual(lintText(sample.text, 'c', { library }, { loadInclude: sample.loadInclude }), [], `${sample.name} on ${library}`);
  }
  const doc = analyzeC(sample.text, { loadInclude: sample.loadInclude });
  assert.deepEqual(sharedContexts(extractConfig(doc), sample.name), [], sample.name);
}

describe('mayConfigureCache', () => {
  const samples = [...folderSamples('server/src/languageservice/rules/corpus'), ...folderSamples('examples/c'), ...generatedSamples()];

  it('is false only for texts without findings or shared contexts', () => {
    let skipped = 0;
    let withFindings = 0;
    for (const sample of samples) {
      if (lintText(sample.text, 'c', { library: 'openssl-3.0' }, { loadInclude: sample.loadInclude }).length > 0) withFindings++;
      if (mayConfigureCache(sample.text)) continue;
      skipped++;
      nothingToFind(sample);
    }
    // Not vacuous: both sides occur.
    assert.ok(skipped >= 10, `${skipped} samples without markers`);
    assert.ok(withFindings >= 50, `${withFindings} samples with findings`);
  });

  it('stays right for cache code whose markers are broken', () => {
    for (const sample of samples) {
      const broken = { ...sample, name: `${sample.name} (markers broken)`, text: defuse(sample.text) };
      assert.equal(mayConfigureCache(broken.text), false, broken.name);
      nothingToFind(broken);
    }
  });

  it('reads bytes the same way as text', () => {
    for (const sample of samples) assert.equal(mayConfigureCache(Buffer.from(sample.text, 'utf8')), mayConfigureCache(sample.text), sample.name);
    for (const marker of CACHE_CODE_MARKERS) assert.ok(mayConfigureCache(`x ${marker}y`));
  });
});

/**
 * analyzeC scans sparsely (ScanOptions.sparse): blocks that never mention SSL keep only their
 * braces, comments and preprocessor lines. Everything the product computes from a document must
 * be the same as from a full scan: findings with their fixes on every library, shared contexts,
 * and the hover at every offset of the file.
 */
describe('sparse scanning', () => {
  const samples: Sample[] = [
    ...folderSamples('server/src/languageservice/rules/corpus'),
    ...folderSamples('examples/c'),
    ...folderSamples('server/src/languageservice/hover/fixtures'),
    ...generatedSamples(),
    { name: 'editor benchmark file (2,000 lines)', text: generateTlsServer(2000) },
    {
      name: 'namespaces, extern "C" and blocks in odd places',
      text: [
        'namespace net::tls { namespace { int helper(int x) { if (x) { return 1; } return 0; } }',
        'extern "C" { static long mode_of(int server) { long m = 0; if (server) { m = 0x2; } return m; } }',
        'class Server { SSL_CTX *ctx_; public: Server() : ctx_(SSL_CTX_new(TLS_server_method())) { long m = 0x2;',
        '  if (big) { m |= 0x100; } SSL_CTX_set_session_cache_mode(ctx_, m); } };',
        'void setup(SSL_CTX *ctx) { long m = SSL_SESS_CACHE_SERVER; { m |= 0x200; } SSL_CTX_set_session_cache_mode(ctx, m); }',
        '#define LATER SSL_SESS_CACHE_CLIENT',
        'static void untouched(void) { /* no tls here */ int y = 0;',
        '#if 0',
        '  SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVR);',
        '#endif',
        '  #define INSIDE 0x2',
        '  { { y++; } } }',
        'void uses(SSL_CTX *c) { SSL_CTX_set_session_cache_mode(c, INSIDE | LATER); }',
        'void after(void) { char *s = "}"; char c = \'}\'; /* } */ // }',
        '}',
        '}',
        'void ssl_in_a_comment_only(void) { /* SSL */ long z = 1; } void last(void) { {',
      ].join('\n'),
    },
  ];

  const hoversAt = (doc: ReturnType<typeof analyzeC>, text: string) => {
    const out: unknown[] = [];
    for (let offset = 0; offset <= text.length; offset++) out.push(hoverC(doc, offset, { library: 'openssl-3.0' }));
    return out;
  };

  for (const sample of samples) {
    it(`finds what a full scan finds: ${sample.name}`, () => {
      const sparse = analyzeC(sample.text, { loadInclude: sample.loadInclude });
      const full = analyzeC(sample.text, { loadInclude: sample.loadInclude, fullScan: true });
      assert.deepEqual(sparse.scanned.comments, full.scanned.comments);
      assert.deepEqual(
        sparse.scanned.directives.map((d) => [d.name, d.start, d.end]),
        full.scanned.directives.map((d) => [d.name, d.start, d.end]),
      );
      for (const library of LIBRARY_IDS) assert.deepEqual(lintC(sparse, { library }), lintC(full, { library }), library);
      assert.deepEqual(sharedContexts(extractConfig(sparse), 'f'), sharedContexts(extractConfig(full), 'f'));
      if (sample.text.length < 20000) assert.deepEqual(hoversAt(sparse, sample.text), hoversAt(full, sample.text));
    });
  }

  it('leaves out most tokens of ordinary code', () => {
    const text = generateTlsServer(2000);
    const sparse = analyzeC(text).scanned.tokens.length;
    const full = analyzeC(text, { fullScan: true }).scanned.tokens.length;
    assert.ok(sparse < full / 3, `${sparse} of ${full} tokens`);
  });
});
