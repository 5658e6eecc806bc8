/*
 * The TLS 1.3 client gotcha: a client ctx (TLS_client_method) registers a
 * new_session_cb to save tickets, but never sets a cache mode, so the default
 * SERVER mode applies and the callback is never called.
 * Expected: client-new-cb-without-client-bit (error) on the
 * SSL_CTX_sess_set_new_cb call (there is no mode call), nothing else.
 */
#include <stdio.h>
#include <openssl/ssl.h>
#include "app.h"

static const char *g_host;

static int save_ticket(SSL *ssl, SSL_SESSION *sess)
{
    unsigned char der[4096], *p = der;
    int len = i2d_SSL_SESSION(sess, NULL);

    (void)ssl;
    if (len > 0 && len <= (int)sizeof(der)) {
        i2d_SSL_SESSION(sess, &p);
        app_host_session_put(g_host, der, len);
    }
    return 0;
}

int mqtt_connect(const char *host, int port)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    SSL *ssl;
    unsigned char der[4096];
    int len, fd;

    if (ctx == NULL) {
        return -1;
    }
    g_host = host;
    SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION);
    SSL_CTX_sess_set_new_cb(ctx, save_ticket);

    ssl = SSL_new(ctx);
    len = app_host_session_get(host, der, (int)sizeof(der));
    if (len > 0) {
        const unsigned char *p = der;
        SSL_SESSION *sess = d2i_SSL_SESSION(NULL, &p, len);
        if (sess != NULL) {
            SSL_set_session(ssl, sess);
            SSL_SESSION_free(sess);
        }
    }
    fd = app_tcp_connect(host, port);
    SSL_set_fd(ssl, fd);
    if (SSL_connect(ssl) != 1) {
        fprintf(stderr, "handshake with %s failed\n", host);
        return -1;
    }
    printf("resumed: %d\n", SSL_session_reused(ssl));
    return 0;
}
