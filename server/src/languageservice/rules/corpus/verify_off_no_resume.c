/*
 * Near miss for verify-peer-without-sid-ctx: client certificates are verified and
 * no session id context is set, but the cache is not in use: mode OFF, no
 * callbacks, and resumption fully disabled (SSL_OP_NO_TICKET and
 * SSL_CTX_set_num_tickets(ctx, 0)), so off-still-resumes is silent too.
 * Expected: nothing (clean).
 */
#include <openssl/ssl.h>
#include "app.h"

SSL_CTX *admin_port_ctx(const char *cert, const char *key, const char *ca)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

    if (ctx == NULL) {
        return NULL;
    }
    if (app_load_cert_chain(ctx, cert, key) != 0 || SSL_CTX_load_verify_locations(ctx, ca, NULL) != 1) {
        SSL_CTX_free(ctx);
        return NULL;
    }
    /* admin connections are rare: always authenticate from scratch */
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
    SSL_CTX_set_num_tickets(ctx, 0);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, NULL);
    return ctx;
}

int admin_port_serve(SSL_CTX *ctx, int fd)
{
    SSL *ssl = SSL_new(ctx);
    int rc = -1;

    SSL_set_fd(ssl, fd);
    if (SSL_accept(ssl) == 1) {
        rc = SSL_write(ssl, "ok\n", 3) > 0 ? 0 : -1;
        SSL_shutdown(ssl);
    }
    SSL_free(ssl);
    return rc;
}
