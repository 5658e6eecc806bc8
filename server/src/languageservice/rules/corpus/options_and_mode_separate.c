/*
 * Near miss for not-a-cache-mode: SSL_OP_*, SSL_MODE_* and SSL_VERIFY_* constants
 * used where they belong (set_options, set_mode, set_verify), next to a plain
 * SSL_SESS_CACHE_SERVER mode call (nginx "builtin"), with a sid ctx so client
 * certificate verification is fine.
 * Expected: nothing (clean).
 */
#include <openssl/ssl.h>
#include "app.h"

static int verify_cb(int ok, X509_STORE_CTX *store)
{
    if (!ok) {
        int err = X509_STORE_CTX_get_error(store);
        app_log(APP_LOG_WARN, "client certificate: %s", X509_verify_cert_error_string(err));
    }
    return ok;
}

SSL_CTX *make_mtls_server(const char *cert, const char *key, const char *ca)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

    if (ctx == NULL) {
        return NULL;
    }
    if (app_load_cert_chain(ctx, cert, key) != 0 || SSL_CTX_load_verify_locations(ctx, ca, NULL) != 1) {
        SSL_CTX_free(ctx);
        return NULL;
    }
    SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET | SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
    SSL_CTX_set_mode(ctx, SSL_MODE_RELEASE_BUFFERS | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"mtls-api", 8);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, verify_cb);
    SSL_CTX_set_verify_depth(ctx, 4);
    return ctx;
}
