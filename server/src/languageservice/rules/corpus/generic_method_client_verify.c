/*
 * A client written with the generic TLS_method() (not TLS_client_method), with
 * SSL_VERIFY_PEER and no session id context. SSL_new(ctx) followed by SSL_connect
 * makes the context a client, and clients verify servers with SSL_VERIFY_PEER too:
 * verify-peer-without-sid-ctx must stay silent.
 * Expected: nothing.
 */
#include <stdio.h>
#include <openssl/ssl.h>
#include "app.h"

int fetch_status(const char *host, int port)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *ssl;
    char buf[512];
    int n;

    if (ctx == NULL) {
        return -1;
    }
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    SSL_CTX_set_default_verify_paths(ctx);
    ssl = SSL_new(ctx);
    SSL_set_fd(ssl, app_tcp_connect(host, port));
    SSL_set_tlsext_host_name(ssl, host);
    SSL_set1_host(ssl, host);
    if (SSL_connect(ssl) != 1) {
        app_log_ssl_errors("SSL_connect");
        SSL_free(ssl);
        SSL_CTX_free(ctx);
        return -1;
    }
    SSL_write(ssl, "STATUS\r\n", 8);
    n = SSL_read(ssl, buf, (int)sizeof(buf) - 1);
    if (n > 0) {
        buf[n] = '\0';
        printf("%s", buf);
    }
    SSL_shutdown(ssl);
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    return 0;
}
