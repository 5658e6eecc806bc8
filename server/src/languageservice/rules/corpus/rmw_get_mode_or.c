/*
 * Read-modify-write of the mode with no earlier set call:
 * SSL_CTX_get_session_cache_mode(ctx) | SSL_SESS_CACHE_NO_AUTO_CLEAR. The get
 * returns the default SERVER, so the result is SERVER | NO_AUTO_CLEAR with the
 * internal store active and no flush in the file.
 * Expected: no-auto-clear-without-flush (warning) on the mode argument (the line
 * of SSL_CTX_get_session_cache_mode, which also holds the flag), nothing else.
 */
#include <openssl/ssl.h>
#include "app.h"

struct dns_tls {
    SSL_CTX *ctx;
    unsigned int port;
};

static void dns_tls_tune_cache(SSL_CTX *ctx)
{
    /* keep whatever the library default is, just stop the periodic flush */
    SSL_CTX_set_session_cache_mode(ctx, SSL_CTX_get_session_cache_mode(ctx) | SSL_SESS_CACHE_NO_AUTO_CLEAR);
}

int dns_tls_init(struct dns_tls *d, const char *cert, const char *key)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

    if (ctx == NULL) {
        return -1;
    }
    if (app_load_cert_chain(ctx, cert, key) != 0) {
        SSL_CTX_free(ctx);
        return -1;
    }
    SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"dot", 3);
    dns_tls_tune_cache(ctx);
    d->ctx = ctx;
    return 0;
}
