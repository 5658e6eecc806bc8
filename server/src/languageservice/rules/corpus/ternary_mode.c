/*
 * Ternary mode: shared ? (SERVER | NO_INTERNAL) : SERVER. Both arms are
 * possibilities; both are fine with the new/get callbacks registered here.
 * Expected: nothing (clean).
 */
#include <openssl/ssl.h>
#include "app.h"

struct vhost_conf {
    int shared_cache;
    long timeout;
};

static int tm_new(SSL *ssl, SSL_SESSION *sess)
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

static SSL_SESSION *tm_get(SSL *ssl, const unsigned char *id, int id_len, int *copy)
{
    unsigned char der[4096];
    const unsigned char *p = der;
    int len = app_scache_fetch(id, id_len, der, (int)sizeof(der));

    (void)ssl;
    *copy = 0;
    return len > 0 ? d2i_SSL_SESSION(NULL, &p, len) : NULL;
}

void vhost_session_cache(SSL_CTX *ctx, const struct vhost_conf *conf)
{
    SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"vhost", 5);
    SSL_CTX_set_timeout(ctx, conf->timeout);
    SSL_CTX_set_session_cache_mode(ctx, conf->shared_cache ? (SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL) : SSL_SESS_CACHE_SERVER);
    SSL_CTX_sess_set_new_cb(ctx, tm_new);
    SSL_CTX_sess_set_get_cb(ctx, tm_get);
}
