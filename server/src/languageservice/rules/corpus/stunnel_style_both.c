/*
 * stunnel-style service context (used for both client and server sections, so
 * created with TLS_method(): role unknown): SSL_SESS_CACHE_BOTH |
 * SSL_SESS_CACHE_NO_INTERNAL_STORE, new/get/remove callbacks always set, cache size
 * 1000, timeout 300, sid ctx = service name, and the server adds the session itself
 * with SSL_CTX_add_session after tagging it.
 * Expected: nothing (clean).
 */
#include <string.h>
#include <openssl/ssl.h>
#include "app.h"

typedef struct service_options {
    const char *servname;
    SSL_CTX *ctx;
    long session_size;
    long session_timeout;
} SERVICE_OPTIONS;

static int sess_new_cb(SSL *ssl, SSL_SESSION *sess)
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
    return 0; /* the OpenSSL manual is really bad -> use the source here */
}

static SSL_SESSION *sess_get_cb(SSL *ssl, const unsigned char *key, int key_len, int *do_copy)
{
    unsigned char der[4096];
    const unsigned char *p = der;
    int len = app_scache_fetch(key, key_len, der, (int)sizeof(der));

    (void)ssl;
    *do_copy = 0;
    return len > 0 ? d2i_SSL_SESSION(NULL, &p, len) : NULL;
}

static void sess_remove_cb(SSL_CTX *ctx, SSL_SESSION *sess)
{
    unsigned int id_len;
    const unsigned char *id = SSL_SESSION_get_id(sess, &id_len);

    (void)ctx;
    app_scache_delete(id, id_len);
}

int context_init(SERVICE_OPTIONS *section)
{
    section->ctx = SSL_CTX_new(TLS_method());
    if (section->ctx == NULL) {
        return 1;
    }
    SSL_CTX_set_session_id_context(section->ctx, (const unsigned char *)section->servname,
                                   (unsigned int)strlen(section->servname));
    SSL_CTX_set_session_cache_mode(section->ctx, SSL_SESS_CACHE_BOTH | SSL_SESS_CACHE_NO_INTERNAL_STORE);
    SSL_CTX_sess_set_cache_size(section->ctx, section->session_size);
    SSL_CTX_set_timeout(section->ctx, section->session_timeout);
    SSL_CTX_sess_set_new_cb(section->ctx, sess_new_cb);
    SSL_CTX_sess_set_get_cb(section->ctx, sess_get_cb);
    SSL_CTX_sess_set_remove_cb(section->ctx, sess_remove_cb);
    return 0;
}

void server_cache_session(SERVICE_OPTIONS *section, SSL *ssl)
{
    SSL_SESSION *sess = SSL_get1_session(ssl);

    if (sess != NULL) {
        /* SSL_SESS_CACHE_NO_INTERNAL_STORE prevented automatic caching */
        SSL_CTX_add_session(section->ctx, sess);
        SSL_SESSION_free(sess);
    }
}
