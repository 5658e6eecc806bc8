/*
 * Near miss for return-value-as-success: the previous mode returned by
 * SSL_CTX_set_session_cache_mode is kept and logged, never tested as a success
 * flag. The mode is SERVER | NO_INTERNAL_STORE with a new_session_cb (sessions go
 * to an audit store and nowhere else; no lookup path, so clients resume only via
 * tickets).
 * Expected: nothing (clean).
 */
#include <openssl/ssl.h>
#include "app.h"

static int audit_only_new(SSL *ssl, SSL_SESSION *sess)
{
    unsigned char der[4096], *p = der;
    unsigned int id_len;
    const unsigned char *id = SSL_SESSION_get_id(sess, &id_len);
    int len = i2d_SSL_SESSION(sess, NULL);

    (void)ssl;
    if (len > 0 && len <= (int)sizeof(der)) {
        i2d_SSL_SESSION(sess, &p);
        app_scache_store(id, id_len, der, len, SSL_SESSION_get_time(sess) + SSL_SESSION_get_timeout(sess));
    }
    return 0;
}

void audit_cache_enable(SSL_CTX *ctx)
{
    long previous;

    SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"audit2", 6);
    previous = SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL_STORE);
    SSL_CTX_sess_set_new_cb(ctx, audit_only_new);
    app_log(APP_LOG_DEBUG, "session cache mode changed from %#lx", previous);
}
