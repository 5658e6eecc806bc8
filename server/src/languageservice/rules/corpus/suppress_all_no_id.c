/*
 * A bare ignore comment with no rule id suppresses every rule on the next line.
 * The suppressed line would otherwise give client-new-cb-without-client-bit (error)
 * and role-mismatch (information): a client ctx with SERVER | NO_INTERNAL_STORE and
 * a new_session_cb (kept deliberately for a test harness).
 * Expected: nothing (all findings are suppressed).
 */
#include <openssl/ssl.h>
#include "app.h"

static int harness_new_session(SSL *ssl, SSL_SESSION *sess)
{
    unsigned char der[4096], *p = der;
    int len = i2d_SSL_SESSION(sess, NULL);

    (void)ssl;
    if (len > 0 && len <= (int)sizeof(der)) {
        i2d_SSL_SESSION(sess, &p);
        app_host_session_put("harness", der, len);
    }
    return 0;
}

SSL_CTX *harness_client_ctx(void)
{
    SSL_CTX *hctx = SSL_CTX_new(TLS_client_method());

    if (hctx == NULL) {
        return NULL;
    }
    /* the harness checks that the callback is NOT called in this mode */
    /* sesscache-ignore */
    SSL_CTX_set_session_cache_mode(hctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL_STORE);
    SSL_CTX_sess_set_new_cb(hctx, harness_new_session);
    return hctx;
}
