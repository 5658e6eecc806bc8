/*
 * nginx-style upstream (proxy_ssl_session_reuse) client cache: an upstream client
 * ctx created with TLS_client_method, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL
 * and a new_session_cb that keeps the last session per upstream peer.
 * Expected: lookup-flag-on-client (information) on the mode line, nothing else.
 */
#include <openssl/ssl.h>
#include "app.h"

typedef struct {
    SSL_CTX *ctx;
    const char *peer_name;
} ngx_upstream_ssl_t;

static int ngx_ssl_session_index = -1;

static int ngx_ssl_new_client_session(SSL *ssl_conn, SSL_SESSION *sess)
{
    ngx_upstream_ssl_t *u = SSL_get_ex_data(ssl_conn, ngx_ssl_session_index);
    unsigned char buf[4096], *p = buf;
    int len;

    if (u == NULL) {
        return 0;
    }
    len = i2d_SSL_SESSION(sess, NULL);
    if (len > 0 && len <= (int)sizeof(buf)) {
        i2d_SSL_SESSION(sess, &p);
        app_host_session_put(u->peer_name, buf, len);
    }
    return 0;
}

int ngx_upstream_ssl_init(ngx_upstream_ssl_t *u)
{
    SSL_CTX *upstream_ctx = SSL_CTX_new(TLS_client_method());

    if (upstream_ctx == NULL) {
        app_log_ssl_errors("SSL_CTX_new");
        return -1;
    }
    ngx_ssl_session_index = SSL_get_ex_new_index(0, NULL, NULL, NULL, NULL);
    SSL_CTX_set_session_cache_mode(upstream_ctx, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL);
    SSL_CTX_sess_set_new_cb(upstream_ctx, ngx_ssl_new_client_session);
    u->ctx = upstream_ctx;
    return 0;
}

int ngx_upstream_ssl_set_session(ngx_upstream_ssl_t *u, SSL *ssl_conn)
{
    unsigned char buf[4096];
    const unsigned char *p = buf;
    int len = app_host_session_get(u->peer_name, buf, (int)sizeof(buf));
    SSL_SESSION *sess;

    SSL_set_ex_data(ssl_conn, ngx_ssl_session_index, u);
    if (len <= 0 || (sess = d2i_SSL_SESSION(NULL, &p, len)) == NULL) {
        return 0;
    }
    if (SSL_set_session(ssl_conn, sess) == 0) {
        app_log(APP_LOG_ERR, "SSL_set_session() failed");
    }
    SSL_SESSION_free(sess);
    return 0;
}
