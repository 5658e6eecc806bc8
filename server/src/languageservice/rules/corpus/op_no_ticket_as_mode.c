/*
 * A classic mix-up: SSL_OP_NO_TICKET passed as the session cache mode, meant to
 * disable tickets. SSL_OP_* belongs to SSL_CTX_set_options.
 * Reading taken (catalog: "contains an SSL_OP_* ... constant (range: that name),
 * or evaluates to unknown bits"): one not-a-cache-mode finding at the name; the
 * mode value is then not known, so mode-dependent rules stay silent.
 * Expected: not-a-cache-mode (error) on SSL_OP_NO_TICKET.
 */
#include <openssl/ssl.h>
#include "app.h"

struct imap_tls {
    SSL_CTX *ctx;
    int disable_resumption;
};

int imap_tls_setup(struct imap_tls *t, const char *cert, const char *key)
{
    t->ctx = SSL_CTX_new(TLS_server_method());
    if (t->ctx == NULL) {
        app_log_ssl_errors("SSL_CTX_new");
        return -1;
    }
    if (app_load_cert_chain(t->ctx, cert, key) != 0) {
        SSL_CTX_free(t->ctx);
        t->ctx = NULL;
        return -1;
    }
    SSL_CTX_set_session_id_context(t->ctx, (const unsigned char *)"imapd", 5);
    if (t->disable_resumption) {
        /* no session tickets, please */
        SSL_CTX_set_session_cache_mode(t->ctx, SSL_OP_NO_TICKET);
    }
    return 0;
}
