/*
 * Server with an external cache that only turns off the internal lookup:
 * SERVER | NO_INTERNAL_LOOKUP with new and get callbacks. Every hit from the get
 * callback is copied back into an internal cache that is never read.
 * Expected: copy-back-waste (information) on the mode line, nothing else.
 */
#include <openssl/ssl.h>
#include "app.h"

static int memc_new_session(SSL *ssl, SSL_SESSION *sess)
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

static SSL_SESSION *memc_get_session(SSL *ssl, const unsigned char *id, int id_len, int *copy)
{
    unsigned char der[4096];
    const unsigned char *p = der;
    int len = app_scache_fetch(id, id_len, der, (int)sizeof(der));

    (void)ssl;
    *copy = 0;
    if (len <= 0) {
        app_log(APP_LOG_DEBUG, "memcached miss");
        return NULL;
    }
    return d2i_SSL_SESSION(NULL, &p, len);
}

SSL_CTX *edge_tls_ctx(const char *cert, const char *key)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

    if (ctx == NULL || app_load_cert_chain(ctx, cert, key) != 0) {
        SSL_CTX_free(ctx);
        return NULL;
    }
    SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"edge", 4);
    /* always ask memcached first */
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL_LOOKUP);
    SSL_CTX_sess_set_new_cb(ctx, memc_new_session);
    SSL_CTX_sess_set_get_cb(ctx, memc_get_session);
    return ctx;
}
