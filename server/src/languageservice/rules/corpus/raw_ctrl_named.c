/*
 * The mode set through the raw control call with the named command:
 * SSL_CTX_ctrl(ctx, SSL_CTRL_SET_SESS_CACHE_MODE, SERVER | NO_INTERNAL_STORE, NULL),
 * the expansion of SSL_CTX_set_session_cache_mode. No new_session_cb and no
 * SSL_CTX_add_session: IDs are announced and kept nowhere.
 * Expected: announced-never-stored (information) on the mode argument (third
 * argument, same line), nothing else.
 */
#include <openssl/ssl.h>
#include "app.h"

struct tls_shim {
    SSL_CTX *ctx;
    long cache_mode;
};

int tls_shim_init(struct tls_shim *s)
{
    s->ctx = SSL_CTX_new(TLS_server_method());
    if (s->ctx == NULL) {
        return -1;
    }
    SSL_CTX_set_session_id_context(s->ctx, (const unsigned char *)"shim", 4);
    SSL_CTX_ctrl(s->ctx, SSL_CTRL_SET_SESS_CACHE_MODE, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL_STORE, NULL);
    s->cache_mode = SSL_CTX_ctrl(s->ctx, SSL_CTRL_GET_SESS_CACHE_MODE, 0, NULL);
    app_log(APP_LOG_DEBUG, "cache mode now %#lx", s->cache_mode);
    return 0;
}
