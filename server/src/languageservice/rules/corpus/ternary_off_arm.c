/*
 * Ternary with an OFF arm: conf->session_cache ? SSL_SESS_CACHE_SERVER :
 * SSL_SESS_CACHE_OFF, tickets left on. The OFF arm still resumes over tickets.
 * Expected: off-still-resumes (information) on the mode argument (the ternary,
 * which starts on the call line), nothing else.
 */
#include <openssl/ssl.h>
#include "app.h"

struct rtmp_conf {
    int session_cache;
    const char *cert;
    const char *key;
};

SSL_CTX *rtmps_ctx(const struct rtmp_conf *conf)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

    if (ctx == NULL) {
        return NULL;
    }
    if (app_load_cert_chain(ctx, conf->cert, conf->key) != 0) {
        SSL_CTX_free(ctx);
        return NULL;
    }
    SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"rtmps", 5);
    SSL_CTX_set_session_cache_mode(ctx, conf->session_cache ? SSL_SESS_CACHE_SERVER : SSL_SESS_CACHE_OFF);
    return ctx;
}
