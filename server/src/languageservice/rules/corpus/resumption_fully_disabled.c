/*
 * A server that really disables resumption: SSL_SESS_CACHE_OFF plus SSL_OP_NO_TICKET
 * (TLS 1.2) plus SSL_CTX_set_num_tickets(ctx, 0) (TLS 1.3), no callbacks.
 * Near miss for off-still-resumes, modifier-without-role and
 * server-cb-without-server-bit.
 * Expected: nothing (clean).
 */
#include <openssl/ssl.h>
#include "app.h"

static SSL_CTX *make_stateless_ctx(const char *cert, const char *key)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

    if (ctx == NULL) {
        return NULL;
    }
    if (app_load_cert_chain(ctx, cert, key) != 0) {
        SSL_CTX_free(ctx);
        return NULL;
    }
    /* every connection must do a full handshake (compliance requirement) */
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
    if (!SSL_CTX_set_num_tickets(ctx, 0)) {
        app_log(APP_LOG_WARN, "could not disable TLS 1.3 tickets");
    }
    return ctx;
}

int serve_forever(int port, const char *cert, const char *key)
{
    SSL_CTX *ctx = make_stateless_ctx(cert, key);
    int lfd;

    if (ctx == NULL) {
        return 1;
    }
    lfd = app_tcp_listen(port);
    for (;;) {
        int fd = app_tcp_accept(lfd);
        SSL *ssl = SSL_new(ctx);

        SSL_set_fd(ssl, fd);
        if (SSL_accept(ssl) == 1) {
            SSL_write(ssl, "hello\n", 6);
            SSL_shutdown(ssl);
        }
        SSL_free(ssl);
    }
    return 0;
}
