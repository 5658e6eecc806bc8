import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintC } from '../rules/lint';
import { analyzeC } from './analysis';
import { extractConfig, sharedContexts } from './config';

const TLS_C = `#include <openssl/ssl.h>
SSL_CTX *g_client_ctx;
void tls_init(void)
{
    g_client_ctx = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_session_cache_mode(g_client_ctx, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);
}
`;
const CACHE_C = `#include <openssl/ssl.h>
extern SSL_CTX *g_client_ctx;
static int save(SSL *s, SSL_SESSION *sess) { (void)s; (void)sess; return 0; }
void cache_init(void)
{
    SSL_CTX_sess_set_new_cb(g_client_ctx, save);
}
`;

const codes = (text: string, elsewhere: ReturnType<typeof sharedContexts> = []) =>
  lintC(analyzeC(text), { library: 'openssl-3.0', elsewhere }).map((f) => f.ruleId);

describe('contexts configured across files', () => {
  it('file-scope SSL_CTX variables are shared; locals and statics are not', () => {
    const shared = sharedContexts(extractConfig(analyzeC(TLS_C)), 'tls.c');
    assert.deepEqual(shared.map((s) => [s.key, s.role, s.modeValues]), [['g_client_ctx', 'client', [0x201]]]);
    const local = 'void f(void) { SSL_CTX *ctx = SSL_CTX_new(TLS_client_method()); SSL_CTX_set_session_cache_mode(ctx, 1); }';
    assert.deepEqual(sharedContexts(extractConfig(analyzeC(local)), 'x.c'), []);
    const stat = 'static SSL_CTX *ctx;\nvoid f(void) { SSL_CTX_set_session_cache_mode(ctx, 1); }';
    assert.deepEqual(sharedContexts(extractConfig(analyzeC(stat)), 'x.c'), []);
  });

  it('a callback registered in one file meets the mode set in another', () => {
    // Alone, cache.c looks like a client callback on a default-mode context... but its role is unknown, so it is quiet;
    // tls.c alone caches client sessions with nothing taking them.
    assert.ok(codes(TLS_C).includes('client-cache-unused') === false);
    const tlsShared = sharedContexts(extractConfig(analyzeC(TLS_C)), 'tls.c');
    const cacheShared = sharedContexts(extractConfig(analyzeC(CACHE_C)), 'cache.c');
    assert.deepEqual(codes(CACHE_C, tlsShared), []);
    assert.deepEqual(codes(TLS_C, cacheShared), []);
  });

  it('without the other file, the role and mode from it are unknown and nothing is guessed', () => {
    assert.deepEqual(codes(CACHE_C), []);
  });

  it('the mode set elsewhere decides: a client new_session_cb on a SERVER-mode global is reported', () => {
    const serverMode = TLS_C.replace('SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE', 'SSL_SESS_CACHE_SERVER');
    const elsewhere = sharedContexts(extractConfig(analyzeC(serverMode)), 'tls.c');
    assert.deepEqual(codes(CACHE_C, elsewhere), []);
    // The finding belongs where the mode is written (tls.c), with the callback known from cache.c.
    const cacheShared = sharedContexts(extractConfig(analyzeC(CACHE_C)), 'cache.c');
    assert.ok(codes(serverMode, cacheShared).includes('client-new-cb-without-client-bit'));
  });
});
