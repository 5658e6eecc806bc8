/*
 * Exim-style client resumption: a client ctx (TLS_client_method) with
 * CLIENT | NO_INTERNAL | NO_AUTO_CLEAR and a new_session_cb saving to a hints
 * database. The LOOKUP half of NO_INTERNAL is a no-op on a known client ctx.
 * Expected (mode line, single line): lookup-flag-on-client (information) and
 * no-auto-clear-nothing-stored (hint).
 */
#include <string.h>
#include <openssl/ssl.h>
#include "app.h"

typedef struct {
    SSL_CTX *ctx;
    const char *host;
    int resume;
} exim_openssl_client_tls_ctx;

static int tls_save_session_cb(SSL *ssl, SSL_SESSION *ss)
{
    exim_openssl_client_tls_ctx *exim_client_ctx = SSL_get_app_data(ssl);
    unsigned char buf[6144];
    unsigned char *s = buf;
    int dlen = i2d_SSL_SESSION(ss, NULL);

    if (exim_client_ctx == NULL || dlen <= 0 || dlen > (int)sizeof(buf)) {
        return 0;
    }
    i2d_SSL_SESSION(ss, &s);
    app_host_session_put(exim_client_ctx->host, buf, dlen);
    return 0;
}

int tls_client_start(exim_openssl_client_tls_ctx *exim_client_ctx)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());

    if (ctx == NULL) {
        return -1;
    }
    exim_client_ctx->ctx = ctx;
    if (exim_client_ctx->resume) {
        SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL | SSL_SESS_CACHE_NO_AUTO_CLEAR);
        SSL_CTX_sess_set_new_cb(ctx, tls_save_session_cb);
    }
    return 0;
}

int tls_client_resume_prehandshake(exim_openssl_client_tls_ctx *exim_client_ctx, SSL *ssl)
{
    unsigned char buf[6144];
    const unsigned char *p = buf;
    int len = app_host_session_get(exim_client_ctx->host, buf, (int)sizeof(buf));
    SSL_SESSION *ss;

    SSL_set_app_data(ssl, exim_client_ctx);
    if (len <= 0 || (ss = d2i_SSL_SESSION(NULL, &p, len)) == NULL) {
        return 0;
    }
    SSL_set_session(ssl, ss);
    SSL_SESSION_free(ss);
    return 1;
}
