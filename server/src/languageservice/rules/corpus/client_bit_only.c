/*
 * A client that sets SSL_SESS_CACHE_CLIENT expecting automatic resumption. The
 * client never looks anything up; sessions pile up in the internal cache, which
 * nothing reads (no new_session_cb, no SSL_CTX_sessions). The app keeps its own
 * SSL_get1_session pointer for SSL_set_session.
 * Expected: client-cache-unused (warning) on the mode line.
 * On BoringSSL: nothing (it never stores client sessions).
 */
#include <string.h>
#include <openssl/ssl.h>
#include "app.h"

static SSL_CTX *api_ctx;
static SSL_SESSION *last_session;

int api_client_init(void)
{
    api_ctx = SSL_CTX_new(TLS_client_method());
    if (api_ctx == NULL) {
        return -1;
    }
    SSL_CTX_set_verify(api_ctx, SSL_VERIFY_PEER, NULL);
    SSL_CTX_set_default_verify_paths(api_ctx);
    /* enable the client session cache so connections resume */
    SSL_CTX_set_session_cache_mode(api_ctx, SSL_SESS_CACHE_CLIENT);
    return 0;
}

int api_client_request(const char *host, int port, const char *req)
{
    SSL *ssl = SSL_new(api_ctx);
    int fd = app_tcp_connect(host, port);
    int ok;

    if (last_session != NULL) {
        SSL_set_session(ssl, last_session);
    }
    SSL_set_fd(ssl, fd);
    SSL_set_tlsext_host_name(ssl, host);
    ok = SSL_connect(ssl) == 1 && SSL_write(ssl, req, (int)strlen(req)) > 0;
    if (ok) {
        SSL_SESSION_free(last_session);
        last_session = SSL_get1_session(ssl);
    }
    SSL_shutdown(ssl);
    SSL_free(ssl);
    return ok ? 0 : -1;
}
