/*
 * A TLS server whose sessions live in an external cache shared by worker processes
 * (the "external cache only" recipe of Apache, nginx `shared:` and HAProxy).
 * Hover any SSL_SESS_CACHE_* flag or cache function to see what it really does.
 */
#include <string.h>
#include <openssl/ssl.h>

#include "shm_cache.h"

static const unsigned char SID_CTX[] = "example-https";

static int on_new_session(SSL *ssl, SSL_SESSION *session)
{
    unsigned char der[4096];
    unsigned char *p = der;
    unsigned int id_len;
    const unsigned char *id = SSL_SESSION_get_id(session, &id_len);
    int len = i2d_SSL_SESSION(session, NULL);

    (void)ssl;
    if (len <= 0 || len > (int)sizeof(der))
        return 0;
    i2d_SSL_SESSION(session, &p);
    shm_cache_put(id, id_len, der, (size_t)len, SSL_SESSION_get_timeout(session));
    return 0; /* we kept a serialized copy, not the object */
}

static SSL_SESSION *on_get_session(SSL *ssl, const unsigned char *id, int id_len, int *copy)
{
    unsigned char der[4096];
    const unsigned char *p = der;
    size_t len = shm_cache_get(id, (size_t)id_len, der, sizeof(der));

    (void)ssl;
    *copy = 0; /* the fresh object is handed over to OpenSSL */
    return len ? d2i_SSL_SESSION(NULL, &p, (long)len) : NULL;
}

static void on_remove_session(SSL_CTX *ctx, SSL_SESSION *session)
{
    unsigned int id_len;
    const unsigned char *id = SSL_SESSION_get_id(session, &id_len);

    (void)ctx;
    shm_cache_delete(id, id_len);
}

SSL_CTX *make_server_ctx(const char *cert, const char *key)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

    if (ctx == NULL)
        return NULL;
    if (SSL_CTX_use_certificate_chain_file(ctx, cert) != 1
        || SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1) {
        SSL_CTX_free(ctx);
        return NULL;
    }

    /* SSL_SESS_CACHE_OFF would still let tickets resume; we want a shared cache. */
    SSL_CTX_set_session_id_context(ctx, SID_CTX, sizeof(SID_CTX) - 1);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER
                                        | SSL_SESS_CACHE_NO_INTERNAL_STORE
                                        | SSL_SESS_CACHE_NO_INTERNAL_LOOKUP
                                        | SSL_SESS_CACHE_NO_AUTO_CLEAR);
    SSL_CTX_sess_set_new_cb(ctx, on_new_session);
    SSL_CTX_sess_set_get_cb(ctx, on_get_session);
    SSL_CTX_sess_set_remove_cb(ctx, on_remove_session);
    SSL_CTX_set_timeout(ctx, 300);
    return ctx;
}
