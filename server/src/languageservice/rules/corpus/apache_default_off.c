/*
 * Apache mod_ssl default "SSLSessionCache none": SSL_SESS_CACHE_OFF and nothing
 * else; tickets stay enabled (no SSL_OP_NO_TICKET, no SSL_CTX_set_num_tickets).
 * Deliberate recipe (OFF): information only.
 * Expected: off-still-resumes (information) on the mode line.
 */
#include <openssl/ssl.h>
#include "app.h"

typedef struct {
    SSL_CTX *ssl_ctx;
    const char *cert_file;
    const char *key_file;
    long session_cache_timeout;
} modssl_server_t;

static void ssl_init_ctx_session_cache(modssl_server_t *sc)
{
    SSL_CTX *ctx = sc->ssl_ctx;

    /* no session cache provider configured */
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    SSL_CTX_set_timeout(ctx, sc->session_cache_timeout);
}

int ssl_init_server(modssl_server_t *sc)
{
    sc->ssl_ctx = SSL_CTX_new(TLS_server_method());
    if (sc->ssl_ctx == NULL) {
        app_log_ssl_errors("ssl_init_server");
        return -1;
    }
    SSL_CTX_set_min_proto_version(sc->ssl_ctx, TLS1_2_VERSION);
    if (app_load_cert_chain(sc->ssl_ctx, sc->cert_file, sc->key_file) != 0) {
        app_log(APP_LOG_ERR, "failed to load %s", sc->cert_file);
        return -1;
    }
    SSL_CTX_set_session_id_context(sc->ssl_ctx, (const unsigned char *)"httpd", 5);
    ssl_init_ctx_session_cache(sc);
    return 0;
}
