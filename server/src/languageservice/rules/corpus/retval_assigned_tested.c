/*
 * The previous mode is assigned to a variable that is then tested as an error
 * code ("rc <= 0"). The setter never fails; rc is the old mode. Client ctx with
 * CLIENT | NO_INTERNAL_STORE and a new_session_cb (client-via-callback recipe).
 * Expected: return-value-as-success (warning) on the call (the assignment line),
 * nothing else.
 */
#include <openssl/ssl.h>
#include "app.h"

static const char *remote = "sync.example";

static int sync_save_session(SSL *ssl, SSL_SESSION *sess)
{
    unsigned char der[4096], *p = der;
    int len = i2d_SSL_SESSION(sess, NULL);

    (void)ssl;
    if (len > 0 && len <= (int)sizeof(der)) {
        i2d_SSL_SESSION(sess, &p);
        app_host_session_put(remote, der, len);
    }
    return 0;
}

SSL_CTX *sync_client_ctx(void)
{
    SSL_CTX *sync_ctx = SSL_CTX_new(TLS_client_method());
    long rc;

    if (sync_ctx == NULL) {
        return NULL;
    }
    SSL_CTX_set_verify(sync_ctx, SSL_VERIFY_PEER, NULL);
    rc = SSL_CTX_set_session_cache_mode(sync_ctx, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);
    if (rc <= 0) {
        app_log(APP_LOG_ERR, "SSL_CTX_set_session_cache_mode failed: %ld", rc);
        SSL_CTX_free(sync_ctx);
        return NULL;
    }
    SSL_CTX_sess_set_new_cb(sync_ctx, sync_save_session);
    return sync_ctx;
}
