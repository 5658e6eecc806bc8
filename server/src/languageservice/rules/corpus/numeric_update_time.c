/*
 * Mode written as 0x0402 = SERVER | UPDATE_TIME (bit 0x400), meant as "refresh the
 * timestamp on every hit" for a plain internal cache; no get_session_cb.
 * Expected on openssl-3.0 (both on the number): numeric-mode (hint) and
 * update-time-no-effect (information).
 * On 1.1.1, 1.0.2, LibreSSL, BoringSSL: numeric-mode (hint) and
 * update-time-unsupported (warning) on the number (the catalog: bit 0x400 goes to
 * update-time-unsupported, not not-a-cache-mode, there).
 */
#include <openssl/ssl.h>
#include "app.h"

static void flush_timer(void *arg)
{
    SSL_CTX_flush_sessions((SSL_CTX *)arg, (long)time(NULL));
}

SSL_CTX *ldap_tls_server(const char *cert, const char *key)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

    if (ctx == NULL) {
        return NULL;
    }
    if (app_load_cert_chain(ctx, cert, key) != 0) {
        SSL_CTX_free(ctx);
        return NULL;
    }
    SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"slapd", 5);
    SSL_CTX_set_session_cache_mode(ctx, 0x0402);
    SSL_CTX_set_timeout(ctx, 900);
    app_timer_every(60, flush_timer, ctx);
    return ctx;
}
