/*
 * Apache "nonenotnull" style (SERVER | NO_INTERNAL, no callbacks) with the
 * announced-never-stored finding silenced by a line comment naming the rule on the
 * line just above the call.
 * Expected: nothing (the only finding is suppressed).
 */
#include <openssl/ssl.h>
#include "app.h"

struct pop_server {
    SSL_CTX *ctx;
    int port;
};

int pop_server_tls(struct pop_server *ps, const char *cert, const char *key)
{
    ps->ctx = SSL_CTX_new(TLS_server_method());
    if (ps->ctx == NULL) {
        return -1;
    }
    if (app_load_cert_chain(ps->ctx, cert, key) != 0) {
        SSL_CTX_free(ps->ctx);
        ps->ctx = NULL;
        return -1;
    }
    SSL_CTX_set_session_id_context(ps->ctx, (const unsigned char *)"pop", 3);
    // Old mail clients break on empty session IDs; announce but do not store.
    // sesscache-ignore announced-never-stored
    SSL_CTX_set_session_cache_mode(ps->ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL);
    return 0;
}
