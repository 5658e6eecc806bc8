/*
 * lighttpd-style default (ssl.session-cache disabled, "session tickets are
 * preferred"): SSL_SESS_CACHE_OFF | SSL_SESS_CACHE_NO_AUTO_CLEAR |
 * SSL_SESS_CACHE_NO_INTERNAL, the catalog's own example for modifier-without-role.
 * Tickets stay on, so off-still-resumes fires too.
 * Catalog ambiguity: whether no-auto-clear-nothing-stored also fires when there is
 * no role bit AND NO_INTERNAL_STORE is set ("or no role bit handled by
 * modifier-without-role instead"). To keep this file deterministic the hint is
 * suppressed by the ignore comment on the line above the call.
 * Expected: modifier-without-role (information) and off-still-resumes
 * (information), both on the mode line.
 */
#include <openssl/ssl.h>
#include "app.h"

typedef struct {
    SSL_CTX *ssl_ctx;
    int ssl_session_cache;
    const char *pemfile;
    const char *privkey;
} plugin_ssl_ctx;

static int mod_openssl_ssl_conf_session_cache(plugin_ssl_ctx *s)
{
    /* completely useless identifier; required for client cert verification to
     * work with sessions */
    if (1 != SSL_CTX_set_session_id_context(s->ssl_ctx, (const unsigned char *)"lighttpd", 8)) {
        app_log_ssl_errors("SSL_CTX_set_session_id_context");
        return -1;
    }
    if (!s->ssl_session_cache) {
        /* sesscache-ignore no-auto-clear-nothing-stored */
        SSL_CTX_set_session_cache_mode(s->ssl_ctx, SSL_SESS_CACHE_OFF | SSL_SESS_CACHE_NO_AUTO_CLEAR | SSL_SESS_CACHE_NO_INTERNAL);
    }
    return 0;
}

int network_init_ssl(plugin_ssl_ctx *s)
{
    s->ssl_ctx = SSL_CTX_new(TLS_server_method());
    if (s->ssl_ctx == NULL) {
        app_log_ssl_errors("SSL_CTX_new");
        return -1;
    }
    if (app_load_cert_chain(s->ssl_ctx, s->pemfile, s->privkey) != 0) {
        return -1;
    }
    SSL_CTX_set_options(s->ssl_ctx, SSL_OP_NO_COMPRESSION | SSL_OP_CIPHER_SERVER_PREFERENCE);
    return mod_openssl_ssl_conf_session_cache(s);
}
