/*
 * Builtin server cache with auto-clear turned off "for performance":
 * SERVER | NO_AUTO_CLEAR, cache size 50000, and no SSL_CTX_flush_sessions anywhere.
 * Expired sessions stay until evicted.
 * Expected: no-auto-clear-without-flush (warning) on the mode line, nothing else.
 */
#include <openssl/ssl.h>
#include "app.h"

struct proxy_listener {
    SSL_CTX *ssl_ctx;
    int fd;
};

int proxy_listener_tls(struct proxy_listener *l, const char *cert, const char *key)
{
    l->ssl_ctx = SSL_CTX_new(TLS_server_method());
    if (l->ssl_ctx == NULL) {
        app_log_ssl_errors("proxy_listener_tls");
        return -1;
    }
    if (app_load_cert_chain(l->ssl_ctx, cert, key) != 0) {
        return -1;
    }
    SSL_CTX_set_session_id_context(l->ssl_ctx, (const unsigned char *)"proxy", 5);
    /* avoid the periodic flush stall on busy listeners */
    SSL_CTX_set_session_cache_mode(l->ssl_ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_AUTO_CLEAR);
    SSL_CTX_sess_set_cache_size(l->ssl_ctx, 50000);
    SSL_CTX_set_timeout(l->ssl_ctx, 3600);
    return 0;
}
