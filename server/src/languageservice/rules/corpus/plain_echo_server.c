/*
 * Plain TLS echo server with no session cache configuration: TLS_server_method,
 * certificate and key, no client certificate verification, no mode call, no
 * callbacks, no cache size. The default SERVER cache applies silently.
 * Expected: nothing.
 */
#include <openssl/ssl.h>
#include <openssl/err.h>
#include "app.h"

static void echo(SSL *ssl)
{
    char buf[1024];
    int n;

    while ((n = SSL_read(ssl, buf, sizeof(buf))) > 0) {
        if (SSL_write(ssl, buf, n) <= 0) {
            break;
        }
    }
}

int main(int argc, char **argv)
{
    SSL_CTX *ctx;
    int lfd;

    if (argc < 3) {
        return 2;
    }
    ctx = SSL_CTX_new(TLS_server_method());
    if (ctx == NULL || app_load_cert_chain(ctx, argv[1], argv[2]) != 0) {
        ERR_print_errors_fp(stderr);
        return 1;
    }
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    lfd = app_tcp_listen(4433);
    for (;;) {
        SSL *ssl = SSL_new(ctx);

        SSL_set_fd(ssl, app_tcp_accept(lfd));
        if (SSL_accept(ssl) == 1) {
            echo(ssl);
            SSL_shutdown(ssl);
        } else {
            ERR_print_errors_fp(stderr);
        }
        SSL_free(ssl);
    }
}
