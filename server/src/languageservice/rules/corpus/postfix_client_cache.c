/*
 * Postfix-style smtp TLS client: CLIENT | NO_INTERNAL_STORE | NO_AUTO_CLEAR with a
 * new_session_cb writing DER to the application's per-host cache, and manual
 * SSL_set_session before the handshake. Deliberate recipe ("client via callback").
 * Expected: no-auto-clear-nothing-stored (hint) on the mode line, nothing else.
 */
#include <openssl/ssl.h>
#include "app.h"

#define SESS_BUF 8192

static int tls_client_sess_idx = -1;

static int new_client_session_cb(SSL *ssl, SSL_SESSION *session)
{
    const char *host = SSL_get_ex_data(ssl, tls_client_sess_idx);
    unsigned char buf[SESS_BUF];
    unsigned char *p = buf;
    int len = i2d_SSL_SESSION(session, NULL);

    if (host != NULL && len > 0 && len <= SESS_BUF) {
        i2d_SSL_SESSION(session, &p);
        app_host_session_put(host, buf, len);
    }
    return 0;
}

SSL_CTX *tls_client_init(void)
{
    SSL_CTX *client_ctx = SSL_CTX_new(TLS_client_method());

    if (client_ctx == NULL) {
        return NULL;
    }
    tls_client_sess_idx = SSL_get_ex_new_index(0, "host", NULL, NULL, NULL);
    /* OpenSSL does not use callbacks to load sessions from a client cache */
    SSL_CTX_set_session_cache_mode(client_ctx, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE | SSL_SESS_CACHE_NO_AUTO_CLEAR);
    SSL_CTX_sess_set_new_cb(client_ctx, new_client_session_cb);
    return client_ctx;
}

SSL *tls_client_start(SSL_CTX *client_ctx, int fd, const char *host)
{
    unsigned char buf[SESS_BUF];
    SSL *ssl = SSL_new(client_ctx);
    int len;

    if (ssl == NULL) {
        return NULL;
    }
    SSL_set_ex_data(ssl, tls_client_sess_idx, (void *)host);
    len = app_host_session_get(host, buf, SESS_BUF);
    if (len > 0) {
        const unsigned char *p = buf;
        SSL_SESSION *session = d2i_SSL_SESSION(NULL, &p, len);
        if (session != NULL) {
            SSL_set_session(ssl, session);
            SSL_SESSION_free(session);
        }
    }
    SSL_set_fd(ssl, fd);
    SSL_set_tlsext_host_name(ssl, host);
    return ssl;
}
