/*
 * Belt-and-braces flags on an external-only server: SERVER | NO_INTERNAL |
 * NO_INTERNAL_STORE, where NO_INTERNAL already contains NO_INTERNAL_STORE.
 * New/get/remove callbacks are set (otherwise the "external cache only" recipe).
 * Expected: redundant-flag (information) on SSL_SESS_CACHE_NO_INTERNAL_STORE.
 */
#include <openssl/ssl.h>
#include "app.h"

static int sc_new(SSL *ssl, SSL_SESSION *sess)
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

static SSL_SESSION *sc_get(SSL *ssl, const unsigned char *id, int id_len, int *copy)
{
    unsigned char der[4096];
    const unsigned char *p = der;
    int len = app_scache_fetch(id, id_len, der, (int)sizeof(der));

    (void)ssl;
    *copy = 0;
    return len > 0 ? d2i_SSL_SESSION(NULL, &p, len) : NULL;
}

static void sc_del(SSL_CTX *ctx, SSL_SESSION *sess)
{
    unsigned int id_len;
    const unsigned char *id = SSL_SESSION_get_id(sess, &id_len);

    (void)ctx;
    app_scache_delete(id, id_len);
}

SSL_CTX *pop3_tls_ctx(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

    if (ctx == NULL) {
        return NULL;
    }
    SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"pop3d", 5);
    /* make really sure nothing lands in the internal cache */
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL | SSL_SESS_CACHE_NO_INTERNAL_STORE);
    SSL_CTX_sess_set_new_cb(ctx, sc_new);
    SSL_CTX_sess_set_get_cb(ctx, sc_get);
    SSL_CTX_sess_set_remove_cb(ctx, sc_del);
    return ctx;
}
