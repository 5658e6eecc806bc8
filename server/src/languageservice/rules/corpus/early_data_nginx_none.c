/*
 * nginx-style "ssl_session_cache none" combined with "ssl_early_data on":
 * SERVER | NO_AUTO_CLEAR | NO_INTERNAL_STORE, cache size 1, no callbacks, and
 * SSL_CTX_set_max_early_data(ctx, 16384) without SSL_OP_NO_ANTI_REPLAY.
 * Expected on openssl-3.0 (all on the mode line, single line; early-data range is
 * the mode argument by the literal reading): announced-never-stored (information),
 * no-auto-clear-nothing-stored (hint), early-data-without-internal-cache (error).
 * On LibreSSL and BoringSSL: only the first two.
 */
#include <openssl/ssl.h>
#include "app.h"

typedef struct {
    SSL_CTX *ctx;
    int early_data;
} srv_ssl_conf_t;

static void srv_ssl_early_data(srv_ssl_conf_t *conf)
{
    if (conf->early_data) {
        SSL_CTX_set_max_early_data(conf->ctx, 16384);
    }
}

int srv_ssl_merge_conf(srv_ssl_conf_t *conf)
{
    conf->ctx = SSL_CTX_new(TLS_server_method());
    if (conf->ctx == NULL) {
        return -1;
    }
    SSL_CTX_set_timeout(conf->ctx, 300);
    SSL_CTX_set_session_id_context(conf->ctx, (const unsigned char *)"srv", 3);
    SSL_CTX_set_session_cache_mode(conf->ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_AUTO_CLEAR | SSL_SESS_CACHE_NO_INTERNAL_STORE);
    SSL_CTX_sess_set_cache_size(conf->ctx, 1);
    srv_ssl_early_data(conf);
    return 0;
}
