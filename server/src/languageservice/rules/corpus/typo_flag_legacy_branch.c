/*
 * A misspelled flag hidden in a rarely built #ifdef branch:
 * SSL_SESS_CACHE_NO_INTERNAL_STORAGE (should be ..._STORE). The branch is not
 * compiled here, so the file builds; the linter treats every #ifdef/#else branch as
 * a possibility. The #else branch is a correct external-only setup (new/get/remove
 * callbacks), so the only finding is the typo.
 * Expected: unknown-flag (error) on the misspelled name, nothing else.
 */
#include <openssl/ssl.h>
#include "app.h"

static int cache_new_cb(SSL *ssl, SSL_SESSION *sess)
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

static SSL_SESSION *cache_get_cb(SSL *ssl, const unsigned char *id, int id_len, int *copy)
{
    unsigned char der[4096];
    const unsigned char *p = der;
    int len = app_scache_fetch(id, id_len, der, (int)sizeof(der));

    (void)ssl;
    *copy = 0;
    return len > 0 ? d2i_SSL_SESSION(NULL, &p, len) : NULL;
}

static void cache_remove_cb(SSL_CTX *ctx, SSL_SESSION *sess)
{
    unsigned int id_len;
    const unsigned char *id = SSL_SESSION_get_id(sess, &id_len);

    (void)ctx;
    app_scache_delete(id, id_len);
}

void tls_setup_session_cache(SSL_CTX *ctx)
{
    SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"relayd", 6);
#ifdef HAVE_LEGACY_SCACHE_API
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL_STORAGE);
#else
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL);
#endif
    SSL_CTX_sess_set_new_cb(ctx, cache_new_cb);
    SSL_CTX_sess_set_get_cb(ctx, cache_get_cb);
    SSL_CTX_sess_set_remove_cb(ctx, cache_remove_cb);
}
