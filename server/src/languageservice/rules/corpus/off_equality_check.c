/*
 * Near miss for bit-test-against-off: the correct ways to ask "is the cache off?",
 * mode == SSL_SESS_CACHE_OFF and (mode & SSL_SESS_CACHE_BOTH) == 0. The mode
 * passed to the setter is a parameter (unknown), so nothing else can fire.
 * Expected: nothing (clean).
 */
#include <openssl/ssl.h>
#include "app.h"

static int cache_is_off(long mode)
{
    return mode == SSL_SESS_CACHE_OFF;
}

static int no_role_bits(long mode)
{
    return (mode & SSL_SESS_CACHE_BOTH) == 0;
}

void tls_set_cache(SSL_CTX *ctx, long mode)
{
    long old = SSL_CTX_set_session_cache_mode(ctx, mode);

    if (cache_is_off(mode) || no_role_bits(mode)) {
        SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
        SSL_CTX_set_num_tickets(ctx, 0);
    }
    app_log(APP_LOG_DEBUG, "session cache mode %#lx (was %#lx)", mode, old);
}

long tls_get_cache(SSL_CTX *ctx)
{
    long mode = SSL_CTX_get_session_cache_mode(ctx);

    if (cache_is_off(mode)) {
        app_log(APP_LOG_DEBUG, "session cache is off");
    }
    return mode;
}
