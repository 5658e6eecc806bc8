/*
 * Near miss for no-auto-clear-without-flush: SERVER | NO_AUTO_CLEAR with the
 * builtin cache, and a timer that calls SSL_CTX_flush_sessions once a minute, so
 * expired sessions are removed on the application's schedule.
 * Expected: nothing (clean).
 */
#include <time.h>
#include <openssl/ssl.h>
#include "app.h"

static void flush_expired_sessions(void *arg)
{
    SSL_CTX *ctx = arg;

    SSL_CTX_flush_sessions(ctx, (long)time(NULL));
    app_log(APP_LOG_DEBUG, "%ld sessions cached", SSL_CTX_sess_number(ctx));
}

SSL_CTX *stream_server_ctx(const char *cert, const char *key)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

    if (ctx == NULL) {
        return NULL;
    }
    if (app_load_cert_chain(ctx, cert, key) != 0) {
        SSL_CTX_free(ctx);
        return NULL;
    }
    SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"stream", 6);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_AUTO_CLEAR);
    SSL_CTX_sess_set_cache_size(ctx, 10000);
    /* flush from a timer instead of every 256th handshake */
    app_timer_every(60, flush_expired_sessions, ctx);
    return ctx;
}
