/*
 * Near miss for client-cache-unused: a client ctx with SSL_SESS_CACHE_CLIENT and no
 * new_session_cb, but the application does read the internal client cache through
 * SSL_CTX_sessions(ctx) (walking the lhash to find a session for the host).
 * Expected: nothing (clean).
 */
#include <string.h>
#include <openssl/ssl.h>
#include <openssl/lhash.h>
#include "app.h"

static SSL_CTX *ctx;

int probe_client_init(void)
{
    ctx = SSL_CTX_new(TLS_client_method());
    if (ctx == NULL) {
        return -1;
    }
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT);
    SSL_CTX_sess_set_cache_size(ctx, 64);
    return 0;
}

static const char *match_host;
static SSL_SESSION *match_found;

static void match_session(SSL_SESSION *sess)
{
    const char *sni = SSL_SESSION_get0_hostname(sess);

    if (match_found == NULL && sni != NULL && strcmp(sni, match_host) == 0) {
        match_found = sess;
    }
}

SSL_SESSION *probe_find_session(const char *host)
{
    OPENSSL_LHASH *sessions = (OPENSSL_LHASH *)SSL_CTX_sessions(ctx);

    match_host = host;
    match_found = NULL;
    if (OPENSSL_LH_num_items(sessions) == 0) {
        return NULL;
    }
    OPENSSL_LH_doall(sessions, (OPENSSL_LH_DOALL_FUNC)match_session);
    return match_found;
}
