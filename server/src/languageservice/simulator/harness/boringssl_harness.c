/*
 * boringssl-harness: runs one scenario of the scenario contract (docs/spec/scenario-contract.md,
 * with its "library": "boringssl" procedure) against Debian's real BoringSSL (package
 * android-libboringssl-dev, the Android 13 snapshot) on a virtual clock, and prints the
 * contract's result object as JSON on stdout. The input format, the external cache and the
 * event loop are shared with the OpenSSL harness (harness_common.h, which documents the input).
 *
 * Built and driven by harness.ts:
 *   gcc -O2 -I/usr/include/android -o out/harness/boringssl-harness boringssl_harness.c
 *       -L/usr/lib/x86_64-linux-gnu/android -Wl,-rpath,/usr/lib/x86_64-linux-gnu/android -lssl -lcrypto
 *
 * The virtual clock is BoringSSL's own hook, SSL_CTX_set_current_time_cb, on the server's and
 * every client's context. At startup the harness checks that a handshake's session really takes
 * the virtual time and exits with status 4 if it does not.
 *
 * The contract's BoringSSL procedure: after a successful handshake the server writes zero bytes
 * (BoringSSL sends TLS 1.3 tickets with the first write); each client context has mode CLIENT and
 * a new-session callback, and the client stores the last session that callback delivered during
 * the connect, or else SSL_get1_session.
 */
#define _GNU_SOURCE
#define HARNESS_NAME "boringssl-harness"
#include <sys/time.h>

#include <openssl/base.h>

#ifndef OPENSSL_IS_BORINGSSL
#error "boringssl-harness needs the BoringSSL headers (Debian package android-libboringssl-dev, -I/usr/include/android)"
#endif

#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/ec_key.h>
#include <openssl/evp.h>
#include <openssl/nid.h>

#include "harness_common.h"

/* ------------------------------------------------------------------------------------------ */
/* The virtual clock                                                                          */

static void current_time(const SSL *ssl, struct timeval *out)
{
    (void)ssl;
    out->tv_sec = g_now;
    out->tv_usec = 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Certificates, made in memory (valid for every virtual time: nothing checks them anyway)    */

static void make_identity(const char *cn, long serial, EVP_PKEY **key_out, X509 **cert_out)
{
    EC_KEY *ec = EC_KEY_new_by_curve_name(NID_X9_62_prime256v1);
    EVP_PKEY *key = EVP_PKEY_new();
    X509 *x = X509_new();
    if (ec == NULL || key == NULL || x == NULL || !EC_KEY_generate_key(ec) || !EVP_PKEY_assign_EC_KEY(key, ec))
        die(3, "cannot make a key for %s", cn);
    X509_NAME *name = X509_get_subject_name(x);
    if (!X509_set_version(x, 2)
        || !ASN1_INTEGER_set(X509_get_serialNumber(x), serial)
        || !ASN1_TIME_set_string(X509_getm_notBefore(x), "20000101000000Z")
        || !ASN1_TIME_set_string(X509_getm_notAfter(x), "99991231235959Z")
        || !X509_set_pubkey(x, key)
        || !X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, (const unsigned char *)cn, -1, -1, 0)
        || !X509_set_issuer_name(x, name)
        || X509_sign(x, key, EVP_sha256()) <= 0)
        die(3, "cannot make a certificate for %s", cn);
    *key_out = key;
    *cert_out = x;
}

/* ------------------------------------------------------------------------------------------ */
/* The client's new-session callback                                                          */

/* The last session a client's callback delivered during the current connect (owned), or NULL. */
static SSL_SESSION *g_delivered;

static int client_new_cb(SSL *ssl, SSL_SESSION *sess)
{
    (void)ssl;
    SSL_SESSION_free(g_delivered);
    g_delivered = sess;
    return 1; /* the harness keeps the reference */
}

/* ------------------------------------------------------------------------------------------ */
/* Running                                                                                    */

static void set_timeout(SSL_CTX *server, unsigned long long timeout)
{
    if (timeout > UINT32_MAX)
        die(2, "timeout %llu: BoringSSL's SSL_CTX_set_timeout takes 32 bits (at most 4294967295)", timeout);
    SSL_CTX_set_timeout(server, (uint32_t)timeout);
}

static void prepare_ctx(SSL_CTX *ctx, int client)
{
    SSL_CTX_set_current_time_cb(ctx, current_time);
    if (client) {
        SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT);
        SSL_CTX_sess_set_new_cb(ctx, client_new_cb);
    }
}

static void after_handshake(SSL *srv, size_t index)
{
    ERR_clear_error();
    if (SSL_write(srv, "", 0) < 0) /* BoringSSL sends its TLS 1.3 tickets with the first write */
        fprintf(stderr, "event %zu: server SSL_write of 0 bytes failed: %s\n", index, ossl_error_text());
}

/* The last session the callback delivered, or else SSL_get1_session (not resumable after TLS 1.3). */
static SSL_SESSION *client_session(SSL *cli)
{
    SSL_SESSION *s = g_delivered != NULL ? g_delivered : SSL_get1_session(cli);
    g_delivered = NULL;
    return s;
}

/* A session delivered during a failed handshake is dropped: the client keeps its stored one. */
static void connect_done(void)
{
    SSL_SESSION_free(g_delivered);
    g_delivered = NULL;
}

static const harness_library BORINGSSL = {
    .make_identity = make_identity,
    .set_timeout = set_timeout,
    .prepare_ctx = prepare_ctx,
    .after_handshake = after_handshake,
    .client_session = client_session,
    .connect_done = connect_done,
};

/* The hook must reach the library: a handshake at EPOCH + 12345 makes a session of that time. */
static void check_clock(void)
{
    g_cfg.protocol = TLS1_2_VERSION;
    EVP_PKEY *key;
    X509 *cert;
    make_identity("sesscache-harness-clock", 3, &key, &cert);
    g_server = new_ctx(TLS_server_method(), key, cert, 0);
    SSL_CTX *cctx = new_ctx(TLS_client_method(), NULL, NULL, 0);
    g_now = EPOCH + 12345;
    SSL *srv, *cli;
    new_connection(0, cctx, &srv, &cli);
    if (drive_handshake(cli, srv, 0) < 0)
        die(3, "the clock check's handshake failed");
    SSL_SESSION *s = SSL_get_session(srv);
    if (s == NULL || SSL_SESSION_get_time(s) != (uint64_t)(EPOCH + 12345))
        die(4, "the virtual clock is not effective: SSL_CTX_set_current_time_cb does not reach the session's time");
    SSL_free(srv);
    SSL_free(cli);
    SSL_CTX_free(cctx);
    SSL_CTX_free(g_server);
    g_server = NULL;
    EVP_PKEY_free(key);
    X509_free(cert);
    memset(&g_cfg, 0, sizeof g_cfg);
    g_now = EPOCH;
}

int main(int argc, char **argv)
{
    char version[256];
    snprintf(version, sizeof version, "%s (built with %s)", OpenSSL_version(OPENSSL_VERSION), OPENSSL_VERSION_TEXT);
    return harness_main(argc, argv, &BORINGSSL, version, check_clock);
}
