/*
 * Near miss for client-new-cb-without-client-bit: a client ctx whose
 * new_session_cb registration passes NULL (resumption disabled by configuration),
 * which means "not set". No mode call.
 * Expected: nothing (clean).
 */
#include <openssl/ssl.h>
#include "app.h"

struct webhook_client {
    SSL_CTX *ctx;
    int allow_resumption;
};

int webhook_client_init(struct webhook_client *wc)
{
    wc->ctx = SSL_CTX_new(TLS_client_method());
    if (wc->ctx == NULL) {
        return -1;
    }
    SSL_CTX_set_verify(wc->ctx, SSL_VERIFY_PEER, NULL);
    SSL_CTX_set_default_verify_paths(wc->ctx);
    if (!wc->allow_resumption) {
        /* make sure no session callback is left over from a previous setup */
        SSL_CTX_sess_set_new_cb(wc->ctx, NULL);
        SSL_CTX_sess_set_remove_cb(wc->ctx, NULL);
    }
    return 0;
}

int webhook_post(struct webhook_client *wc, const char *host, const char *body, int len)
{
    SSL *ssl = SSL_new(wc->ctx);
    int rc = -1;

    SSL_set_fd(ssl, app_tcp_connect(host, 443));
    SSL_set_tlsext_host_name(ssl, host);
    if (SSL_connect(ssl) == 1 && SSL_write(ssl, body, len) == len) {
        rc = 0;
    }
    SSL_shutdown(ssl);
    SSL_free(ssl);
    return rc;
}
