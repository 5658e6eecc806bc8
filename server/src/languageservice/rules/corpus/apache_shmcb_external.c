/*
 * Apache mod_ssl style external-only cache ("SSLSessionCache shmcb:..."):
 * SERVER | NO_INTERNAL with new/get/remove callbacks that serialise with
 * i2d_SSL_SESSION / d2i_SSL_SESSION. The mode call is split over lines with a
 * trailing '|'. Deliberate recipe ("external cache only").
 * Expected: nothing (clean).
 */
#include <time.h>
#include <openssl/ssl.h>
#include "app.h"

#define SSL_SESSION_MAX_DER (1024 * 10)

static int ssl_callback_NewSessionCacheEntry(SSL *ssl, SSL_SESSION *session)
{
    unsigned char der[SSL_SESSION_MAX_DER];
    unsigned char *p = der;
    unsigned int id_len = 0;
    const unsigned char *id = SSL_SESSION_get_id(session, &id_len);
    int len = i2d_SSL_SESSION(session, NULL);
    time_t expiry = time(NULL) + SSL_SESSION_get_timeout(session);

    (void)ssl;
    if (len <= 0 || len > (int)sizeof(der)) {
        return 0;
    }
    i2d_SSL_SESSION(session, &p);
    app_scache_store(id, id_len, der, len, expiry);
    return 0; /* we did not keep a reference */
}

static SSL_SESSION *ssl_callback_GetSessionCacheEntry(SSL *ssl, const unsigned char *id,
                                                      int id_len, int *do_copy)
{
    unsigned char der[SSL_SESSION_MAX_DER];
    const unsigned char *p = der;
    int len = app_scache_fetch(id, id_len, der, (int)sizeof(der));

    (void)ssl;
    *do_copy = 0;
    if (len <= 0) {
        return NULL;
    }
    return d2i_SSL_SESSION(NULL, &p, len);
}

static void ssl_callback_DelSessionCacheEntry(SSL_CTX *ctx, SSL_SESSION *session)
{
    unsigned int id_len = 0;
    const unsigned char *id = SSL_SESSION_get_id(session, &id_len);

    (void)ctx;
    app_scache_delete(id, id_len);
}

void ssl_init_ctx_session_cache(SSL_CTX *ctx)
{
    SSL_CTX_set_session_cache_mode(ctx,
                                   SSL_SESS_CACHE_SERVER |
                                   SSL_SESS_CACHE_NO_INTERNAL);
    SSL_CTX_sess_set_new_cb(ctx, ssl_callback_NewSessionCacheEntry);
    SSL_CTX_sess_set_get_cb(ctx, ssl_callback_GetSessionCacheEntry);
    SSL_CTX_sess_set_remove_cb(ctx, ssl_callback_DelSessionCacheEntry);
    SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"mod_ssl", 7);
}
