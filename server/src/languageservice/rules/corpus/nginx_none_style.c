/*
 * nginx-style "ssl_session_cache none" (the nginx default): the server announces
 * session IDs but never stores a session (SERVER | NO_AUTO_CLEAR | NO_INTERNAL_STORE,
 * cache size 1, no callbacks). Deliberate recipe: no warning or error.
 * Expected: announced-never-stored (information) and no-auto-clear-nothing-stored
 * (hint), both on the mode line (mode and flags are on one line on purpose).
 */
#include <string.h>
#include <openssl/ssl.h>
#include <openssl/evp.h>
#include "app.h"

#define SRV_SESSION_TIMEOUT 300

typedef struct srv_ssl {
    SSL_CTX *ctx;
    const char *certificate;
    const char *certificate_key;
} srv_ssl_t;

static int srv_ssl_session_id_context(SSL_CTX *ctx, const char *cert_file)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;

    /* a digest over the certificate name stands in for nginx's digest over the certs */
    if (!EVP_Digest(cert_file, strlen(cert_file), md, &len, EVP_sha1(), NULL)) {
        return -1;
    }
    if (len > SSL_MAX_SID_CTX_LENGTH) {
        len = SSL_MAX_SID_CTX_LENGTH;
    }
    return SSL_CTX_set_session_id_context(ctx, md, len) == 1 ? 0 : -1;
}

static int srv_ssl_session_cache_none(srv_ssl_t *ssl)
{
    SSL_CTX_set_timeout(ssl->ctx, SRV_SESSION_TIMEOUT);

    if (srv_ssl_session_id_context(ssl->ctx, ssl->certificate) != 0) {
        app_log(APP_LOG_ERR, "SSL_CTX_set_session_id_context() failed");
        return -1;
    }

    /*
     * Some clients fail if the server says it does not support session reuse,
     * so pretend to support it, but do not store anything.
     */
    SSL_CTX_set_session_cache_mode(ssl->ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_AUTO_CLEAR | SSL_SESS_CACHE_NO_INTERNAL_STORE);
    SSL_CTX_sess_set_cache_size(ssl->ctx, 1);
    return 0;
}

int srv_ssl_create(srv_ssl_t *ssl)
{
    ssl->ctx = SSL_CTX_new(TLS_server_method());
    if (ssl->ctx == NULL) {
        app_log_ssl_errors("SSL_CTX_new");
        return -1;
    }
    SSL_CTX_set_min_proto_version(ssl->ctx, TLS1_2_VERSION);
    if (app_load_cert_chain(ssl->ctx, ssl->certificate, ssl->certificate_key) != 0) {
        SSL_CTX_free(ssl->ctx);
        ssl->ctx = NULL;
        return -1;
    }
    return srv_ssl_session_cache_none(ssl);
}
