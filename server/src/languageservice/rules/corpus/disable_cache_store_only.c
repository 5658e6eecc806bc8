/*
 * A server that tries to "turn the cache off" with SSL_SESS_CACHE_NO_INTERNAL_STORE
 * alone: no role bit, so the modifier is meaningless (OFF would do). Tickets are
 * disabled (SSL_OP_NO_TICKET + SSL_CTX_set_num_tickets(ctx, 0)), no callbacks.
 * Expected: modifier-without-role (information) on the mode line, nothing else.
 */
#include <openssl/ssl.h>
#include "app.h"

struct vpn_server {
    SSL_CTX *tls;
    int port;
};

int vpn_server_tls_init(struct vpn_server *srv, const char *cert, const char *key)
{
    srv->tls = SSL_CTX_new(TLS_server_method());
    if (srv->tls == NULL) {
        app_log_ssl_errors("vpn_server_tls_init");
        return -1;
    }
    if (app_load_cert_chain(srv->tls, cert, key) != 0) {
        return -1;
    }
    SSL_CTX_set_session_id_context(srv->tls, (const unsigned char *)"vpn", 3);
    /* every tunnel does a full handshake */
    SSL_CTX_set_options(srv->tls, SSL_OP_NO_TICKET);
    SSL_CTX_set_num_tickets(srv->tls, 0);
    SSL_CTX_set_session_cache_mode(srv->tls, SSL_SESS_CACHE_NO_INTERNAL_STORE);
    return 0;
}
