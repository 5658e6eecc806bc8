/*
 * openssl-harness: runs one scenario of the scenario contract (docs/spec/scenario-contract.md)
 * against the real system OpenSSL 3.0 (Debian libssl-dev) on a virtual clock, and prints the
 * contract's result object as JSON on stdout. The input format, the external cache and the event
 * loop are shared with the BoringSSL harness (harness_common.h, which documents the input).
 *
 * Built and driven by harness.ts:
 *   gcc -O2 -rdynamic -o out/harness/openssl-harness openssl_harness.c -lssl -lcrypto
 *
 * The virtual clock: this executable defines time() and gettimeofday() and exports them
 * (-rdynamic), so libssl's and libcrypto's calls bind to them instead of glibc's (the executable
 * comes first in the global symbol lookup scope). They return epoch + at of the current event.
 * At startup the harness checks that libssl really sees the virtual time (a fresh SSL_SESSION's
 * time) and exits with status 4 if it does not.
 */
#define _GNU_SOURCE
#define HARNESS_NAME "openssl-harness"
#include <sys/time.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#if OPENSSL_VERSION_NUMBER < 0x30000000L || defined(OPENSSL_IS_BORINGSSL)
#error "openssl-harness needs the OpenSSL 3.0 headers (Debian package libssl-dev)"
#endif

#include "harness_common.h"

/* ------------------------------------------------------------------------------------------ */
/* The virtual clock                                                                          */

time_t time(time_t *t)
{
    if (t != NULL)
        *t = g_now;
    return g_now;
}

int gettimeofday(struct timeval *restrict tv, void *restrict tz)
{
    (void)tz;
    tv->tv_sec = g_now;
    tv->tv_usec = 0;
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Certificates, made in memory                                                               */

static void make_identity(const char *cn, long serial, EVP_PKEY **key_out, X509 **cert_out)
{
    EVP_PKEY *key = EVP_EC_gen("P-256");
    X509 *x = X509_new();
    if (key == NULL || x == NULL)
        die(3, "cannot make a key for %s", cn);
    X509_NAME *name = X509_get_subject_name(x);
    if (!X509_set_version(x, 2)
        || !ASN1_INTEGER_set(X509_get_serialNumber(x), serial)
        || X509_gmtime_adj(X509_getm_notBefore(x), -86400L) == NULL
        || !ASN1_TIME_set_string_X509(X509_getm_notAfter(x), "99991231235959Z")
        || !X509_set_pubkey(x, key)
        || !X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, (const unsigned char *)cn, -1, -1, 0)
        || !X509_set_issuer_name(x, name)
        || X509_sign(x, key, EVP_sha256()) <= 0)
        die(3, "cannot make a certificate for %s", cn);
    *key_out = key;
    *cert_out = x;
}

/* ------------------------------------------------------------------------------------------ */
/* Running                                                                                    */

static void set_timeout(SSL_CTX *server, unsigned long long timeout)
{
    SSL_CTX_set_timeout(server, (long)timeout);
}

static void prepare_ctx(SSL_CTX *ctx, int client)
{
    (void)ctx; /* library defaults otherwise */
    (void)client;
}

static const harness_library OPENSSL = {
    .make_identity = make_identity,
    .set_timeout = set_timeout,
    .prepare_ctx = prepare_ctx,
    .after_handshake = NULL,
    .client_session = SSL_get1_session,
    .connect_done = NULL,
};

/* The clock hook must reach libssl: a new session takes its time from time(). */
static void check_clock(void)
{
    g_now = EPOCH + 12345;
    SSL_SESSION *probe = SSL_SESSION_new();
    if (probe == NULL || SSL_SESSION_get_time(probe) != (long)(EPOCH + 12345))
        die(4, "the virtual clock is not effective: libssl does not call this program's time()");
    SSL_SESSION_free(probe);
    g_now = EPOCH;
}

int main(int argc, char **argv)
{
    if (!OPENSSL_init_ssl(OPENSSL_INIT_NO_LOAD_CONFIG, NULL)) /* library defaults: no openssl.cnf */
        die(3, "OPENSSL_init_ssl failed");
    char version[256];
    snprintf(version, sizeof version, "%s (built with %s)", OpenSSL_version(OPENSSL_VERSION), OPENSSL_VERSION_TEXT);
    return harness_main(argc, argv, &OPENSSL, version, check_clock);
}
