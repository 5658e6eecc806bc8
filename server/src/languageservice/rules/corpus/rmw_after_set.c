/*
 * Read-modify-write after an earlier set on the same ctx: first
 * SSL_SESS_CACHE_SERVER, then (when the external store is configured)
 * SSL_CTX_get_session_cache_mode(ctx) | SSL_SESS_CACHE_NO_INTERNAL, which
 * evaluates to SERVER | NO_INTERNAL (the previously set mode, not the default).
 * Both modes are fine with the new/get callbacks.
 * Expected: nothing (clean).
 */
#include <openssl/ssl.h>
#include "app.h"

static int rw_new(SSL *ssl, SSL_SESSION *sess)
{
    unsigned char der[4096], *p = der;
    unsigned int id_len;
    const unsigned char *id = SSL_SESSION_get_id(sess, &id_len);
    int len = i2d_SSL_SESSION(sess, NULL);

    (void)ssl;
    if (len > 0 && len <= (int)sizeof(der)) {
        i2d_SSL_SESSION(sess, &p);
        app_scache_store(id, id_len, der, len, SSL_SESSION_get_time(sess) + SSL_SESSION_get_timeout(sess));
    }
    return 0;
}

static SSL_SESSION *rw_get(SSL *ssl, const unsigned char *id, int id_len, int *copy)
{
    unsigned char der[4096];
    const unsigned char *p = der;
    int len = app_scache_fetch(id, id_len, der, (int)sizeof(der));

    (void)ssl;
    *copy = 0;
    return len > 0 ? d2i_SSL_SESSION(NULL, &p, len) : NULL;
}

SSL_CTX *rw_server_ctx(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

    if (ctx == NULL) {
        return NULL;
    }
    SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"rw", 2);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER);
    SSL_CTX_sess_set_new_cb(ctx, rw_new);
    SSL_CTX_sess_set_get_cb(ctx, rw_get);
    if (app_conf_str("tls.session_store", NULL) != NULL) {
        SSL_CTX_set_session_cache_mode(ctx, SSL_CTX_get_session_cache_mode(ctx) | SSL_SESS_CACHE_NO_INTERNAL);
    }
    return ctx;
}
