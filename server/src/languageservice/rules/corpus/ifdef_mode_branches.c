/*
 * #ifdef/#else with a mode call in each branch; every branch is a possibility.
 * The USE_EXTERNAL_ONLY branch is SERVER | NO_INTERNAL (clean with the callbacks);
 * the #else branch is SERVER | NO_INTERNAL_LOOKUP, which copies get-callback hits
 * back into the internal cache. Callbacks are registered outside the #ifdef.
 * Expected: copy-back-waste (information) on the #else mode line, nothing else.
 */
#include <openssl/ssl.h>
#include "app.h"

static int kv_new(SSL *ssl, SSL_SESSION *sess)
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

static SSL_SESSION *kv_get(SSL *ssl, const unsigned char *id, int id_len, int *copy)
{
    unsigned char der[4096];
    const unsigned char *p = der;
    int len = app_scache_fetch(id, id_len, der, (int)sizeof(der));

    (void)ssl;
    *copy = 0;
    return len > 0 ? d2i_SSL_SESSION(NULL, &p, len) : NULL;
}

void kv_tls_cache_setup(SSL_CTX *ctx)
{
    SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"kv", 2);
#ifdef USE_EXTERNAL_ONLY
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL);
#else
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL_LOOKUP);
#endif
    SSL_CTX_sess_set_new_cb(ctx, kv_new);
    SSL_CTX_sess_set_get_cb(ctx, kv_get);
}
