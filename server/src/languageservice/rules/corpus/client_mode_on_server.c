/*
 * A client recipe pasted into a server: SSL_SESS_CACHE_CLIENT |
 * SSL_SESS_CACHE_NO_INTERNAL on a server ctx (TLS_server_method) that registers
 * new and get callbacks. The server side never calls new_session_cb, and the
 * CLIENT bit is inert on a server.
 * Expected (mode line, single line): server-cb-without-server-bit (warning) and
 * role-mismatch (information).
 */
#include <openssl/ssl.h>
#include "app.h"

static int ws_store(SSL *ssl, SSL_SESSION *sess)
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

static SSL_SESSION *ws_fetch(SSL *ssl, const unsigned char *id, int id_len, int *copy)
{
    unsigned char der[4096];
    const unsigned char *p = der;
    int len = app_scache_fetch(id, id_len, der, (int)sizeof(der));

    (void)ssl;
    *copy = 0;
    return len > 0 ? d2i_SSL_SESSION(NULL, &p, len) : NULL;
}

SSL_CTX *websocket_tls_ctx(void)
{
    SSL_CTX *ws_ctx = SSL_CTX_new(TLS_server_method());

    if (ws_ctx == NULL) {
        return NULL;
    }
    SSL_CTX_set_session_id_context(ws_ctx, (const unsigned char *)"ws", 2);
    SSL_CTX_set_session_cache_mode(ws_ctx, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL);
    SSL_CTX_sess_set_new_cb(ws_ctx, ws_store);
    SSL_CTX_sess_set_get_cb(ws_ctx, ws_fetch);
    return ws_ctx;
}
