/*
 * Mutual-TLS service with an external cache on a ctx created with TLS_method()
 * (role unknown, so "not client"): SERVER | NO_INTERNAL with new/get/remove
 * callbacks, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, and no session id
 * context anywhere in the file.
 * Expected: verify-peer-without-sid-ctx (error) on the SSL_CTX_set_verify call.
 * On BoringSSL: nothing.
 */
#include <openssl/ssl.h>
#include "app.h"

static int mt_new(SSL *ssl, SSL_SESSION *sess)
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

static SSL_SESSION *mt_get(SSL *ssl, const unsigned char *id, int id_len, int *copy)
{
    unsigned char der[4096];
    const unsigned char *p = der;
    int len = app_scache_fetch(id, id_len, der, (int)sizeof(der));

    (void)ssl;
    *copy = 0;
    return len > 0 ? d2i_SSL_SESSION(NULL, &p, len) : NULL;
}

static void mt_del(SSL_CTX *ctx, SSL_SESSION *sess)
{
    unsigned int id_len;
    const unsigned char *id = SSL_SESSION_get_id(sess, &id_len);

    (void)ctx;
    app_scache_delete(id, id_len);
}

SSL_CTX *mtls_service_ctx(const char *ca_file)
{
    SSL_CTX *svc_ctx = SSL_CTX_new(TLS_method());

    if (svc_ctx == NULL) {
        return NULL;
    }
    if (SSL_CTX_load_verify_locations(svc_ctx, ca_file, NULL) != 1) {
        SSL_CTX_free(svc_ctx);
        return NULL;
    }
    SSL_CTX_set_verify(svc_ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, NULL);
    SSL_CTX_set_session_cache_mode(svc_ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL);
    SSL_CTX_sess_set_new_cb(svc_ctx, mt_new);
    SSL_CTX_sess_set_get_cb(svc_ctx, mt_get);
    SSL_CTX_sess_set_remove_cb(svc_ctx, mt_del);
    return svc_ctx;
}
