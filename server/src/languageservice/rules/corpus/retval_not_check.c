/*
 * The return value of SSL_CTX_set_session_cache_mode (the previous mode) tested as
 * a success flag with '!': it "fails" only if the previous mode was OFF.
 * The mode itself (SERVER, builtin cache, sid ctx set) is fine.
 * Expected: return-value-as-success (warning) on the call, nothing else.
 */
#include <openssl/ssl.h>
#include "app.h"

int pgproxy_tls_init(SSL_CTX **out, const char *cert, const char *key)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

    if (ctx == NULL) {
        return -1;
    }
    if (app_load_cert_chain(ctx, cert, key) != 0) {
        SSL_CTX_free(ctx);
        return -1;
    }
    if (!SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"pgproxy", 7)) {
        app_log_ssl_errors("SSL_CTX_set_session_id_context");
        SSL_CTX_free(ctx);
        return -1;
    }
    if (!SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER)) {
        app_log(APP_LOG_ERR, "could not enable the session cache");
        SSL_CTX_free(ctx);
        return -1;
    }
    SSL_CTX_sess_set_cache_size(ctx, 2048);
    *out = ctx;
    return 0;
}
