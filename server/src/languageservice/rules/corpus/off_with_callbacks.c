/*
 * Cache switched off by configuration, but the external-cache callbacks are still
 * registered unconditionally: SSL_SESS_CACHE_OFF on a server ctx with new/get/remove
 * callbacks. new_session_cb never fires; get_session_cb still does. Tickets are
 * left on.
 * Expected (mode line): server-cb-without-server-bit (warning) and
 * off-still-resumes (information).
 */
#include <openssl/ssl.h>
#include "app.h"

static int ext_new(SSL *ssl, SSL_SESSION *sess)
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

static SSL_SESSION *ext_get(SSL *ssl, const unsigned char *id, int id_len, int *copy)
{
    unsigned char der[4096];
    const unsigned char *p = der;
    int len = app_scache_fetch(id, id_len, der, (int)sizeof(der));

    (void)ssl;
    *copy = 0;
    return len > 0 ? d2i_SSL_SESSION(NULL, &p, len) : NULL;
}

static void ext_remove(SSL_CTX *ctx, SSL_SESSION *sess)
{
    unsigned int id_len;
    const unsigned char *id = SSL_SESSION_get_id(sess, &id_len);

    (void)ctx;
    app_scache_delete(id, id_len);
}

SSL_CTX *ftp_tls_ctx(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

    if (ctx == NULL) {
        return NULL;
    }
    SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"ftpd", 4);
    SSL_CTX_sess_set_new_cb(ctx, ext_new);
    SSL_CTX_sess_set_get_cb(ctx, ext_get);
    SSL_CTX_sess_set_remove_cb(ctx, ext_remove);
    if (!app_conf_bool("tls.session_cache", 0)) {
        SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    }
    return ctx;
}
