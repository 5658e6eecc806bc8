/*
 * Postfix-style server without an external cache: "No use wasting server memory",
 * SSL_SESS_CACHE_OFF, and RFC 5077 tickets disabled with SSL_OP_NO_TICKET, but TLS
 * 1.3 is allowed and SSL_CTX_set_num_tickets(ctx, 0) is not called, so TLS 1.3
 * tickets still resume (the catalog's "or (TLS 1.3 possible) without
 * SSL_CTX_set_num_tickets(ctx, 0)").
 * Expected: off-still-resumes (information) on the mode line.
 * Not asserted for openssl-1.0.2: that library has no TLS 1.3, so whether "TLS 1.3
 * possible" holds there (and the rule fires) is not settled by the catalog.
 */
#include <openssl/ssl.h>
#include "app.h"

typedef struct {
    SSL_CTX *ssl_ctx;
    int cachable;
} TLS_SERVER_CTX;

static int tls_server_no_cache(TLS_SERVER_CTX *app_ctx)
{
    SSL_CTX *server_ctx = app_ctx->ssl_ctx;

    SSL_CTX_set_options(server_ctx, SSL_OP_NO_TICKET);
    /* No use wasting server memory when there is no external cache. */
    SSL_CTX_set_session_cache_mode(server_ctx, SSL_SESS_CACHE_OFF);
    return 0;
}

TLS_SERVER_CTX *tls_server_init(TLS_SERVER_CTX *app_ctx)
{
    SSL_CTX *server_ctx = SSL_CTX_new(TLS_server_method());

    if (server_ctx == NULL) {
        app_log_ssl_errors("tls_server_init");
        return NULL;
    }
    app_ctx->ssl_ctx = server_ctx;
    SSL_CTX_set_session_id_context(server_ctx, (const unsigned char *)"smtpd", 5);
    app_ctx->cachable = app_conf_bool("smtpd_tls_session_cache", 0);
    if (!app_ctx->cachable) {
        tls_server_no_cache(app_ctx);
    }
    return app_ctx;
}
