/*
 * Near miss for update-time-revives-expired: SERVER | NO_INTERNAL | UPDATE_TIME with
 * new/get callbacks. NO_INTERNAL_STORE is set, so get-callback hits are not copied
 * in and nothing is revived; there is a get callback, so update-time-no-effect
 * does not apply either. Clean on OpenSSL 3.0.
 * Expected on openssl-3.0: nothing.
 * On 1.1.1, 1.0.2, LibreSSL, BoringSSL: update-time-unsupported (warning) on the
 * mode line.
 */
#include <openssl/ssl.h>
#include "app.h"

static int ext_store(SSL *ssl, SSL_SESSION *sess)
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

static SSL_SESSION *ext_load(SSL *ssl, const unsigned char *id, int id_len, int *copy)
{
    unsigned char der[4096];
    const unsigned char *p = der;
    int len = app_scache_fetch(id, id_len, der, (int)sizeof(der));

    (void)ssl;
    *copy = 0;
    return len > 0 ? d2i_SSL_SESSION(NULL, &p, len) : NULL;
}

void ext_cache_attach(SSL_CTX *ctx)
{
    SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"ext", 3);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL | SSL_SESS_CACHE_UPDATE_TIME);
    SSL_CTX_sess_set_new_cb(ctx, ext_store);
    SSL_CTX_sess_set_get_cb(ctx, ext_load);
}
