/*
 * s_server-style "-ext_cache": an in-process list standing in for an external
 * cache, SSL_SESS_CACHE_NO_INTERNAL | SSL_SESS_CACHE_SERVER (modifier written
 * first) with add/get/del callbacks storing DER. The sid ctx is always set.
 * Deliberate recipe ("external cache only").
 * Expected: nothing (clean).
 */
#include <stdlib.h>
#include <string.h>
#include <openssl/ssl.h>
#include "app.h"

typedef struct simple_ssl_session_st {
    unsigned char *id;
    unsigned int idlen;
    unsigned char *der;
    int derlen;
    struct simple_ssl_session_st *next;
} simple_ssl_session;

static simple_ssl_session *first = NULL;

static int add_session(SSL *ssl, SSL_SESSION *session)
{
    simple_ssl_session *sess = calloc(1, sizeof(*sess));
    const unsigned char *id = SSL_SESSION_get_id(session, &sess->idlen);
    unsigned char *p;

    (void)ssl;
    sess->derlen = i2d_SSL_SESSION(session, NULL);
    sess->id = malloc(sess->idlen);
    sess->der = malloc(sess->derlen);
    if (sess->id == NULL || sess->der == NULL) {
        free(sess->id);
        free(sess->der);
        free(sess);
        return 0;
    }
    memcpy(sess->id, id, sess->idlen);
    p = sess->der;
    i2d_SSL_SESSION(session, &p);
    sess->next = first;
    first = sess;
    return 0;
}

static SSL_SESSION *get_session(SSL *ssl, const unsigned char *id, int idlen, int *do_copy)
{
    simple_ssl_session *sess;

    (void)ssl;
    *do_copy = 0;
    for (sess = first; sess != NULL; sess = sess->next) {
        if (idlen == (int)sess->idlen && memcmp(sess->id, id, idlen) == 0) {
            const unsigned char *p = sess->der;
            return d2i_SSL_SESSION(NULL, &p, sess->derlen);
        }
    }
    return NULL;
}

static void del_session(SSL_CTX *sctx, SSL_SESSION *session)
{
    simple_ssl_session **pp = &first;
    unsigned int idlen;
    const unsigned char *id = SSL_SESSION_get_id(session, &idlen);

    (void)sctx;
    for (; *pp != NULL; pp = &(*pp)->next) {
        simple_ssl_session *sess = *pp;
        if (idlen == sess->idlen && memcmp(sess->id, id, idlen) == 0) {
            *pp = sess->next;
            free(sess->id);
            free(sess->der);
            free(sess);
            return;
        }
    }
}

void init_session_cache_ctx(SSL_CTX *sctx)
{
    SSL_CTX_set_session_cache_mode(sctx, SSL_SESS_CACHE_NO_INTERNAL | SSL_SESS_CACHE_SERVER);
    SSL_CTX_sess_set_new_cb(sctx, add_session);
    SSL_CTX_sess_set_get_cb(sctx, get_session);
    SSL_CTX_sess_set_remove_cb(sctx, del_session);
    SSL_CTX_set_session_id_context(sctx, (const unsigned char *)"s_server", 8);
}
