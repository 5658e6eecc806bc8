/*
 * "-1 means unlimited": SSL_CTX_sess_set_cache_size(ctx, -1) on the default
 * builtin cache (no mode call). OpenSSL >= 1.1.0 rejects it (returns 0, size
 * unchanged); 1.0.2 stored it and treated it as unlimited.
 * Expected on openssl-3.0: cache-size-invalid (error) on the size call.
 * On openssl-1.0.2: cache-size-invalid (information) instead.
 */
#include <openssl/ssl.h>
#include "app.h"

struct ntp_ke {
    SSL_CTX *ctx;
    int port;
};

int ntp_ke_tls_init(struct ntp_ke *ke, const char *cert, const char *key)
{
    ke->ctx = SSL_CTX_new(TLS_server_method());
    if (ke->ctx == NULL) {
        app_log_ssl_errors("ntp_ke_tls_init");
        return -1;
    }
    if (app_load_cert_chain(ke->ctx, cert, key) != 0) {
        return -1;
    }
    SSL_CTX_set_session_id_context(ke->ctx, (const unsigned char *)"nts-ke", 6);
    SSL_CTX_sess_set_cache_size(ke->ctx, -1);
    SSL_CTX_set_timeout(ke->ctx, 86400);
    return 0;
}
