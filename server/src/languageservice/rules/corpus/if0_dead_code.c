/*
 * #if 0 dead code is never linted: the disabled block holds a typo flag, a bit test
 * against OFF, a numeric mode and a return-value test. The #else branch (live)
 * is the external-only recipe with new/get/remove callbacks.
 * Expected: nothing (clean).
 */
#include <openssl/ssl.h>
#include "app.h"

static int dc_new(SSL *ssl, SSL_SESSION *sess)
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

static SSL_SESSION *dc_get(SSL *ssl, const unsigned char *id, int id_len, int *copy)
{
    unsigned char der[4096];
    const unsigned char *p = der;
    int len = app_scache_fetch(id, id_len, der, (int)sizeof(der));

    (void)ssl;
    *copy = 0;
    return len > 0 ? d2i_SSL_SESSION(NULL, &p, len) : NULL;
}

static void dc_del(SSL_CTX *ctx, SSL_SESSION *sess)
{
    unsigned int id_len;
    const unsigned char *id = SSL_SESSION_get_id(sess, &id_len);

    (void)ctx;
    app_scache_delete(id, id_len);
}

void dc_setup(SSL_CTX *ctx, long cfg_mode)
{
    SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"dc", 2);
#if 0
    /* old code, kept for reference */
    if (cfg_mode & SSL_SESS_CACHE_OFF) {
        return;
    }
    if (!SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVR | SSL_SESS_CACHE_NO_INTERNAL_LOOKUP)) {
        return;
    }
    SSL_CTX_set_session_cache_mode(ctx, 0x1002);
#ifdef HAVE_UPDATE_TIME
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT);
#endif
#else
    (void)cfg_mode;
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL);
#endif
    SSL_CTX_sess_set_new_cb(ctx, dc_new);
    SSL_CTX_sess_set_get_cb(ctx, dc_get);
    SSL_CTX_sess_set_remove_cb(ctx, dc_del);
}
