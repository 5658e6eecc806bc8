/*
 * A remove_session_cb that also calls SSL_CTX_remove_session "to make sure the
 * session is gone from the internal cache too". Since 1.1.0 the remove callback
 * is always called from SSL_CTX_remove_session, so this recurses. The rest is the
 * external-only recipe.
 * Expected on openssl-3.0: remove-session-in-remove-cb (error) on the
 * SSL_CTX_remove_session call inside the callback.
 * On openssl-1.0.2: the same finding as information.
 */
#include <openssl/ssl.h>
#include "app.h"

static int rc_new(SSL *ssl, SSL_SESSION *sess)
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

static SSL_SESSION *rc_get(SSL *ssl, const unsigned char *id, int id_len, int *copy)
{
    unsigned char der[4096];
    const unsigned char *p = der;
    int len = app_scache_fetch(id, id_len, der, (int)sizeof(der));

    (void)ssl;
    *copy = 0;
    return len > 0 ? d2i_SSL_SESSION(NULL, &p, len) : NULL;
}

static void rc_remove(SSL_CTX *ctx, SSL_SESSION *sess)
{
    unsigned int id_len;
    const unsigned char *id = SSL_SESSION_get_id(sess, &id_len);

    app_scache_delete(id, id_len);
    /* and drop it from OpenSSL's own cache as well */
    SSL_CTX_remove_session(ctx, sess);
}

void cdn_tls_cache(SSL_CTX *ctx)
{
    SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"cdn", 3);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL);
    SSL_CTX_sess_set_new_cb(ctx, rc_new);
    SSL_CTX_sess_set_get_cb(ctx, rc_get);
    SSL_CTX_sess_set_remove_cb(ctx, rc_remove);
}
