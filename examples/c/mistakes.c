/*
 * Common session cache mistakes, one per function. Open the Problems panel:
 * each one is reported, explained, and most have a quick fix.
 */
#include <stdio.h>
#include <openssl/ssl.h>

/* A typo in a flag name. */
void typo(SSL_CTX *ctx)
{
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVR);
}

/* Client certificates are required, but there is no session id context:
 * sessions are never cached and every ticket resumption fails the handshake. */
SSL_CTX *mutual_tls_server(void)
{
    SSL_CTX *server = SSL_CTX_new(TLS_server_method());

    SSL_CTX_set_verify(server, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, NULL);
    return server;
}

/* The setter returns the previous mode, never an error. */
int checked(SSL_CTX *ctx)
{
    if (!SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_BOTH | SSL_SESS_CACHE_CLIENT)) {
        fprintf(stderr, "cannot enable the session cache\n");
        return -1;
    }
    return 0;
}

static int save_session(SSL *ssl, SSL_SESSION *session)
{
    (void)ssl;
    (void)session;
    return 0;
}

/* A client callback that never fires: the default mode is SERVER. */
SSL_CTX *client(void)
{
    SSL_CTX *client_ctx = SSL_CTX_new(TLS_client_method());

    SSL_CTX_sess_set_new_cb(client_ctx, save_session);
    return client_ctx;
}
