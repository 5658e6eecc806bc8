/*
 * The mode is the result of a function call (read from the configuration), so it
 * is unknown. Only a get callback is registered: with a known SERVER mode that
 * would be external-cache-never-written, but with an unknown mode the
 * mode-dependent rules stay silent.
 * Expected: nothing (clean).
 */
#include <openssl/ssl.h>
#include "app.h"

static SSL_SESSION *ro_get(SSL *ssl, const unsigned char *id, int id_len, int *copy)
{
    unsigned char der[4096];
    const unsigned char *p = der;
    int len = app_scache_fetch(id, id_len, der, (int)sizeof(der));

    (void)ssl;
    *copy = 0;
    return len > 0 ? d2i_SSL_SESSION(NULL, &p, len) : NULL;
}

SSL_CTX *replica_tls_ctx(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

    if (ctx == NULL) {
        return NULL;
    }
    SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"replica", 7);
    SSL_CTX_set_session_cache_mode(ctx, app_conf_long("tls.session_cache_mode", 0));
    SSL_CTX_sess_set_get_cb(ctx, ro_get);
    return ctx;
}
