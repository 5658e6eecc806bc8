/*
 * Postfix-style smtpd TLS server with an external session cache: internal cache
 * size 1 (deliberate), SERVER | NO_INTERNAL | NO_AUTO_CLEAR, new and get callbacks
 * and intentionally no remove callback, timeout twice the external one.
 * Near miss for cache-size-invalid: size 1 is harmless because the internal store
 * is off (NO_INTERNAL_STORE).
 * Expected: no-auto-clear-nothing-stored (hint) on the mode line, nothing else.
 */
#include <openssl/ssl.h>
#include "app.h"

#define TLS_SESS_MAX 8192

static int get_server_session_cb_store(SSL *ssl, SSL_SESSION *session)
{
    unsigned char buf[TLS_SESS_MAX];
    unsigned char *ptr = buf;
    unsigned int id_len;
    const unsigned char *id = SSL_SESSION_get_id(session, &id_len);
    int len = i2d_SSL_SESSION(session, NULL);

    (void)ssl;
    if (len > 0 && len <= TLS_SESS_MAX) {
        i2d_SSL_SESSION(session, &ptr);
        app_scache_store(id, id_len, buf, len, SSL_SESSION_get_time(session) + SSL_SESSION_get_timeout(session));
    }
    return 0;
}

static SSL_SESSION *get_server_session_cb(SSL *ssl, const unsigned char *id, int id_len, int *copy)
{
    unsigned char buf[TLS_SESS_MAX];
    const unsigned char *ptr = buf;
    int len = app_scache_fetch(id, id_len, buf, TLS_SESS_MAX);

    (void)ssl;
    *copy = 0;
    return len > 0 ? d2i_SSL_SESSION(NULL, &ptr, len) : NULL;
}

int tls_server_init_cache(SSL_CTX *server_ctx, const char *sid_ctx, int sid_ctx_len, long scache_timeout)
{
    /* the internal cache holds just one session: the external cache does the work */
    SSL_CTX_sess_set_cache_size(server_ctx, 1);
    SSL_CTX_set_timeout(server_ctx, 2 * scache_timeout);
    SSL_CTX_set_session_id_context(server_ctx, (const unsigned char *)sid_ctx, (unsigned int)sid_ctx_len);

    SSL_CTX_set_session_cache_mode(server_ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL | SSL_SESS_CACHE_NO_AUTO_CLEAR);
    SSL_CTX_sess_set_get_cb(server_ctx, get_server_session_cb);
    SSL_CTX_sess_set_new_cb(server_ctx, get_server_session_cb_store);
    /* no remove callback: eviction from the tiny internal cache must not hit the external one */
    return 0;
}

SSL_CTX *tls_server_ctx_new(void)
{
    SSL_CTX *server_ctx = SSL_CTX_new(TLS_server_method());

    if (server_ctx == NULL) {
        app_log_ssl_errors("tls_server_ctx_new");
    }
    return server_ctx;
}
