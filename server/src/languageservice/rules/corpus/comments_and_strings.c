/*
 * Flag names, typos and bad patterns that appear only in comments and string
 * literals must be ignored. In comments: SSL_SESS_CACHE_NO_INTERNAL_STORAGE,
 * mode & SSL_SESS_CACHE_OFF, SSL_CTX_set_session_cache_mode(ctx, SSL_OP_NO_TICKET).
 * The only real mode call is the external-only recipe with new/get callbacks.
 * Expected: nothing (clean).
 */
#include <stdio.h>
#include <openssl/ssl.h>
#include "app.h"

// Old code used SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVR) here.
static const char *const mode_help =
    "session cache modes: SSL_SESS_CACHE_OFF | SSL_SESS_CACHE_SERVERS | 0x1002; "
    "use \"SSL_SESS_CACHE_NO_INTERNAL_STORAGE\" at your own risk";
static const char usage_line[] = "SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT)";

static int cs_new(SSL *ssl, SSL_SESSION *sess)
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

static SSL_SESSION *cs_get(SSL *ssl, const unsigned char *id, int id_len, int *copy)
{
    unsigned char der[4096];
    const unsigned char *p = der;
    int len = app_scache_fetch(id, id_len, der, (int)sizeof(der));

    (void)ssl;
    *copy = 0;
    return len > 0 ? d2i_SSL_SESSION(NULL, &p, len) : NULL;
}

void cs_print_help(void)
{
    puts(mode_help);
    puts(usage_line);
    printf("if (mode & SSL_SESS_CACHE_OFF) is always false\n");
}

void cs_setup(SSL_CTX *ctx)
{
    SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"SSL_SESS_CACHE_BOTH", 19);
    /* SSL_SESS_CACHE_NO_INTERNAL_LOOKUP alone would be wrong: see SSL_SESS_CACHE_NO_INTERNAL */
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER /* not SSL_SESS_CACHE_BOTH */ | SSL_SESS_CACHE_NO_INTERNAL); // SSL_SESS_CACHE_UPDATE_TIMES? no
    SSL_CTX_sess_set_new_cb(ctx, cs_new);
    SSL_CTX_sess_set_get_cb(ctx, cs_get);
}
