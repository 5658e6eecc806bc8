/*
 * External-only server cache written with a hex literal: 0x0302 is
 * SERVER | NO_INTERNAL. New and get callbacks are set, so the mode itself is the
 * deliberate "external cache only" recipe.
 * Expected: numeric-mode (hint) on the number, nothing else.
 */
#include <openssl/ssl.h>
#include "app.h"

static int on_new_session(SSL *ssl, SSL_SESSION *sess)
{
    unsigned char der[4096], *p = der;
    unsigned int id_len;
    const unsigned char *id = SSL_SESSION_get_id(sess, &id_len);
    int len = i2d_SSL_SESSION(sess, NULL);

    (void)ssl;
    if (len <= 0 || len > (int)sizeof(der)) {
        return 0;
    }
    i2d_SSL_SESSION(sess, &p);
    app_scache_store(id, id_len, der, len, SSL_SESSION_get_time(sess) + SSL_SESSION_get_timeout(sess));
    return 0;
}

static SSL_SESSION *on_get_session(SSL *ssl, const unsigned char *id, int id_len, int *copy)
{
    unsigned char der[4096];
    const unsigned char *p = der;
    int len = app_scache_fetch(id, id_len, der, (int)sizeof(der));

    (void)ssl;
    *copy = 0;
    return len > 0 ? d2i_SSL_SESSION(NULL, &p, len) : NULL;
}

SSL_CTX *radius_tls_server_ctx(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

    if (ctx == NULL) {
        return NULL;
    }
    SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"radsec", 6);
    SSL_CTX_set_session_cache_mode(ctx, 0x0302);
    SSL_CTX_sess_set_new_cb(ctx, on_new_session);
    SSL_CTX_sess_set_get_cb(ctx, on_get_session);
    return ctx;
}
