/**
 * Two files of one program configuring the same global SSL_CTX: the mode is set in TLS_C, the
 * (client) new-session callback is registered in CACHE_C. Only together do they give the finding
 * `client-new-cb-without-client-bit` (a SERVER mode with a client callback); TLS_C alone gives
 * `role-mismatch` only.
 */
export const TLS_C = `#include <openssl/ssl.h>
SSL_CTX *g_client_ctx;
void tls_init(void)
{
    g_client_ctx = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_session_cache_mode(g_client_ctx, SSL_SESS_CACHE_SERVER);
}
`;

export const CACHE_C = `#include <openssl/ssl.h>
extern SSL_CTX *g_client_ctx;
static int save(SSL *s, SSL_SESSION *sess) { (void)s; (void)sess; return 0; }
void cache_init(void)
{
    SSL_CTX_sess_set_new_cb(g_client_ctx, save);
}
`;
