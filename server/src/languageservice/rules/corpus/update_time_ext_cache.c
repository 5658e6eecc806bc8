/*
 * SERVER | UPDATE_TIME with an external cache (new and get callbacks) and the
 * internal store on: every get_session_cb hit is copied in and its time reset
 * before the expiry check, so expired external sessions are revived (OpenSSL 3.0).
 * Expected on openssl-3.0: update-time-revives-expired (warning) on the mode line.
 * On 1.1.1, 1.0.2, LibreSSL, BoringSSL: update-time-unsupported (warning) instead.
 */
#include <openssl/ssl.h>
#include "app.h"

static int redis_new(SSL *ssl, SSL_SESSION *sess)
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

static SSL_SESSION *redis_get(SSL *ssl, const unsigned char *id, int id_len, int *copy)
{
    unsigned char der[4096];
    const unsigned char *p = der;
    int len = app_scache_fetch(id, id_len, der, (int)sizeof(der));

    (void)ssl;
    *copy = 0;
    return len > 0 ? d2i_SSL_SESSION(NULL, &p, len) : NULL;
}

SSL_CTX *sso_tls_ctx(const char *cert, const char *key)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

    if (ctx == NULL || app_load_cert_chain(ctx, cert, key) != 0) {
        SSL_CTX_free(ctx);
        return NULL;
    }
    SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"sso", 3);
    /* sliding expiry: keep active users' sessions alive */
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_UPDATE_TIME);
    SSL_CTX_sess_set_new_cb(ctx, redis_new);
    SSL_CTX_sess_set_get_cb(ctx, redis_get);
    SSL_CTX_set_timeout(ctx, 1200);
    return ctx;
}
