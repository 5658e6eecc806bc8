/*
 * Backslash-newline continuations: a mode macro spread over three lines, a string
 * literal continued across a line break, and the macro used as the mode. The
 * macro expands to SERVER | NO_INTERNAL; new/get/remove callbacks are set
 * (external-only recipe).
 * Expected: nothing (clean).
 */
#include <openssl/ssl.h>
#include "app.h"

#define SCACHE_EXTERNAL_MODE \
    (SSL_SESS_CACHE_SERVER | \
     SSL_SESS_CACHE_NO_INTERNAL)

static int lc_new(SSL *ssl, SSL_SESSION *sess)
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

static SSL_SESSION *lc_get(SSL *ssl, const unsigned char *id, int id_len, int *copy)
{
    unsigned char der[4096];
    const unsigned char *p = der;
    int len = app_scache_fetch(id, id_len, der, (int)sizeof(der));

    (void)ssl;
    *copy = 0;
    return len > 0 ? d2i_SSL_SESSION(NULL, &p, len) : NULL;
}

static void lc_del(SSL_CTX *ctx, SSL_SESSION *sess)
{
    unsigned int id_len;
    const unsigned char *id = SSL_SESSION_get_id(sess, &id_len);

    (void)ctx;
    app_scache_delete(id, id_len);
}

void lc_setup(SSL_CTX *ctx)
{
    app_log(APP_LOG_INFO, "session cache: external only \
(SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL_LOOKUP)");
    SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"lc", 2);
    SSL_CTX_set_session_cache_mode(ctx, SCACHE_EXTERNAL_MODE);
    SSL_CTX_sess_set_new_cb(ctx, lc_new);
    SSL_CTX_sess_set_get_cb(ctx, lc_get);
    SSL_CTX_sess_set_remove_cb(ctx, lc_del);
}
