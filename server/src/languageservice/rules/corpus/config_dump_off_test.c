/*
 * A helper that applies a configured mode and tests "is the cache off?" with
 * mode & SSL_SESS_CACHE_OFF, which is always 0 (OFF is 0x0000). The mode itself is
 * a parameter (unknown), so mode-dependent rules stay silent.
 * Expected: bit-test-against-off (error) on the "mode & SSL_SESS_CACHE_OFF"
 * expression, nothing else.
 */
#include <openssl/ssl.h>
#include "app.h"

void tls_apply_cache_mode(SSL_CTX *ctx, long mode)
{
    SSL_CTX_set_session_cache_mode(ctx, mode);
    if (mode & SSL_SESS_CACHE_OFF) {
        /* cache disabled: make sure tickets do not resume either */
        SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
        SSL_CTX_set_num_tickets(ctx, 0);
        app_log(APP_LOG_INFO, "TLS session resumption disabled");
    } else {
        app_log(APP_LOG_INFO, "TLS session cache mode %#lx", mode);
    }
}

long tls_cache_mode_from_config(void)
{
    const char *v = app_conf_str("tls.session_cache", "builtin");

    if (v[0] == 'o' && v[1] == 'f' && v[2] == 'f') {
        return SSL_SESS_CACHE_OFF;
    }
    return SSL_SESS_CACHE_SERVER;
}
