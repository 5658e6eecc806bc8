/*
 * Near miss for remove-session-in-remove-cb: SSL_CTX_remove_session is called from
 * an admin "revoke" path, not from the remove callback; the remove callback only
 * deletes from the external store. Builtin + external cache (mode SERVER with
 * new/get/remove callbacks).
 * Expected: nothing (clean).
 */
#include <openssl/ssl.h>
#include "app.h"

static SSL_CTX *api_ctx;

static int api_new(SSL *ssl, SSL_SESSION *sess)
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

static SSL_SESSION *api_get(SSL *ssl, const unsigned char *id, int id_len, int *copy)
{
    unsigned char der[4096];
    const unsigned char *p = der;
    int len = app_scache_fetch(id, id_len, der, (int)sizeof(der));

    (void)ssl;
    *copy = 0;
    return len > 0 ? d2i_SSL_SESSION(NULL, &p, len) : NULL;
}

static void api_removed(SSL_CTX *ctx, SSL_SESSION *sess)
{
    unsigned int id_len;
    const unsigned char *id = SSL_SESSION_get_id(sess, &id_len);

    (void)ctx;
    app_scache_delete(id, id_len);
}

/* called when an operator revokes a client's access */
void api_revoke_connection_session(SSL *ssl)
{
    SSL_SESSION *sess = SSL_get_session(ssl);

    if (sess != NULL) {
        SSL_CTX_remove_session(api_ctx, sess);
    }
}

int api_tls_init(void)
{
    api_ctx = SSL_CTX_new(TLS_server_method());
    if (api_ctx == NULL) {
        return -1;
    }
    SSL_CTX_set_session_id_context(api_ctx, (const unsigned char *)"api", 3);
    SSL_CTX_set_session_cache_mode(api_ctx, SSL_SESS_CACHE_SERVER);
    SSL_CTX_sess_set_new_cb(api_ctx, api_new);
    SSL_CTX_sess_set_get_cb(api_ctx, api_get);
    SSL_CTX_sess_set_remove_cb(api_ctx, api_removed);
    return 0;
}
