/*
 * A tiny builtin cache, like nginx "builtin:2" but through the default mode (no
 * mode call, so the internal store is active): SSL_CTX_sess_set_cache_size(ctx, 2).
 * On OpenSSL 3.x the cache then holds max(1, size-1) = 1 session.
 * Expected on openssl-3.0: cache-size-invalid (warning) on the size call.
 * On 1.1.1, 1.0.2, LibreSSL, BoringSSL: nothing (exact capacity there).
 */
#include <openssl/ssl.h>
#include "app.h"

static SSL_CTX *embedded_ctx;

int embedded_tls_init(const char *cert, const char *key)
{
    embedded_ctx = SSL_CTX_new(TLS_server_method());
    if (embedded_ctx == NULL) {
        return -1;
    }
    if (app_load_cert_chain(embedded_ctx, cert, key) != 0) {
        SSL_CTX_free(embedded_ctx);
        embedded_ctx = NULL;
        return -1;
    }
    SSL_CTX_set_session_id_context(embedded_ctx, (const unsigned char *)"iot", 3);
    /* RAM is scarce: remember the last two clients only */
    SSL_CTX_sess_set_cache_size(embedded_ctx, 2);
    SSL_CTX_set_timeout(embedded_ctx, 300);
    return 0;
}
