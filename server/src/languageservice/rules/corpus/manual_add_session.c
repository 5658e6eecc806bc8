/*
 * Near miss for announced-never-stored: SERVER | NO_INTERNAL_STORE with no
 * new_session_cb, but the application adds sessions itself with
 * SSL_CTX_add_session after checking the client certificate (stunnel-like
 * tagging), so IDs that are announced do get stored.
 * Expected: nothing (clean).
 */
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include "app.h"

static SSL_CTX *srv_ctx;

int portal_tls_init(const char *cert, const char *key, const char *ca)
{
    srv_ctx = SSL_CTX_new(TLS_server_method());
    if (srv_ctx == NULL) {
        return -1;
    }
    if (app_load_cert_chain(srv_ctx, cert, key) != 0 || SSL_CTX_load_verify_locations(srv_ctx, ca, NULL) != 1) {
        return -1;
    }
    SSL_CTX_set_session_id_context(srv_ctx, (const unsigned char *)"portal", 6);
    SSL_CTX_set_verify(srv_ctx, SSL_VERIFY_PEER, NULL);
    /* only sessions of authenticated clients are worth keeping: add them by hand */
    SSL_CTX_set_session_cache_mode(srv_ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL_STORE);
    return 0;
}

void portal_after_handshake(SSL *ssl)
{
    X509 *peer = SSL_get1_peer_certificate(ssl);
    SSL_SESSION *sess;

    if (peer == NULL || SSL_get_verify_result(ssl) != X509_V_OK) {
        X509_free(peer);
        return;
    }
    X509_free(peer);
    sess = SSL_get1_session(ssl);
    if (sess != NULL) {
        if (!SSL_CTX_add_session(srv_ctx, sess)) {
            app_log(APP_LOG_DEBUG, "session already cached");
        }
        SSL_SESSION_free(sess);
    }
}
