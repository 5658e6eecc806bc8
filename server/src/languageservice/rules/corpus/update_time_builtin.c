/*
 * Builtin cache with SERVER | UPDATE_TIME and no get callback, meant as "extend
 * sessions on every hit". Internal hits never re-add the session, so the flag
 * does (almost) nothing.
 * Expected on openssl-3.0: update-time-no-effect (information) on the mode line.
 * On 1.1.1, 1.0.2, LibreSSL, BoringSSL: update-time-unsupported (warning) instead.
 */
#include <openssl/ssl.h>
#include "app.h"

struct chat_server {
    SSL_CTX *tls;
    long idle_timeout;
};

int chat_server_tls(struct chat_server *cs, const char *cert, const char *key)
{
    cs->tls = SSL_CTX_new(TLS_server_method());
    if (cs->tls == NULL) {
        return -1;
    }
    if (app_load_cert_chain(cs->tls, cert, key) != 0) {
        SSL_CTX_free(cs->tls);
        cs->tls = NULL;
        return -1;
    }
    SSL_CTX_set_session_id_context(cs->tls, (const unsigned char *)"chat", 4);
    SSL_CTX_set_session_cache_mode(cs->tls, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_UPDATE_TIME);
    SSL_CTX_set_timeout(cs->tls, cs->idle_timeout);
    return 0;
}
