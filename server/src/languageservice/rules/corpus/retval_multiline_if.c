/*
 * A multi-line call inside an if, compared with 0: the mode spans three lines with
 * leading '|', the comparison follows the closing parenthesis. The mode is the
 * external-only recipe (new/get/remove callbacks), so only the return value
 * misuse is reported.
 * Expected: return-value-as-success (warning) on the call (the line with
 * SSL_CTX_set_session_cache_mode), nothing else.
 */
#include <openssl/ssl.h>
#include "app.h"

static int ml_new(SSL *ssl, SSL_SESSION *sess)
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

static SSL_SESSION *ml_get(SSL *ssl, const unsigned char *id, int id_len, int *copy)
{
    unsigned char der[4096];
    const unsigned char *p = der;
    int len = app_scache_fetch(id, id_len, der, (int)sizeof(der));

    (void)ssl;
    *copy = 0;
    return len > 0 ? d2i_SSL_SESSION(NULL, &p, len) : NULL;
}

static void ml_del(SSL_CTX *ctx, SSL_SESSION *sess)
{
    unsigned int id_len;
    const unsigned char *id = SSL_SESSION_get_id(sess, &id_len);

    (void)ctx;
    app_scache_delete(id, id_len);
}

int mail_tls_cache(SSL_CTX *ctx)
{
    SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"mail", 4);
    if (SSL_CTX_set_session_cache_mode(ctx,
                                       SSL_SESS_CACHE_SERVER
                                       | SSL_SESS_CACHE_NO_INTERNAL) == 0) {
        app_log(APP_LOG_ERR, "cannot configure the session cache");
        return -1;
    }
    SSL_CTX_sess_set_new_cb(ctx, ml_new);
    SSL_CTX_sess_set_get_cb(ctx, ml_get);
    SSL_CTX_sess_set_remove_cb(ctx, ml_del);
    return 0;
}
