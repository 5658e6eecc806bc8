/*
 * External cache on a server ctx, but the SERVER bit was forgotten:
 * mode SSL_SESS_CACHE_NO_INTERNAL alone with new/get/remove callbacks. The server
 * sends empty session IDs and new_session_cb never fires. Tickets are disabled
 * (SSL_OP_NO_TICKET + SSL_CTX_set_num_tickets(ctx, 0)) so that all resumption is
 * meant to go through the external cache; that also keeps off-still-resumes out of
 * the picture whatever "OFF (explicit)" means.
 * Expected (mode line, single line): server-cb-without-server-bit (warning) and
 * modifier-without-role (information).
 */
#include <openssl/ssl.h>
#include "app.h"

static int store_cb(SSL *ssl, SSL_SESSION *sess)
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

static SSL_SESSION *fetch_cb(SSL *ssl, const unsigned char *id, int id_len, int *copy)
{
    unsigned char der[4096];
    const unsigned char *p = der;
    int len = app_scache_fetch(id, id_len, der, (int)sizeof(der));

    (void)ssl;
    *copy = 0;
    return len > 0 ? d2i_SSL_SESSION(NULL, &p, len) : NULL;
}

static void evict_cb(SSL_CTX *ctx, SSL_SESSION *sess)
{
    unsigned int id_len;
    const unsigned char *id = SSL_SESSION_get_id(sess, &id_len);

    (void)ctx;
    app_scache_delete(id, id_len);
}

SSL_CTX *cluster_tls_server(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

    if (ctx == NULL) {
        return NULL;
    }
    SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"cluster", 7);
    SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
    SSL_CTX_set_num_tickets(ctx, 0);
    /* sessions live in the cluster-wide store only */
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_NO_INTERNAL);
    SSL_CTX_sess_set_new_cb(ctx, store_cb);
    SSL_CTX_sess_set_get_cb(ctx, fetch_cb);
    SSL_CTX_sess_set_remove_cb(ctx, evict_cb);
    return ctx;
}
