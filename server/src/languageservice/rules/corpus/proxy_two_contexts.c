/*
 * A TLS proxy with two contexts in one file: srv_ctx (TLS_server_method) uses the
 * external-only recipe (SERVER | NO_INTERNAL, new/get callbacks) and upstream_ctx
 * (TLS_client_method) uses the client-via-callback recipe (CLIENT |
 * NO_INTERNAL_STORE, new_session_cb, SSL_set_session). Each configuration belongs
 * to its own ctx expression; nothing may leak from one to the other.
 * Expected: nothing (clean).
 */
#include <openssl/ssl.h>
#include "app.h"

static SSL_CTX *srv_ctx, *upstream_ctx;
static const char *upstream_host = "origin.internal";

static int srv_new_session(SSL *ssl, SSL_SESSION *sess)
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

static SSL_SESSION *srv_get_session(SSL *ssl, const unsigned char *id, int id_len, int *copy)
{
    unsigned char der[4096];
    const unsigned char *p = der;
    int len = app_scache_fetch(id, id_len, der, (int)sizeof(der));

    (void)ssl;
    *copy = 0;
    return len > 0 ? d2i_SSL_SESSION(NULL, &p, len) : NULL;
}

static int upstream_new_session(SSL *ssl, SSL_SESSION *sess)
{
    unsigned char der[4096], *p = der;
    int len = i2d_SSL_SESSION(sess, NULL);

    (void)ssl;
    if (len > 0 && len <= (int)sizeof(der)) {
        i2d_SSL_SESSION(sess, &p);
        app_host_session_put(upstream_host, der, len);
    }
    return 0;
}

int proxy_tls_init(void)
{
    srv_ctx = SSL_CTX_new(TLS_server_method());
    upstream_ctx = SSL_CTX_new(TLS_client_method());
    if (srv_ctx == NULL || upstream_ctx == NULL) {
        return -1;
    }
    SSL_CTX_set_session_id_context(srv_ctx, (const unsigned char *)"proxy", 5);
    SSL_CTX_set_session_cache_mode(srv_ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL);
    SSL_CTX_sess_set_new_cb(srv_ctx, srv_new_session);
    SSL_CTX_sess_set_get_cb(srv_ctx, srv_get_session);

    SSL_CTX_set_verify(upstream_ctx, SSL_VERIFY_PEER, NULL);
    SSL_CTX_set_session_cache_mode(upstream_ctx, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);
    SSL_CTX_sess_set_new_cb(upstream_ctx, upstream_new_session);
    return 0;
}

SSL *proxy_upstream_ssl(int fd)
{
    unsigned char der[4096];
    const unsigned char *p = der;
    SSL *ssl = SSL_new(upstream_ctx);
    int len = app_host_session_get(upstream_host, der, (int)sizeof(der));
    SSL_SESSION *sess = len > 0 ? d2i_SSL_SESSION(NULL, &p, len) : NULL;

    if (sess != NULL) {
        SSL_set_session(ssl, sess);
        SSL_SESSION_free(sess);
    }
    SSL_set_fd(ssl, fd);
    return ssl;
}
