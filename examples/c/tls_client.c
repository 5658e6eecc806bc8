/*
 * A TLS client that reuses sessions across connections: the "client via callback"
 * recipe of curl, Postfix and s_client. Without SSL_SESS_CACHE_CLIENT the
 * new-session callback would never fire.
 */
#include <openssl/ssl.h>

static SSL_SESSION *last_session;

static int remember_session(SSL *ssl, SSL_SESSION *session)
{
    (void)ssl;
    if (last_session != NULL)
        SSL_SESSION_free(last_session);
    last_session = session;
    return 1; /* we keep the reference */
}

SSL_CTX *make_client_ctx(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());

    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);
    SSL_CTX_sess_set_new_cb(ctx, remember_session);
    return ctx;
}

SSL *connect_with_resumption(SSL_CTX *ctx)
{
    SSL *ssl = SSL_new(ctx);

    if (last_session != NULL)
        SSL_set_session(ssl, last_session);
    return ssl;
}
