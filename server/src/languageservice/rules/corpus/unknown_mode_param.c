/*
 * The mode comes from the caller (a function parameter), so its value is unknown
 * and mode-dependent rules must stay silent. The ctx is a client ctx
 * (TLS_client_method) with a new_session_cb: if the mode were known to lack CLIENT,
 * client-new-cb-without-client-bit would fire; here it must not.
 * Expected: nothing (clean).
 */
#include <openssl/ssl.h>
#include "app.h"

static const char *cur_host = "";

static int up_new_session(SSL *ssl, SSL_SESSION *sess)
{
    unsigned char der[4096], *p = der;
    int len = i2d_SSL_SESSION(sess, NULL);

    (void)ssl;
    if (len > 0 && len <= (int)sizeof(der)) {
        i2d_SSL_SESSION(sess, &p);
        app_host_session_put(cur_host, der, len);
    }
    return 0;
}

void upstream_cache_mode(SSL_CTX *ctx, long mode)
{
    SSL_CTX_set_session_cache_mode(ctx, mode);
    SSL_CTX_sess_set_new_cb(ctx, up_new_session);
}

SSL_CTX *upstream_ctx_new(const char *host, long configured_mode)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());

    if (ctx == NULL) {
        return NULL;
    }
    cur_host = host;
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    upstream_cache_mode(ctx, configured_mode);
    return ctx;
}
