/*
 * A legacy port that writes the mode as a number with a stray bit: 0x1002 is
 * SERVER plus the undefined bit 0x1000 (mode & ~0x0783 != 0).
 * Expected, both on the number: numeric-mode (hint) and not-a-cache-mode (error,
 * unknown bits; range = the mode argument, which is the number). The SERVER part
 * is otherwise a clean default cache (sid ctx set, no callbacks).
 */
#include <openssl/ssl.h>
#include "app.h"

static SSL_CTX *g_server_ctx;

int legacy_tls_init(const char *cert, const char *key)
{
    g_server_ctx = SSL_CTX_new(TLS_server_method());
    if (g_server_ctx == NULL) {
        app_log_ssl_errors("legacy_tls_init");
        return -1;
    }
    if (app_load_cert_chain(g_server_ctx, cert, key) != 0) {
        return -1;
    }
    SSL_CTX_set_session_id_context(g_server_ctx, (const unsigned char *)"legacy", 6);
    /* value copied from an old configuration file */
    SSL_CTX_set_session_cache_mode(g_server_ctx, 0x1002);
    SSL_CTX_set_timeout(g_server_ctx, 600);
    return 0;
}

void legacy_tls_shutdown(void)
{
    SSL_CTX_free(g_server_ctx);
    g_server_ctx = NULL;
}
