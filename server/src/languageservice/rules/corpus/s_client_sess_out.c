/*
 * s_client-style "-sess_out": a client ctx (TLS_client_method) with
 * CLIENT | NO_INTERNAL_STORE and a new_session_cb that writes the session out as
 * PEM, because TLS 1.3 tickets arrive after the handshake. "-sess_in" reads it back
 * and calls SSL_set_session. Deliberate recipe ("client via callback").
 * Expected: nothing (clean).
 */
#include <stdio.h>
#include <openssl/ssl.h>
#include <openssl/pem.h>
#include "app.h"

static const char *sess_out = NULL;

static int new_session_cb(SSL *s, SSL_SESSION *sess)
{
    BIO *stmp;

    (void)s;
    if (sess_out == NULL) {
        return 0;
    }
    stmp = BIO_new_file(sess_out, "w");
    if (stmp == NULL) {
        fprintf(stderr, "Error writing session file %s\n", sess_out);
        return 0;
    }
    PEM_write_bio_SSL_SESSION(stmp, sess);
    BIO_free(stmp);
    return 0;
}

SSL *s_client_setup(const char *sess_in, const char *out_file)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    SSL *con;

    if (ctx == NULL) {
        return NULL;
    }
    sess_out = out_file;
    if (sess_out != NULL) {
        /* TLSv1.3 NewSessionTicket messages can arrive at any time: use a callback */
        SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);
        SSL_CTX_sess_set_new_cb(ctx, new_session_cb);
    }
    con = SSL_new(ctx);
    SSL_CTX_free(ctx); /* con keeps its own reference */
    if (con != NULL && sess_in != NULL) {
        BIO *stmp = BIO_new_file(sess_in, "r");
        SSL_SESSION *sess = stmp ? PEM_read_bio_SSL_SESSION(stmp, NULL, 0, NULL) : NULL;

        BIO_free(stmp);
        if (sess == NULL || !SSL_set_session(con, sess)) {
            fprintf(stderr, "Can't set session\n");
        }
        SSL_SESSION_free(sess);
    }
    return con;
}
