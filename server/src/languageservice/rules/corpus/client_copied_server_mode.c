/*
 * Client code that copied the server recipe: a client ctx (TLS_client_method)
 * with SERVER | NO_INTERNAL_STORE and a new_session_cb. Without the CLIENT bit the
 * callback never fires, and SERVER on a client ctx is explicitly set.
 * Expected (mode line, single line): client-new-cb-without-client-bit (error) and
 * role-mismatch (information).
 */
#include <openssl/ssl.h>
#include "app.h"

struct smtp_out {
    SSL_CTX *tls;
    const char *relay_host;
};

static int keep_session(SSL *ssl, SSL_SESSION *sess)
{
    struct smtp_out *out = SSL_get_app_data(ssl);
    unsigned char der[4096], *p = der;
    int len = i2d_SSL_SESSION(sess, NULL);

    if (out != NULL && len > 0 && len <= (int)sizeof(der)) {
        i2d_SSL_SESSION(sess, &p);
        app_host_session_put(out->relay_host, der, len);
    }
    return 0;
}

int smtp_out_tls_init(struct smtp_out *out)
{
    out->tls = SSL_CTX_new(TLS_client_method());
    if (out->tls == NULL) {
        return -1;
    }
    SSL_CTX_set_verify(out->tls, SSL_VERIFY_PEER, NULL);
    SSL_CTX_set_default_verify_paths(out->tls);
    SSL_CTX_set_session_cache_mode(out->tls, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL_STORE);
    SSL_CTX_sess_set_new_cb(out->tls, keep_session);
    return 0;
}
