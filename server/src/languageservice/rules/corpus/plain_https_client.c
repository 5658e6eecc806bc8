/*
 * Plain HTTPS client with no session cache configuration at all: TLS_client_method,
 * certificate and host name verification, one request, clean shutdown.
 * Expected: nothing (no cache configuration, client role).
 */
#include <stdio.h>
#include <string.h>
#include <openssl/ssl.h>
#include <openssl/err.h>
#include "app.h"

int https_get(const char *host, const char *path)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    SSL *ssl = NULL;
    char req[512], buf[4096];
    int n, rc = -1;

    if (ctx == NULL) {
        ERR_print_errors_fp(stderr);
        return -1;
    }
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    if (SSL_CTX_set_default_verify_paths(ctx) != 1) {
        goto out;
    }
    ssl = SSL_new(ctx);
    SSL_set_fd(ssl, app_tcp_connect(host, 443));
    SSL_set_tlsext_host_name(ssl, host);
    SSL_set1_host(ssl, host);
    if (SSL_connect(ssl) != 1) {
        ERR_print_errors_fp(stderr);
        goto out;
    }
    snprintf(req, sizeof(req), "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", path, host);
    SSL_write(ssl, req, (int)strlen(req));
    while ((n = SSL_read(ssl, buf, sizeof(buf))) > 0) {
        fwrite(buf, 1, (size_t)n, stdout);
    }
    SSL_shutdown(ssl);
    rc = 0;
out:
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    return rc;
}
