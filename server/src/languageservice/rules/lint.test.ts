import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeC } from '../c/analysis';
import { extractConfig, sharedContexts } from '../c/config';
import { CACHE_C, TLS_C } from '../../testing/globalContexts';
import { lintC, lintExtracted, withWorkspaceContexts } from './lint';

describe('linting an already extracted configuration (the language server keeps one per version)', () => {
  const doc = analyzeC(TLS_C);
  const elsewhere = sharedContexts(extractConfig(analyzeC(CACHE_C)), 'cache.c');
  const options = { library: 'openssl-3.0' as const, elsewhere };

  it('finds what lintC finds, with and without other files', () => {
    const file = extractConfig(doc);
    const ids = (findings: { ruleId: string }[]) => findings.map((f) => f.ruleId);
    assert.deepEqual(ids(lintExtracted(doc, file, options)), ['client-new-cb-without-client-bit', 'role-mismatch'], 'the callback set in cache.c counts');
    assert.deepEqual(lintExtracted(doc, file, options), lintC(doc, options));
    assert.deepEqual(lintExtracted(doc, file, { library: 'openssl-3.0' }), lintC(doc, { library: 'openssl-3.0' }));
  });

  it('leaves the extracted configuration as it was, so it can be linted again with other files', () => {
    const file = extractConfig(doc);
    const before = structuredClone(file);
    const merged = withWorkspaceContexts(file, elsewhere);
    assert.notEqual(merged, file);
    assert.ok(merged.contexts[0].callbacks.some((c) => c.kind === 'new'), 'the callback from cache.c is merged');
    assert.deepEqual(file, before);
    assert.deepEqual(lintExtracted(doc, file, { library: 'openssl-3.0' }), lintC(doc, { library: 'openssl-3.0' }));
  });

  it('returns the configuration itself when there is nothing to merge', () => {
    const file = extractConfig(doc);
    assert.equal(withWorkspaceContexts(file, []), file);
    assert.equal(withWorkspaceContexts(file, undefined), file);
    const local = extractConfig(analyzeC('void f(void) { SSL_CTX *c = SSL_CTX_new(TLS_server_method()); SSL_CTX_set_session_cache_mode(c, 2); }'));
    assert.equal(withWorkspaceContexts(local, elsewhere), local);
  });
});
