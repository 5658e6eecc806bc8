/*
 * Suppression with block comments at the end of the finding's own line:
 * the nginx-none mode line carries two ids separated by a comma (no space), and
 * the SSL_CTX_set_verify line (a server with client certificates and no sid ctx)
 * carries verify-peer-without-sid-ctx.
 * Expected: nothing (all three findings are suppressed).
 */
#include <openssl/ssl.h>
#include "app.h"

typedef struct {
    SSL_CTX *ctx;
    int verify_clients;
} irc_tls_t;

int irc_tls_init(irc_tls_t *t, const char *ca)
{
    t->ctx = SSL_CTX_new(TLS_server_method());
    if (t->ctx == NULL) {
        return -1;
    }
    if (t->verify_clients) {
        SSL_CTX_load_verify_locations(t->ctx, ca, NULL);
        SSL_CTX_set_verify(t->ctx, SSL_VERIFY_PEER, NULL); /* sesscache-ignore verify-peer-without-sid-ctx */
    }
    SSL_CTX_set_session_cache_mode(t->ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_AUTO_CLEAR | SSL_SESS_CACHE_NO_INTERNAL_STORE); /* sesscache-ignore announced-never-stored,no-auto-clear-nothing-stored */
    SSL_CTX_sess_set_cache_size(t->ctx, 1);
    return 0;
}
