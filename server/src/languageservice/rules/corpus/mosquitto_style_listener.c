/*
 * Mosquitto-style listener: only a per-port sid ctx ("mosquitto-<port>"), no mode
 * call (default SERVER internal cache), with a cache size and timeout and client
 * certificate verification.
 * Deliberate recipe ("default internal cache with sid ctx").
 * Expected: nothing (clean).
 */
#include <stdio.h>
#include <string.h>
#include <openssl/ssl.h>
#include "app.h"

struct mosquitto__listener {
    int port;
    int require_certificate;
    const char *cafile;
    SSL_CTX *ssl_ctx;
};

static int verify_cb(int preverify_ok, X509_STORE_CTX *store)
{
    (void)store;
    return preverify_ok;
}

int net__tls_server_ctx(struct mosquitto__listener *listener)
{
    char buf[256];
    int rc;

    listener->ssl_ctx = SSL_CTX_new(TLS_server_method());
    if (listener->ssl_ctx == NULL) {
        app_log(APP_LOG_ERR, "Error: Unable to create TLS context.");
        return 1;
    }
    SSL_CTX_set_options(listener->ssl_ctx, SSL_OP_NO_COMPRESSION);

    snprintf(buf, sizeof(buf), "mosquitto-%d", listener->port);
    rc = SSL_CTX_set_session_id_context(listener->ssl_ctx, (unsigned char *)buf, (unsigned int)strlen(buf));
    if (!rc) {
        app_log(APP_LOG_ERR, "Error: Unable to set TLS session id context.");
        return 1;
    }
    SSL_CTX_sess_set_cache_size(listener->ssl_ctx, 1024);
    SSL_CTX_set_timeout(listener->ssl_ctx, 3600);

    if (listener->require_certificate) {
        SSL_CTX_set_verify(listener->ssl_ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, verify_cb);
        if (SSL_CTX_load_verify_locations(listener->ssl_ctx, listener->cafile, NULL) != 1) {
            app_log(APP_LOG_ERR, "Error: Unable to load CA certificates.");
            return 1;
        }
    }
    return 0;
}
