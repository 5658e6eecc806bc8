/*
 * CPython-style SSLContext: no session cache mode call at all (the default SERVER
 * internal cache applies), sid ctx "Python" set with sizeof (7 bytes), and
 * CERT_REQUIRED servers use SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT.
 * Deliberate recipe ("default internal cache with sid ctx"): the sid ctx makes
 * verify-peer-without-sid-ctx silent.
 * Expected: nothing (clean).
 */
#include <openssl/ssl.h>
#include "app.h"

enum py_ssl_cert_requirements { PY_SSL_CERT_NONE, PY_SSL_CERT_OPTIONAL, PY_SSL_CERT_REQUIRED };

typedef struct {
    SSL_CTX *ctx;
    int check_hostname;
    int post_handshake_auth;
} PySSLContext;

static int set_verify_mode(PySSLContext *self, int n)
{
    int mode;

    switch (n) {
    case PY_SSL_CERT_NONE:
        mode = SSL_VERIFY_NONE;
        break;
    case PY_SSL_CERT_OPTIONAL:
        mode = SSL_VERIFY_PEER;
        break;
    case PY_SSL_CERT_REQUIRED:
        mode = SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT;
        break;
    default:
        return -1;
    }
    SSL_CTX_set_verify(self->ctx, mode, NULL);
    return 0;
}

int py_ssl_context_init(PySSLContext *self)
{
    static const char sid_ctx[] = "Python";

    self->ctx = SSL_CTX_new(TLS_method());
    if (self->ctx == NULL) {
        app_log_ssl_errors("_ssl._SSLContext");
        return -1;
    }
    SSL_CTX_set_options(self->ctx, SSL_OP_ALL | SSL_OP_NO_COMPRESSION | SSL_OP_CIPHER_SERVER_PREFERENCE);
    SSL_CTX_set_mode(self->ctx, SSL_MODE_RELEASE_BUFFERS | SSL_MODE_AUTO_RETRY);
    /* A bare minimum cipher list without completely broken cipher suites. */
    if (!SSL_CTX_set_cipher_list(self->ctx, "HIGH:!aNULL:!eNULL")) {
        return -1;
    }
    SSL_CTX_set_session_id_context(self->ctx, (const unsigned char *)sid_ctx, sizeof(sid_ctx));
    return set_verify_mode(self, PY_SSL_CERT_REQUIRED);
}
