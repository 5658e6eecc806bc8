/*
 * Shared context for a relay that both accepts and originates TLS (TLS_method(),
 * role unknown): SSL_SESS_CACHE_BOTH | SSL_SESS_CACHE_SERVER | NO_INTERNAL_STORE.
 * SERVER is already part of BOTH. New and get callbacks are set, so the rest is
 * the stunnel-like recipe.
 * Expected: redundant-flag (information) on the redundant SSL_SESS_CACHE_SERVER.
 */
#include <openssl/ssl.h>
#include "app.h"

static int relay_new_session(SSL *ssl, SSL_SESSION *sess)
{
    unsigned char der[4096], *p = der;
    unsigned int id_len;
    const unsigned char *id = SSL_SESSION_get_id(sess, &id_len);
    int len = i2d_SSL_SESSION(sess, NULL);

    if (len <= 0 || len > (int)sizeof(der)) {
        return 0;
    }
    i2d_SSL_SESSION(sess, &p);
    if (SSL_is_server(ssl)) {
        app_scache_store(id, id_len, der, len, SSL_SESSION_get_time(sess) + SSL_SESSION_get_timeout(sess));
    } else {
        app_host_session_put(SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name), der, len);
    }
    return 0;
}

static SSL_SESSION *relay_get_session(SSL *ssl, const unsigned char *id, int id_len, int *copy)
{
    unsigned char der[4096];
    const unsigned char *p = der;
    int len = app_scache_fetch(id, id_len, der, (int)sizeof(der));

    (void)ssl;
    *copy = 0;
    return len > 0 ? d2i_SSL_SESSION(NULL, &p, len) : NULL;
}

SSL_CTX *relay_ctx_new(void)
{
    SSL_CTX *relay_ctx = SSL_CTX_new(TLS_method());

    if (relay_ctx == NULL) {
        return NULL;
    }
    SSL_CTX_set_session_id_context(relay_ctx, (const unsigned char *)"relay", 5);
    SSL_CTX_set_session_cache_mode(relay_ctx, SSL_SESS_CACHE_BOTH | SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL_STORE);
    SSL_CTX_sess_set_new_cb(relay_ctx, relay_new_session);
    SSL_CTX_sess_set_get_cb(relay_ctx, relay_get_session);
    return relay_ctx;
}
