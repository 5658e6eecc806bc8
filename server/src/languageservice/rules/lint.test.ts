import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeC } from '../c/analysis';
import { extractConfig, sharedContexts } from '../c/config';
import { lintC, lintExtracted, withWorkspaceContexts } from './lint';

const SERVER_C = `#include <openssl/ssl.h>
SSL_CTX *g_ctx;
void tls_init(void)
{
    g_ctx = SSL_CTX_new(TLS_server_method());
    SSL_CTX_set_session_cache_mode(g_ctx, SSL_SESS_CACHE_CLIENT);
}
`;
const CALLBACK_C = `#include <openssl/ssl.h>
extern SSL_CTX *g_ctx;
static int save(SSL *s, SSL_SESSION *sess) { (void)s; (void)sess; return 0; }
void cache_init(void)
{
    SSL_CTX_sess_set_new_cb(g_ctx, save);
    SSL_CTX_set_session_id_context(g_ctx, (const unsigned char *)"x", 1);
}
`;

describe('linting an already extracted configuration (the language server keeps one per version)', () => {
  const doc = analyzeC(SERVER_C);
  const elsewhere = sharedContexts(extractConfig(analyzeC(CALLBACK_C)), 'cache.c');
  const options = { library: 'openssl-3.0' as const, elsewhere };

  it('finds what lintC finds, with and without other files', () => {
    const file = extractConfig(doc);
    const ids = (findings: { ruleId: string }[]) => findings.map((f) => f.ruleId);
    assert.deepEqual(ids(lintExtracted(doc, file, options)), ['role-mismatch', 'server-cb-without-server-bit'], 'the callback set in cache.c counts');
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
