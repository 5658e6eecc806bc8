/*
 * External-only server that spells out both halves of NO_INTERNAL:
 * SERVER | NO_INTERNAL_LOOKUP | NO_INTERNAL_STORE (all on one line). The catalog:
 * both written out -> redundant-flag at hint level, fix: fold into NO_INTERNAL.
 * New/get callbacks are set.
 * Expected: redundant-flag (hint) on the mode line, nothing else.
 */
#include <openssl/ssl.h>
#include "app.h"

static int xmpp_sess_new(SSL *ssl, SSL_SESSION *sess)
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

static SSL_SESSION *xmpp_sess_get(SSL *ssl, const unsigned char *id, int id_len, int *copy)
{
    unsigned char der[4096];
    const unsigned char *p = der;
    int len = app_scache_fetch(id, id_len, der, (int)sizeof(der));

    (void)ssl;
    *copy = 0;
    return len > 0 ? d2i_SSL_SESSION(NULL, &p, len) : NULL;
}

int xmpp_tls_listener(SSL_CTX **out)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

    if (ctx == NULL) {
        return -1;
    }
    SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"xmpp-c2s", 8);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL_LOOKUP | SSL_SESS_CACHE_NO_INTERNAL_STORE);
    SSL_CTX_sess_set_new_cb(ctx, xmpp_sess_new);
    SSL_CTX_sess_set_get_cb(ctx, xmpp_sess_get);
    *out = ctx;
    return 0;
}
