/*
 * Nested macros defined in the file: APP_SCACHE_BASE is SSL_SESS_CACHE_SERVER and
 * APP_SCACHE_MODE is (APP_SCACHE_BASE | SSL_SESS_CACHE_NO_INTERNAL_LOOKUP). There is
 * no get_session_cb, so stored sessions are never looked up.
 * Range, literal reading: the rule has no range of its own, so the mode argument at
 * the call (APP_SCACHE_MODE), not a token inside the #define.
 * Expected: stored-never-looked-up (warning) on the mode call line, nothing else.
 */
#include <openssl/ssl.h>
#include "app.h"

#define APP_SCACHE_BASE SSL_SESS_CACHE_SERVER
#define APP_SCACHE_MODE (APP_SCACHE_BASE | SSL_SESS_CACHE_NO_INTERNAL_LOOKUP)
#define APP_SCACHE_SIZE 4096

struct app_tls {
    SSL_CTX *ctx;
    const char *name;
};

int app_tls_server(struct app_tls *t, const char *cert, const char *key)
{
    t->ctx = SSL_CTX_new(TLS_server_method());
    if (t->ctx == NULL) {
        return -1;
    }
    if (app_load_cert_chain(t->ctx, cert, key) != 0) {
        SSL_CTX_free(t->ctx);
        t->ctx = NULL;
        return -1;
    }
    SSL_CTX_set_session_id_context(t->ctx, (const unsigned char *)"app", 3);
    SSL_CTX_set_session_cache_mode(t->ctx, APP_SCACHE_MODE);
    SSL_CTX_sess_set_cache_size(t->ctx, APP_SCACHE_SIZE);
    return 0;
}
