/*
 * Mode wrapped in a cast and parentheses: (long)(SSL_SESS_CACHE_SERVER |
 * (SSL_SESS_CACHE_NO_INTERNAL_LOOKUP)). There is a new_session_cb (feeding an audit
 * log) but no get_session_cb, so stored sessions are never looked up.
 * Expected: stored-never-looked-up (warning) on the mode argument (the line of
 * "(long)"), nothing else.
 */
#include <stdio.h>
#include <openssl/ssl.h>
#include "app.h"

static int audit_new_session(SSL *ssl, SSL_SESSION *sess)
{
    unsigned int id_len, i;
    const unsigned char *id = SSL_SESSION_get_id(sess, &id_len);
    char hex[2 * SSL_MAX_SSL_SESSION_ID_LENGTH + 1];

    (void)ssl;
    for (i = 0; i < id_len && i < SSL_MAX_SSL_SESSION_ID_LENGTH; i++) {
        snprintf(hex + 2 * i, 3, "%02x", id[i]);
    }
    hex[2 * i] = '\0';
    app_log(APP_LOG_INFO, "new TLS session %s", hex);
    return 0;
}

SSL_CTX *audit_server_ctx(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

    if (ctx == NULL) {
        return NULL;
    }
    SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"audit", 5);
    SSL_CTX_set_session_cache_mode(ctx, (long)(SSL_SESS_CACHE_SERVER | (SSL_SESS_CACHE_NO_INTERNAL_LOOKUP)));
    SSL_CTX_sess_set_new_cb(ctx, audit_new_session);
    return ctx;
}
