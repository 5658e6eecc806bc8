/*
 * TLS 1.3 0-RTT on an external-only server: SSL_CTX_set_max_early_data(ctx, 16384)
 * with SERVER | NO_INTERNAL and new/get/remove callbacks, without
 * SSL_OP_NO_ANTI_REPLAY. Anti-replay needs the internal cache, so the PSK is
 * ignored: no resumption and no 0-RTT.
 * Range: the catalog gives no range for this rule, so the literal reading applies:
 * the mode argument.
 * Expected on openssl-3.0 (and 1.1.1): early-data-without-internal-cache (error)
 * on the mode line. On LibreSSL and BoringSSL: nothing.
 */
#include <openssl/ssl.h>
#include "app.h"

static int ed_new(SSL *ssl, SSL_SESSION *sess)
{
    unsigned char der[4096], *p = der;
    unsigned int id_len;
    const unsigned char *id = SSL_SESSION_get_id(sess, &id_len);
    int len = i2d_SSL_SESSION(sess, NULL);

    (void)ssl;
    if (len > 0 && len <= (int)sizeof(der)) {
        i2d_SSL_SESSION(sess, &p);
        app_scache_store(id, id_len, der, len, SSL_SESSION_get_time(sess) + SSL_SESSION_get_timeout(sess));
    }
    return 0;
}

static SSL_SESSION *ed_get(SSL *ssl, const unsigned char *id, int id_len, int *copy)
{
    unsigned char der[4096];
    const unsigned char *p = der;
    int len = app_scache_fetch(id, id_len, der, (int)sizeof(der));

    (void)ssl;
    *copy = 0;
    return len > 0 ? d2i_SSL_SESSION(NULL, &p, len) : NULL;
}

static void ed_del(SSL_CTX *ctx, SSL_SESSION *sess)
{
    unsigned int id_len;
    const unsigned char *id = SSL_SESSION_get_id(sess, &id_len);

    (void)ctx;
    app_scache_delete(id, id_len);
}

SSL_CTX *quic_like_tls_ctx(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

    if (ctx == NULL) {
        return NULL;
    }
    SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"edge-0rtt", 9);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL);
    SSL_CTX_sess_set_new_cb(ctx, ed_new);
    SSL_CTX_sess_set_get_cb(ctx, ed_get);
    SSL_CTX_sess_set_remove_cb(ctx, ed_del);
    SSL_CTX_set_max_early_data(ctx, 16384);
    return ctx;
}
