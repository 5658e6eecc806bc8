/*
 * Apache mod_ssl style "SSLSessionCache nonenotnull": SERVER | NO_INTERNAL with no
 * callbacks, so non-empty session IDs are sent but nothing is kept. The sid ctx is
 * set per connection with SSL_set_session_id_context (counts for the whole file).
 * Deliberate recipe: no warning or error.
 * Expected: announced-never-stored (information) on the mode line only.
 */
#include <openssl/ssl.h>
#include <openssl/md5.h>
#include "app.h"

typedef struct {
    SSL_CTX *ssl_ctx;
    unsigned char vhost_id[MD5_DIGEST_LENGTH];
    int vhost_id_len;
} modssl_ctx_t;

static void ssl_init_ctx_session_cache(modssl_ctx_t *mctx)
{
    SSL_CTX *ctx = mctx->ssl_ctx;

    /* "nonenotnull": no session cache provider, but never send empty IDs */
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL);
    SSL_CTX_set_timeout(ctx, app_conf_long("ssl.session_cache_timeout", 300));
}

int ssl_init_server_ctx(modssl_ctx_t *mctx)
{
    mctx->ssl_ctx = SSL_CTX_new(TLS_server_method());
    if (mctx->ssl_ctx == NULL) {
        app_log_ssl_errors("ssl_init_server_ctx");
        return -1;
    }
    SSL_CTX_set_options(mctx->ssl_ctx, SSL_OP_CIPHER_SERVER_PREFERENCE);
    ssl_init_ctx_session_cache(mctx);
    return 0;
}

SSL *ssl_init_connection(modssl_ctx_t *mctx, int fd)
{
    SSL *ssl = SSL_new(mctx->ssl_ctx);

    if (ssl == NULL) {
        return NULL;
    }
    /* per-vhost session id context, as mod_ssl does with the vhost MD5 */
    if (!SSL_set_session_id_context(ssl, mctx->vhost_id, (unsigned int)mctx->vhost_id_len)) {
        app_log(APP_LOG_ERR, "unable to set session id context");
        SSL_free(ssl);
        return NULL;
    }
    SSL_set_fd(ssl, fd);
    SSL_set_accept_state(ssl);
    return ssl;
}
