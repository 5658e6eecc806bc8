/*
 * nginx-style "ssl_session_cache shared:SSL:10m": SERVER | NO_INTERNAL with new, get
 * and remove callbacks over shared memory. The new-session callback refuses
 * TLS 1.3 sessions unless SSL_OP_NO_TICKET is set, as nginx does. The mode call is
 * split over lines with a leading '|'. Deliberate recipe ("external cache only").
 * Expected: nothing (clean).
 */
#include <openssl/ssl.h>
#include "app.h"

#define NGX_SSL_MAX_SESSION_SIZE 4096

static int ngx_ssl_new_session(SSL *ssl_conn, SSL_SESSION *sess)
{
    unsigned char buf[NGX_SSL_MAX_SESSION_SIZE];
    unsigned char *p = buf;
    unsigned int id_len;
    const unsigned char *id;
    int len;

    /* do not cache TLSv1.3 sessions unless stateful tickets are in use */
    if (SSL_version(ssl_conn) == TLS1_3_VERSION
        && !(SSL_get_options(ssl_conn) & SSL_OP_NO_TICKET))
    {
        return 0;
    }
    len = i2d_SSL_SESSION(sess, NULL);
    if (len <= 0 || len > NGX_SSL_MAX_SESSION_SIZE) {
        return 0;
    }
    i2d_SSL_SESSION(sess, &p);
    id = SSL_SESSION_get_id(sess, &id_len);
    app_scache_store(id, id_len, buf, len, SSL_SESSION_get_time(sess) + SSL_SESSION_get_timeout(sess));
    return 0;
}

static SSL_SESSION *ngx_ssl_get_cached_session(SSL *ssl_conn, const unsigned char *id,
                                               int len, int *copy)
{
    unsigned char buf[NGX_SSL_MAX_SESSION_SIZE];
    const unsigned char *p = buf;
    int n;

    (void)ssl_conn;
    *copy = 0;
    n = app_scache_fetch(id, len, buf, (int)sizeof(buf));
    return n > 0 ? d2i_SSL_SESSION(NULL, &p, n) : NULL;
}

static void ngx_ssl_remove_session(SSL_CTX *ssl, SSL_SESSION *sess)
{
    unsigned int len;
    const unsigned char *id = SSL_SESSION_get_id(sess, &len);

    (void)ssl;
    app_scache_delete(id, len);
}

int ngx_ssl_session_cache(SSL_CTX *ctx, long timeout)
{
    SSL_CTX_set_timeout(ctx, timeout);
    SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"nginx-shared", 12);

    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER
                                        | SSL_SESS_CACHE_NO_INTERNAL);

    SSL_CTX_sess_set_new_cb(ctx, ngx_ssl_new_session);
    SSL_CTX_sess_set_get_cb(ctx, ngx_ssl_get_cached_session);
    SSL_CTX_sess_set_remove_cb(ctx, ngx_ssl_remove_session);
    return 0;
}
