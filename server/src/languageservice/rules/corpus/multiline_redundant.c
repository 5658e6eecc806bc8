/*
 * Multi-line mode with leading '|' where the last line repeats a half of
 * NO_INTERNAL: SERVER | NO_INTERNAL | NO_INTERNAL_LOOKUP, one flag per line.
 * redundant-flag has its own range (the redundant name), so the finding is on the
 * NO_INTERNAL_LOOKUP line, not on the line of the call. New/get callbacks are set.
 * Expected: redundant-flag (information) on the SSL_SESS_CACHE_NO_INTERNAL_LOOKUP
 * line, nothing else.
 */
#include <openssl/ssl.h>
#include "app.h"

static int mr_new(SSL *ssl, SSL_SESSION *sess)
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

static SSL_SESSION *mr_get(SSL *ssl, const unsigned char *id, int id_len, int *copy)
{
    unsigned char der[4096];
    const unsigned char *p = der;
    int len = app_scache_fetch(id, id_len, der, (int)sizeof(der));

    (void)ssl;
    *copy = 0;
    return len > 0 ? d2i_SSL_SESSION(NULL, &p, len) : NULL;
}

SSL_CTX *ldaps_ctx(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

    if (ctx == NULL) {
        return NULL;
    }
    SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"ldaps", 5);
    SSL_CTX_set_session_cache_mode(ctx,
        SSL_SESS_CACHE_SERVER
        | SSL_SESS_CACHE_NO_INTERNAL
        | SSL_SESS_CACHE_NO_INTERNAL_LOOKUP);
    SSL_CTX_sess_set_new_cb(ctx, mr_new);
    SSL_CTX_sess_set_get_cb(ctx, mr_get);
    return ctx;
}
