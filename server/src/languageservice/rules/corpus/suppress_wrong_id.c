/*
 * An ignore comment naming the wrong rule does not suppress anything: the line
 * above the call names stored-never-looked-up, but the finding is
 * announced-never-stored (SERVER | NO_INTERNAL_STORE, no new_session_cb, no
 * SSL_CTX_add_session).
 * Expected: announced-never-stored (information) on the mode line.
 */
#include <openssl/ssl.h>
#include "app.h"

SSL_CTX *nntp_tls_ctx(const char *cert, const char *key)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

    if (ctx == NULL) {
        return NULL;
    }
    if (app_load_cert_chain(ctx, cert, key) != 0) {
        SSL_CTX_free(ctx);
        return NULL;
    }
    SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"nntp", 4);
    // sesscache-ignore stored-never-looked-up
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL_STORE);
    SSL_CTX_set_timeout(ctx, 600);
    return ctx;
}
