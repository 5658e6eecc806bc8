/*
 * A client ctx with CLIENT | NO_AUTO_CLEAR and a new_session_cb, but the internal
 * store is left on (no NO_INTERNAL_STORE) and nothing flushes it.
 * Expected on openssl-3.0: no-auto-clear-without-flush (warning) on the mode line.
 * On BoringSSL: nothing ("on BoringSSL only SERVER counts" as internal storing;
 * literal reading: no-auto-clear-nothing-stored does not fire either, since neither
 * NO_INTERNAL_STORE is set nor the role bit missing).
 */
#include <openssl/ssl.h>
#include "app.h"

static const char *peer_name = "feed.example";

static int feed_session_cb(SSL *ssl, SSL_SESSION *sess)
{
    unsigned char der[4096], *p = der;
    int len = i2d_SSL_SESSION(sess, NULL);

    (void)ssl;
    if (len > 0 && len <= (int)sizeof(der)) {
        i2d_SSL_SESSION(sess, &p);
        app_host_session_put(peer_name, der, len);
    }
    return 0;
}

SSL_CTX *feed_client_ctx(void)
{
    SSL_CTX *feed_ctx = SSL_CTX_new(TLS_client_method());

    if (feed_ctx == NULL) {
        return NULL;
    }
    SSL_CTX_set_verify(feed_ctx, SSL_VERIFY_PEER, NULL);
    SSL_CTX_set_session_cache_mode(feed_ctx, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_AUTO_CLEAR);
    SSL_CTX_sess_set_new_cb(feed_ctx, feed_session_cb);
    return feed_ctx;
}
