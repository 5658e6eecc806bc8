/*
 * Mode built over several statements in a local variable:
 * long mode = SSL_SESS_CACHE_SERVER; if (use_ext) mode |= SSL_SESS_CACHE_NO_INTERNAL;
 * Both possibilities (SERVER, SERVER | NO_INTERNAL) are fine because new and get
 * callbacks are registered (builtin + external, or external only).
 * Expected: nothing (clean).
 */
#include <openssl/ssl.h>
#include "app.h"

static int vb_new(SSL *ssl, SSL_SESSION *sess)
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

static SSL_SESSION *vb_get(SSL *ssl, const unsigned char *id, int id_len, int *copy)
{
    unsigned char der[4096];
    const unsigned char *p = der;
    int len = app_scache_fetch(id, id_len, der, (int)sizeof(der));

    (void)ssl;
    *copy = 0;
    return len > 0 ? d2i_SSL_SESSION(NULL, &p, len) : NULL;
}

void vb_configure(SSL_CTX *ctx, int use_ext)
{
    long mode = SSL_SESS_CACHE_SERVER;

    if (use_ext) {
        mode |= SSL_SESS_CACHE_NO_INTERNAL;
    }
    SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"vb", 2);
    SSL_CTX_set_session_cache_mode(ctx, mode);
    SSL_CTX_sess_set_new_cb(ctx, vb_new);
    SSL_CTX_sess_set_get_cb(ctx, vb_get);
}
