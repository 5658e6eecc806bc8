/*
 * A server that sets SERVER | NO_INTERNAL_LOOKUP, believing it turns resumption
 * off, with no get_session_cb: sessions are stored in the internal cache and never
 * looked up.
 * Expected: stored-never-looked-up (warning) on the mode line, nothing else.
 */
#include <openssl/ssl.h>
#include "app.h"

struct syslog_tls {
    SSL_CTX *ctx;
    int listen_fd;
};

int syslog_tls_open(struct syslog_tls *st, int port, const char *cert, const char *key)
{
    st->ctx = SSL_CTX_new(TLS_server_method());
    if (st->ctx == NULL) {
        app_log_ssl_errors("syslog_tls_open");
        return -1;
    }
    if (app_load_cert_chain(st->ctx, cert, key) != 0) {
        SSL_CTX_free(st->ctx);
        return -1;
    }
    SSL_CTX_set_session_id_context(st->ctx, (const unsigned char *)"syslog-tls", 10);
    /* resumption is pointless for long-lived log streams */
    SSL_CTX_set_session_cache_mode(st->ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL_LOOKUP);
    st->listen_fd = app_tcp_listen(port);
    return st->listen_fd < 0 ? -1 : 0;
}
