/*
 * HAProxy-like frontend/backend pair in one file: the frontend (fe_ctx,
 * TLS_server_method) uses SERVER | NO_INTERNAL | NO_AUTO_CLEAR with new/get
 * callbacks; the backend (be_ctx, TLS_client_method) registers a new_session_cb
 * but never sets a mode, so it keeps the default SERVER and the callback never
 * fires. The frontend's mode must not count for the backend.
 * Expected: no-auto-clear-nothing-stored (hint) on the frontend mode line, and
 * client-new-cb-without-client-bit (error) on the backend's
 * SSL_CTX_sess_set_new_cb call.
 */
#include <openssl/ssl.h>
#include "app.h"

static int fe_new(SSL *ssl, SSL_SESSION *sess)
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

static SSL_SESSION *fe_get(SSL *ssl, const unsigned char *id, int id_len, int *copy)
{
    unsigned char der[4096];
    const unsigned char *p = der;
    int len = app_scache_fetch(id, id_len, der, (int)sizeof(der));

    (void)ssl;
    *copy = 0;
    return len > 0 ? d2i_SSL_SESSION(NULL, &p, len) : NULL;
}

static int be_new(SSL *ssl, SSL_SESSION *sess)
{
    unsigned char der[4096], *p = der;
    int len = i2d_SSL_SESSION(sess, NULL);

    if (len > 0 && len <= (int)sizeof(der)) {
        i2d_SSL_SESSION(sess, &p);
        app_host_session_put(SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name), der, len);
    }
    return 0;
}

int lb_tls_init(SSL_CTX **front, SSL_CTX **back)
{
    SSL_CTX *fe_ctx = SSL_CTX_new(TLS_server_method());
    SSL_CTX *be_ctx = SSL_CTX_new(TLS_client_method());

    if (fe_ctx == NULL || be_ctx == NULL) {
        return -1;
    }
    SSL_CTX_set_session_id_context(fe_ctx, (const unsigned char *)"lb", 2);
    SSL_CTX_set_session_cache_mode(fe_ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL | SSL_SESS_CACHE_NO_AUTO_CLEAR);
    SSL_CTX_sess_set_new_cb(fe_ctx, fe_new);
    SSL_CTX_sess_set_get_cb(fe_ctx, fe_get);

    SSL_CTX_set_verify(be_ctx, SSL_VERIFY_PEER, NULL);
    SSL_CTX_sess_set_new_cb(be_ctx, be_new);
    *front = fe_ctx;
    *back = be_ctx;
    return 0;
}
