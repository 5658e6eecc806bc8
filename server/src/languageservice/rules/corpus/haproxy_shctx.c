/*
 * HAProxy-style shared session cache on the frontend (server) context:
 * SERVER | NO_INTERNAL | NO_AUTO_CLEAR with new/get/remove callbacks and a static
 * sid ctx. Deliberate recipe ("external cache only" + NO_AUTO_CLEAR belt and braces).
 * Expected: no-auto-clear-nothing-stored (hint) on the mode line, nothing else.
 */
#include <string.h>
#include <openssl/ssl.h>
#include "app.h"

#define SHCTX_APPNAME "HAPROXY"
#define SHSESS_MAX_DATA_LEN 4096

struct bind_conf {
    SSL_CTX *initial_ctx;
    int use_shctx;
};

static int sh_ssl_sess_new_cb(SSL *ssl, SSL_SESSION *sess)
{
    unsigned char data[SHSESS_MAX_DATA_LEN];
    unsigned char *p = data;
    unsigned int sid_length;
    const unsigned char *sid = SSL_SESSION_get_id(sess, &sid_length);
    int data_len = i2d_SSL_SESSION(sess, NULL);

    (void)ssl;
    if (data_len <= 0 || data_len > SHSESS_MAX_DATA_LEN) {
        return 0;
    }
    i2d_SSL_SESSION(sess, &p);
    app_scache_store(sid, sid_length, data, data_len, SSL_SESSION_get_time(sess) + SSL_SESSION_get_timeout(sess));
    return 0;
}

static SSL_SESSION *sh_ssl_sess_get_cb(SSL *ssl, const unsigned char *key, int key_len, int *do_copy)
{
    unsigned char data[SHSESS_MAX_DATA_LEN];
    const unsigned char *p = data;
    int data_len = app_scache_fetch(key, key_len, data, (int)sizeof(data));

    (void)ssl;
    *do_copy = 0;
    if (data_len <= 0) {
        return NULL;
    }
    return d2i_SSL_SESSION(NULL, &p, data_len);
}

static void sh_ssl_sess_remove_cb(SSL_CTX *ctx, SSL_SESSION *sess)
{
    unsigned int sid_length;
    const unsigned char *sid = SSL_SESSION_get_id(sess, &sid_length);

    (void)ctx;
    app_scache_delete(sid, sid_length);
}

void ssl_set_shctx(struct bind_conf *bind_conf)
{
    SSL_CTX *ctx = bind_conf->initial_ctx;

    SSL_CTX_set_session_id_context(ctx, (const unsigned char *)SHCTX_APPNAME, strlen(SHCTX_APPNAME));
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL | SSL_SESS_CACHE_NO_AUTO_CLEAR);
    SSL_CTX_sess_set_new_cb(ctx, sh_ssl_sess_new_cb);
    SSL_CTX_sess_set_get_cb(ctx, sh_ssl_sess_get_cb);
    SSL_CTX_sess_set_remove_cb(ctx, sh_ssl_sess_remove_cb);
}
