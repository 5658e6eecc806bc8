/*
 * Code that sets the mode with a bare number, as older code bases sometimes do.
 * Hover the number: 0x1002 is SERVER plus a bit no library knows.
 */
#include <openssl/ssl.h>

#define CACHE_FLAGS (SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_AUTO_CLEAR)

void configure_cache(SSL_CTX *ctx)
{
    long previous;

    previous = SSL_CTX_set_session_cache_mode(ctx, 0x1002);
    if (previous == 0) {
        /* the setter returns the previous mode, so this is not an error check */
    }
    SSL_CTX_set_session_cache_mode(ctx, CACHE_FLAGS);
    SSL_CTX_sess_set_cache_size(ctx, 1024);
}
