/*
 * A server that reads sessions from a store another process fills, but never
 * registers a new_session_cb: SERVER | NO_INTERNAL with only a get callback.
 * OpenSSL never writes the external cache, and with NO_INTERNAL_STORE and no
 * new_session_cb the announced IDs are kept nowhere.
 * Expected: external-cache-never-written (warning, on the get callback) and
 * announced-never-stored (information).
 * Range: external-cache-never-written points at the get-callback registration.
 */
#include <openssl/ssl.h>
#include "app.h"

static SSL_SESSION *shared_get(SSL *ssl, const unsigned char *id, int id_len, int *copy)
{
    unsigned char der[4096];
    const unsigned char *p = der;
    int len = app_scache_fetch(id, id_len, der, (int)sizeof(der));

    (void)ssl;
    *copy = 0;
    if (len <= 0) {
        return NULL;
    }
    return d2i_SSL_SESSION(NULL, &p, len);
}

SSL_CTX *worker_tls_ctx(const char *cert, const char *key)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

    if (ctx == NULL) {
        return NULL;
    }
    if (app_load_cert_chain(ctx, cert, key) != 0) {
        SSL_CTX_free(ctx);
        return NULL;
    }
    SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"worker", 6);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL);
    SSL_CTX_sess_set_get_cb(ctx, shared_get);
    return ctx;
}
