/*
 * Near miss for verify-peer-without-sid-ctx: a server with client-certificate
 * verification and no SSL_CTX_set_session_id_context, but every connection gets
 * a per-virtual-host context with SSL_set_session_id_context ("anywhere in the
 * file counts"). Default cache mode.
 * Expected: nothing (clean).
 */
#include <string.h>
#include <openssl/ssl.h>
#include <openssl/evp.h>
#include "app.h"

static SSL_CTX *vhost_ctx;

int vhost_tls_init(const char *ca)
{
    vhost_ctx = SSL_CTX_new(TLS_server_method());
    if (vhost_ctx == NULL) {
        return -1;
    }
    SSL_CTX_load_verify_locations(vhost_ctx, ca, NULL);
    SSL_CTX_set_verify(vhost_ctx, SSL_VERIFY_PEER, NULL);
    return 0;
}

SSL *vhost_tls_accept(int fd, const char *vhost_name)
{
    unsigned char sid_ctx[EVP_MAX_MD_SIZE];
    unsigned int sid_len = 0;
    SSL *ssl = SSL_new(vhost_ctx);

    if (ssl == NULL) {
        return NULL;
    }
    EVP_Digest(vhost_name, strlen(vhost_name), sid_ctx, &sid_len, EVP_md5(), NULL);
    if (!SSL_set_session_id_context(ssl, sid_ctx, sid_len)) {
        SSL_free(ssl);
        return NULL;
    }
    SSL_set_fd(ssl, fd);
    if (SSL_accept(ssl) != 1) {
        SSL_free(ssl);
        return NULL;
    }
    return ssl;
}
