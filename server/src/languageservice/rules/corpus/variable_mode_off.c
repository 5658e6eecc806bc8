/*
 * Mode in a local variable reassigned under a condition:
 * long mode = SSL_SESS_CACHE_SERVER; if (!resume) mode = SSL_SESS_CACHE_OFF;
 * The OFF possibility leaves tickets on (no SSL_OP_NO_TICKET, no num_tickets 0).
 * The SERVER possibility is a clean builtin cache.
 * Expected: off-still-resumes (information) on the mode argument ("mode" in the
 * SSL_CTX_set_session_cache_mode call), nothing else.
 */
#include <openssl/ssl.h>
#include "app.h"

struct smtp_in {
    SSL_CTX *ctx;
    int resume;
};

int smtp_in_tls(struct smtp_in *s, const char *cert, const char *key)
{
    long mode = SSL_SESS_CACHE_SERVER;

    s->ctx = SSL_CTX_new(TLS_server_method());
    if (s->ctx == NULL) {
        return -1;
    }
    if (app_load_cert_chain(s->ctx, cert, key) != 0) {
        SSL_CTX_free(s->ctx);
        s->ctx = NULL;
        return -1;
    }
    SSL_CTX_set_session_id_context(s->ctx, (const unsigned char *)"smtp-in", 7);
    if (!s->resume) {
        mode = SSL_SESS_CACHE_OFF;
    }
    SSL_CTX_set_session_cache_mode(s->ctx, mode);
    return 0;
}
