/*
 * A server ctx (TLS_server_method) set to SSL_SESS_CACHE_BOTH, "to be safe", with an
 * external cache (new and get callbacks). The CLIENT half is inert on a server.
 * Because a new_session_cb exists, client-cache-unused does not apply.
 * Expected: role-mismatch (information) on the mode line, nothing else.
 */
#include <openssl/ssl.h>
#include "app.h"

static int bs_new(SSL *ssl, SSL_SESSION *sess)
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

static SSL_SESSION *bs_get(SSL *ssl, const unsigned char *id, int id_len, int *copy)
{
    unsigned char der[4096];
    const unsigned char *p = der;
    int len = app_scache_fetch(id, id_len, der, (int)sizeof(der));

    (void)ssl;
    *copy = 0;
    return len > 0 ? d2i_SSL_SESSION(NULL, &p, len) : NULL;
}

SSL_CTX *imaps_ctx_new(void)
{
    SSL_CTX *imaps_ctx = SSL_CTX_new(TLS_server_method());

    if (imaps_ctx == NULL) {
        return NULL;
    }
    SSL_CTX_set_session_id_context(imaps_ctx, (const unsigned char *)"imaps", 5);
    SSL_CTX_set_session_cache_mode(imaps_ctx, SSL_SESS_CACHE_BOTH);
    SSL_CTX_sess_set_new_cb(imaps_ctx, bs_new);
    SSL_CTX_sess_set_get_cb(imaps_ctx, bs_get);
    return imaps_ctx;
}
