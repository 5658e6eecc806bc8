/*
 * Plain DTLS server (DTLS_server_method) with cookie exchange and no session cache
 * configuration, no client certificate verification.
 * Expected: nothing.
 */
#include <string.h>
#include <openssl/ssl.h>
#include <openssl/rand.h>
#include "app.h"

static unsigned char cookie_secret[16];

static int generate_cookie(SSL *ssl, unsigned char *cookie, unsigned int *cookie_len)
{
    (void)ssl;
    memcpy(cookie, cookie_secret, sizeof(cookie_secret));
    *cookie_len = sizeof(cookie_secret);
    return 1;
}

static int verify_cookie(SSL *ssl, const unsigned char *cookie, unsigned int cookie_len)
{
    (void)ssl;
    return cookie_len == sizeof(cookie_secret) && memcmp(cookie, cookie_secret, cookie_len) == 0;
}

SSL_CTX *coap_dtls_ctx(const char *cert, const char *key)
{
    SSL_CTX *ctx = SSL_CTX_new(DTLS_server_method());

    if (ctx == NULL) {
        return NULL;
    }
    if (RAND_bytes(cookie_secret, sizeof(cookie_secret)) != 1 || app_load_cert_chain(ctx, cert, key) != 0) {
        SSL_CTX_free(ctx);
        return NULL;
    }
    SSL_CTX_set_cookie_generate_cb(ctx, generate_cookie);
    SSL_CTX_set_cookie_verify_cb(ctx, verify_cookie);
    SSL_CTX_set_options(ctx, SSL_OP_COOKIE_EXCHANGE);
    SSL_CTX_set_read_ahead(ctx, 1);
    return ctx;
}
