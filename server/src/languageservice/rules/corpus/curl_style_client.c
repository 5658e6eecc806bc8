/*
 * curl-style client session cache: CLIENT | NO_INTERNAL with a new_session_cb,
 * resumption via SSL_set_session from the application's per-host cache. The ctx is
 * a parameter and no SSL_CTX_new appears in this file, so the role is unknown:
 * the catalog says lookup-flag-on-client must NOT fire for curl-style CLIENT |
 * NO_INTERNAL on an unknown-role ctx. Deliberate recipe ("client via callback").
 * Expected: nothing (clean).
 */
#include <openssl/ssl.h>
#include "app.h"

struct conn_filter {
    const char *peer_host;
    int sess_reuse;
};

static int ossl_conn_index = -1;

static int ossl_new_session_cb(SSL *ssl, SSL_SESSION *ssl_sessionid)
{
    struct conn_filter *cf = SSL_get_ex_data(ssl, ossl_conn_index);
    unsigned char der[4096];
    unsigned char *p = der;
    int der_len;

    if (cf == NULL || !cf->sess_reuse) {
        return 0;
    }
    der_len = i2d_SSL_SESSION(ssl_sessionid, NULL);
    if (der_len <= 0 || der_len > (int)sizeof(der)) {
        return 0;
    }
    i2d_SSL_SESSION(ssl_sessionid, &p);
    app_host_session_put(cf->peer_host, der, der_len);
    return 0;
}

int ossl_init_session_cache(SSL_CTX *ssl_ctx, struct conn_filter *cf)
{
    if (ossl_conn_index < 0) {
        ossl_conn_index = SSL_get_ex_new_index(0, NULL, NULL, NULL, NULL);
    }
    if (cf->sess_reuse) {
        /* Enable the session cache because it is a prerequisite for the "new session"
         * callback. Use the "external storage" mode to prevent OpenSSL from creating
         * an internal session cache. */
        SSL_CTX_set_session_cache_mode(ssl_ctx, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL);
        SSL_CTX_sess_set_new_cb(ssl_ctx, ossl_new_session_cb);
    }
    return 0;
}

int ossl_resume(SSL *ssl, struct conn_filter *cf)
{
    unsigned char der[4096];
    const unsigned char *p = der;
    int len = app_host_session_get(cf->peer_host, der, (int)sizeof(der));
    SSL_SESSION *sess;

    SSL_set_ex_data(ssl, ossl_conn_index, cf);
    if (len <= 0 || (sess = d2i_SSL_SESSION(NULL, &p, len)) == NULL) {
        return 0;
    }
    if (!SSL_set_session(ssl, sess)) {
        app_log(APP_LOG_WARN, "SSL: SSL_set_session failed");
    }
    SSL_SESSION_free(sess);
    return 1;
}
