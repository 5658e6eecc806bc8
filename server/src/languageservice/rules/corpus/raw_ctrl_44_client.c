/*
 * A binding layer that calls SSL_CTX_ctrl directly with the raw command number 44
 * (SSL_CTRL_SET_SESS_CACHE_MODE), the way Perl/Lua glue code does. On this client
 * ctx the mode is SSL_SESS_CACHE_CLIENT alone, no new_session_cb and no
 * SSL_CTX_sessions: the client cache is just memory. The 44 is the command, not
 * the mode, so numeric-mode must not fire.
 * Expected: client-cache-unused (warning) on the mode argument
 * (SSL_SESS_CACHE_CLIENT). On BoringSSL: nothing.
 */
#include <openssl/ssl.h>
#include "app.h"

typedef struct {
    SSL_CTX *ctx;
    long last_mode;
} binding_ctx;

long binding_ctx_set_cache_mode(binding_ctx *b, long mode)
{
    b->last_mode = mode;
    return SSL_CTX_ctrl(b->ctx, SSL_CTRL_SET_SESS_CACHE_MODE, mode, NULL);
}

binding_ctx *binding_client_new(binding_ctx *b)
{
    SSL_CTX *cctx = SSL_CTX_new(TLS_client_method());

    if (cctx == NULL) {
        return NULL;
    }
    b->ctx = cctx;
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, NULL);
    /* same as SSL_CTX_set_session_cache_mode(cctx, SSL_SESS_CACHE_CLIENT) */
    SSL_CTX_ctrl(cctx, 44, SSL_SESS_CACHE_CLIENT, NULL);
    b->last_mode = SSL_CTX_ctrl(cctx, SSL_CTRL_GET_SESS_CACHE_MODE, 0, NULL);
    return b;
}
