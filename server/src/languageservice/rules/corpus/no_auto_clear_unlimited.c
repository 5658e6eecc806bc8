/*
 * Unlimited builtin cache (size 0) with auto-clear off and no manual flush:
 * SERVER | NO_AUTO_CLEAR and SSL_CTX_sess_set_cache_size(ctx, 0). Memory grows
 * without bound. The catalog raises no-auto-clear-without-flush to error when the
 * cache size is 0.
 * Expected: no-auto-clear-without-flush (error) on the mode line, nothing else.
 */
#include <openssl/ssl.h>
#include "app.h"

static SSL_CTX *make_ctx(const char *cert, const char *key)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

    if (ctx == NULL) {
        return NULL;
    }
    if (app_load_cert_chain(ctx, cert, key) != 0) {
        SSL_CTX_free(ctx);
        return NULL;
    }
    SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"gitd", 4);
    SSL_CTX_sess_set_cache_size(ctx, 0); /* never evict */
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_AUTO_CLEAR);
    return ctx;
}

int gitd_tls_main(int port, const char *cert, const char *key)
{
    SSL_CTX *ctx = make_ctx(cert, key);
    int lfd = app_tcp_listen(port);

    if (ctx == NULL || lfd < 0) {
        return 1;
    }
    for (;;) {
        SSL *ssl = SSL_new(ctx);
        SSL_set_fd(ssl, app_tcp_accept(lfd));
        if (SSL_accept(ssl) == 1) {
            SSL_shutdown(ssl);
        }
        SSL_free(ssl);
    }
}
