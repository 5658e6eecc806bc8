/*
 * Dovecot-style server (lib-ssl-iostream): no session cache mode call (default
 * SERVER internal cache), tickets disabled with SSL_OP_NO_TICKET, client
 * certificates requested with SSL_VERIFY_PEER, and no session id context anywhere
 * in the file.
 * Expected: verify-peer-without-sid-ctx (error) on the SSL_CTX_set_verify call.
 * On BoringSSL: nothing (not an error there).
 */
#include <openssl/ssl.h>
#include "app.h"

struct ssl_iostream_context {
    SSL_CTX *ssl_ctx;
    int verify_remote_cert;
    int prefer_server_ciphers;
};

static int ssl_verify_client_cert(int preverify_ok, X509_STORE_CTX *ctx)
{
    if (!preverify_ok) {
        app_log(APP_LOG_INFO, "Invalid certificate: %s",
                X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx)));
    }
    return 1; /* the application decides later */
}

int ssl_iostream_context_init_server(struct ssl_iostream_context *ctx, int tickets)
{
    long ssl_ops = SSL_OP_NO_COMPRESSION;

    ctx->ssl_ctx = SSL_CTX_new(TLS_server_method());
    if (ctx->ssl_ctx == NULL) {
        app_log_ssl_errors("SSL_CTX_new");
        return -1;
    }
    if (!tickets) {
        ssl_ops |= SSL_OP_NO_TICKET;
    }
    SSL_CTX_set_options(ctx->ssl_ctx, ssl_ops);
    if (ctx->verify_remote_cert) {
        SSL_CTX_set_verify(ctx->ssl_ctx, SSL_VERIFY_PEER | SSL_VERIFY_CLIENT_ONCE, ssl_verify_client_cert);
    }
    return 0;
}
