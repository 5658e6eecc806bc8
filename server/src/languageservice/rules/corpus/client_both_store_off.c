/*
 * stunnel-like client section compiled on its own: a client ctx
 * (TLS_client_method) with SSL_SESS_CACHE_BOTH | SSL_SESS_CACHE_NO_INTERNAL_STORE,
 * a new_session_cb and SSL_set_session. The SERVER half of BOTH is explicitly set
 * on a client ctx.
 * Expected: role-mismatch (information) on the mode line, nothing else.
 */
#include <openssl/ssl.h>
#include "app.h"

static const char *connect_host = "backend.example";

static int client_sess_new(SSL *ssl, SSL_SESSION *sess)
{
    unsigned char der[4096], *p = der;
    int len = i2d_SSL_SESSION(sess, NULL);

    (void)ssl;
    if (len > 0 && len <= (int)sizeof(der)) {
        i2d_SSL_SESSION(sess, &p);
        app_host_session_put(connect_host, der, len);
    }
    return 0;
}

SSL *client_section_connect(int fd)
{
    SSL_CTX *cli_ctx = SSL_CTX_new(TLS_client_method());
    unsigned char der[4096];
    SSL *ssl;
    int len;

    if (cli_ctx == NULL) {
        return NULL;
    }
    SSL_CTX_set_session_cache_mode(cli_ctx, SSL_SESS_CACHE_BOTH | SSL_SESS_CACHE_NO_INTERNAL_STORE);
    SSL_CTX_sess_set_new_cb(cli_ctx, client_sess_new);
    ssl = SSL_new(cli_ctx);
    SSL_CTX_free(cli_ctx); /* the SSL keeps its own reference */
    len = app_host_session_get(connect_host, der, (int)sizeof(der));
    if (ssl != NULL && len > 0) {
        const unsigned char *p = der;
        SSL_SESSION *sess = d2i_SSL_SESSION(NULL, &p, len);
        SSL_set_session(ssl, sess);
        SSL_SESSION_free(sess);
    }
    if (ssl != NULL) {
        SSL_set_fd(ssl, fd);
    }
    return ssl;
}
