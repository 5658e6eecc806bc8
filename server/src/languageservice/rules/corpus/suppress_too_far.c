/*
 * Suppression only covers the finding's line and the line just above it.
 * The verify-peer-without-sid-ctx finding is suppressed correctly (comment on the
 * line above the SSL_CTX_set_verify call); the stored-never-looked-up finding is
 * not, because its ignore comment is two lines above the mode call.
 * Expected: stored-never-looked-up (warning) on the mode line, nothing else.
 */
#include <openssl/ssl.h>
#include "app.h"

struct telemetry_srv {
    SSL_CTX *ctx;
};

int telemetry_tls(struct telemetry_srv *ts, const char *ca)
{
    ts->ctx = SSL_CTX_new(TLS_server_method());
    if (ts->ctx == NULL) {
        return -1;
    }
    SSL_CTX_load_verify_locations(ts->ctx, ca, NULL);
    /* sesscache-ignore verify-peer-without-sid-ctx */
    SSL_CTX_set_verify(ts->ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, NULL);

    /* sesscache-ignore stored-never-looked-up */
    SSL_CTX_set_timeout(ts->ctx, 900);
    SSL_CTX_set_session_cache_mode(ts->ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL_LOOKUP);
    return 0;
}
