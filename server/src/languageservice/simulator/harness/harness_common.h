/*
 * What the real-library harnesses share (openssl_harness.c, boringssl_harness.c): the input
 * line format and its parser, the application's external cache and its callbacks, the server's
 * setup, the contract's connect over a BIO pair, the event loop and the JSON result. Both
 * libraries keep the OpenSSL API for these, so one copy serves both. Each harness defines
 * HARNESS_NAME, hooks its clock into its library, and fills a harness_library with what its
 * library does its own way (certificates, the timeout setter, the client procedure).
 *
 * Input on stdin, one directive per line (harness.ts writes it; see formatHarnessInput there):
 *   sesscache-harness 1                     first line, the format version
 *   protocol TLSv1.2 | TLSv1.3
 *   mode N                                  optional: SSL_CTX_set_session_cache_mode(ctx, N)
 *   cacheSize N                             optional: SSL_CTX_sess_set_cache_size
 *   timeout N                               optional: SSL_CTX_set_timeout
 *   sessionIdContext HEX | -                optional: the context's bytes in hex; "-" = length 0
 *   verifyPeer 0|1                          default 0
 *   tickets 0|1                             default 1 (0 sets SSL_OP_NO_TICKET)
 *   numTickets N                            optional: SSL_CTX_set_num_tickets
 *   callbacks [new] [get] [remove]          optional: the registered external-cache callbacks
 *   client INDEX HEXNAME                    every client, indices 0, 1, 2, ... in order
 *   connect AT CLIENT RESUME(0|1) ABORT(0|1)
 *   flush AT expired|all
 *   end                                     last line
 * Numbers are unsigned decimal. Exit status: 0 ok, 2 bad input (or a value the library cannot
 * take), 3 library setup failure, 4 the clock hook is not effective.
 *
 * Diagnostics go to stderr: one line per failed handshake, and with SESSCACHE_HARNESS_VERBOSE=1
 * one line per event (what the client offered and got).
 */
#ifndef SESSCACHE_HARNESS_COMMON_H
#define SESSCACHE_HARNESS_COMMON_H

#ifndef HARNESS_NAME
#error "define HARNESS_NAME before including harness_common.h"
#endif

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

/* ------------------------------------------------------------------------------------------ */
/* The virtual clock's value (each harness hooks it into its library its own way)            */

/* 2023-11-14T22:13:20Z. Setup happens at the epoch; each event runs at EPOCH + at. */
#define EPOCH ((time_t)1700000000)
static time_t g_now = EPOCH;

/* ------------------------------------------------------------------------------------------ */
/* Small helpers                                                                              */

static int g_verbose = 0;

static void die(int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs(HARNESS_NAME ": ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    ERR_print_errors_fp(stderr);
    exit(status);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n == 0 ? 1 : n);
    if (p == NULL)
        die(3, "out of memory");
    return p;
}

/* The first queued library error as text, or "no error queued". */
static const char *ossl_error_text(void)
{
    static char buf[256];
    unsigned long e = ERR_peek_error();
    if (e == 0)
        return "no error queued";
    ERR_error_string_n(e, buf, sizeof buf);
    return buf;
}

static const char *ssl_error_name(int e)
{
    switch (e) {
    case SSL_ERROR_NONE: return "SSL_ERROR_NONE";
    case SSL_ERROR_SSL: return "SSL_ERROR_SSL";
    case SSL_ERROR_WANT_READ: return "SSL_ERROR_WANT_READ";
    case SSL_ERROR_WANT_WRITE: return "SSL_ERROR_WANT_WRITE";
    case SSL_ERROR_SYSCALL: return "SSL_ERROR_SYSCALL";
    case SSL_ERROR_ZERO_RETURN: return "SSL_ERROR_ZERO_RETURN";
    default: return "SSL_ERROR_other";
    }
}

/* ------------------------------------------------------------------------------------------ */
/* The application's external cache: session id -> i2d_SSL_SESSION bytes                     */

typedef struct ext_entry {
    struct ext_entry *next;
    unsigned int idlen;
    unsigned char id[SSL_MAX_SSL_SESSION_ID_LENGTH];
    unsigned char *der;
    long derlen;
} ext_entry;

#define EXT_BUCKETS 4096
static ext_entry *g_ext[EXT_BUCKETS];
static long g_ext_size = 0;
static long g_new_calls = 0, g_get_calls = 0, g_remove_calls = 0;

static unsigned int ext_hash(const unsigned char *id, unsigned int len)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (unsigned int i = 0; i < len; i++)
        h = (h ^ id[i]) * 16777619u;
    return h % EXT_BUCKETS;
}

static ext_entry **ext_find(const unsigned char *id, unsigned int len)
{
    ext_entry **pp = &g_ext[ext_hash(id, len)];
    for (; *pp != NULL; pp = &(*pp)->next)
        if ((*pp)->idlen == len && memcmp((*pp)->id, id, len) == 0)
            return pp;
    return pp; /* points at the terminating NULL of the bucket */
}

static void ext_put(const unsigned char *id, unsigned int len, unsigned char *der, long derlen)
{
    ext_entry **pp = ext_find(id, len);
    if (*pp != NULL) { /* replace */
        free((*pp)->der);
        (*pp)->der = der;
        (*pp)->derlen = derlen;
        return;
    }
    ext_entry *e = xmalloc(sizeof *e);
    e->next = NULL;
    e->idlen = len;
    memcpy(e->id, id, len);
    e->der = der;
    e->derlen = derlen;
    *pp = e;
    g_ext_size++;
}

static void ext_delete(const unsigned char *id, unsigned int len)
{
    ext_entry **pp = ext_find(id, len);
    if (*pp == NULL)
        return;
    ext_entry *e = *pp;
    *pp = e->next;
    free(e->der);
    free(e);
    g_ext_size--;
}

/* new: store a serialized copy under the session's id; return 0 (the library keeps no extra reference). */
static int new_cb(SSL *ssl, SSL_SESSION *sess)
{
    (void)ssl;
    g_new_calls++;
    unsigned int idlen = 0;
    const unsigned char *id = SSL_SESSION_get_id(sess, &idlen);
    int len = i2d_SSL_SESSION(sess, NULL);
    if (len <= 0)
        die(3, "i2d_SSL_SESSION failed in the new callback");
    unsigned char *der = xmalloc((size_t)len), *p = der;
    i2d_SSL_SESSION(sess, &p);
    if (idlen > SSL_MAX_SSL_SESSION_ID_LENGTH)
        die(3, "session id longer than %d bytes", SSL_MAX_SSL_SESSION_ID_LENGTH);
    ext_put(id, idlen, der, len);
    return 0;
}

/* get: a freshly deserialized copy with *copy = 0, or NULL. */
static SSL_SESSION *get_cb(SSL *ssl, const unsigned char *id, int len, int *copy)
{
    (void)ssl;
    g_get_calls++;
    *copy = 0;
    if (len < 0 || len > SSL_MAX_SSL_SESSION_ID_LENGTH)
        return NULL;
    ext_entry **pp = ext_find(id, (unsigned int)len);
    if (*pp == NULL)
        return NULL;
    const unsigned char *p = (*pp)->der;
    SSL_SESSION *s = d2i_SSL_SESSION(NULL, &p, (*pp)->derlen);
    if (s == NULL)
        die(3, "d2i_SSL_SESSION failed in the get callback");
    return s;
}

/* remove: delete the id from the map. */
static void remove_cb(SSL_CTX *ctx, SSL_SESSION *sess)
{
    (void)ctx;
    g_remove_calls++;
    unsigned int idlen = 0;
    const unsigned char *id = SSL_SESSION_get_id(sess, &idlen);
    if (idlen <= SSL_MAX_SSL_SESSION_ID_LENGTH)
        ext_delete(id, idlen);
}

static int accept_all(int preverify_ok, X509_STORE_CTX *store)
{
    (void)preverify_ok;
    (void)store;
    return 1;
}

/* ------------------------------------------------------------------------------------------ */
/* The scenario                                                                               */

typedef struct {
    int protocol; /* TLS1_2_VERSION or TLS1_3_VERSION */
    int has_mode, has_cache_size, has_timeout, has_sid_ctx, has_num_tickets;
    unsigned long long mode, cache_size, timeout, num_tickets;
    unsigned char sid_ctx[64];
    size_t sid_ctx_len;
    int verify_peer, tickets;
    int cb_new, cb_get, cb_remove;
} config;

typedef struct {
    unsigned char *name;
    size_t name_len;
    SSL_CTX *ctx;
    SSL_SESSION *session; /* the stored session, NULL until a successful connect */
} client;

enum { EV_CONNECT, EV_FLUSH_EXPIRED, EV_FLUSH_ALL };

typedef struct {
    int kind;
    unsigned long long at;
    size_t client;
    int resume, abort;
} event;

typedef struct {
    int offered, resumed, failed;
    long number;
} outcome;

static config g_cfg;
static client *g_clients;
static size_t g_nclients, g_cap_clients;
static event *g_events;
static size_t g_nevents, g_cap_events;

static unsigned long long parse_u64(const char *s, int line)
{
    if (s == NULL || *s < '0' || *s > '9')
        die(2, "line %d: expected an unsigned number", line);
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno != 0 || *end != '\0')
        die(2, "line %d: bad number \"%s\"", line, s);
    return v;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static size_t parse_hex(const char *s, unsigned char *out, size_t cap, int line)
{
    size_t n = strlen(s);
    if (n % 2 != 0 || n / 2 > cap)
        die(2, "line %d: bad hex string", line);
    for (size_t i = 0; i < n / 2; i++) {
        int hi = hexval(s[2 * i]), lo = hexval(s[2 * i + 1]);
        if (hi < 0 || lo < 0)
            die(2, "line %d: bad hex string", line);
        out[i] = (unsigned char)(hi * 16 + lo);
    }
    return n / 2;
}

static void read_input(FILE *in)
{
    char *buf = NULL;
    size_t cap = 0;
    ssize_t got;
    int line = 0, ended = 0;
    g_cfg.tickets = 1;
    while ((got = getline(&buf, &cap, in)) >= 0) {
        line++;
        while (got > 0 && (buf[got - 1] == '\n' || buf[got - 1] == '\r'))
            buf[--got] = '\0';
        if (ended)
            die(2, "line %d: text after \"end\"", line);
        char *save = NULL;
        char *word = strtok_r(buf, " ", &save);
        if (word == NULL)
            die(2, "line %d: empty line", line);
        char *a1 = strtok_r(NULL, " ", &save);
        if (line == 1) {
            if (strcmp(word, "sesscache-harness") != 0 || a1 == NULL || strcmp(a1, "1") != 0)
                die(2, "line 1: expected \"sesscache-harness 1\"");
            continue;
        }
        if (strcmp(word, "protocol") == 0) {
            if (a1 != NULL && strcmp(a1, "TLSv1.2") == 0)
                g_cfg.protocol = TLS1_2_VERSION;
            else if (a1 != NULL && strcmp(a1, "TLSv1.3") == 0)
                g_cfg.protocol = TLS1_3_VERSION;
            else
                die(2, "line %d: protocol must be TLSv1.2 or TLSv1.3", line);
        } else if (strcmp(word, "mode") == 0) {
            g_cfg.has_mode = 1;
            g_cfg.mode = parse_u64(a1, line);
            if (g_cfg.mode > 0xFFFFFFFFull)
                die(2, "line %d: mode out of range", line);
        } else if (strcmp(word, "cacheSize") == 0) {
            g_cfg.has_cache_size = 1;
            g_cfg.cache_size = parse_u64(a1, line);
        } else if (strcmp(word, "timeout") == 0) {
            g_cfg.has_timeout = 1;
            g_cfg.timeout = parse_u64(a1, line);
        } else if (strcmp(word, "sessionIdContext") == 0) {
            g_cfg.has_sid_ctx = 1;
            if (a1 == NULL)
                die(2, "line %d: sessionIdContext needs HEX or -", line);
            g_cfg.sid_ctx_len = strcmp(a1, "-") == 0 ? 0 : parse_hex(a1, g_cfg.sid_ctx, sizeof g_cfg.sid_ctx, line);
        } else if (strcmp(word, "verifyPeer") == 0) {
            g_cfg.verify_peer = (int)parse_u64(a1, line) != 0;
        } else if (strcmp(word, "tickets") == 0) {
            g_cfg.tickets = (int)parse_u64(a1, line) != 0;
        } else if (strcmp(word, "numTickets") == 0) {
            g_cfg.has_num_tickets = 1;
            g_cfg.num_tickets = parse_u64(a1, line);
        } else if (strcmp(word, "callbacks") == 0) {
            for (char *w = a1; w != NULL; w = strtok_r(NULL, " ", &save)) {
                if (strcmp(w, "new") == 0) g_cfg.cb_new = 1;
                else if (strcmp(w, "get") == 0) g_cfg.cb_get = 1;
                else if (strcmp(w, "remove") == 0) g_cfg.cb_remove = 1;
                else die(2, "line %d: unknown callback \"%s\"", line, w);
            }
        } else if (strcmp(word, "client") == 0) {
            unsigned long long idx = parse_u64(a1, line);
            char *hex = strtok_r(NULL, " ", &save);
            if (idx != g_nclients || hex == NULL || hex[0] == '\0')
                die(2, "line %d: expected \"client %zu HEXNAME\"", line, g_nclients);
            if (g_nclients == g_cap_clients) {
                g_cap_clients = g_cap_clients ? 2 * g_cap_clients : 16;
                g_clients = realloc(g_clients, g_cap_clients * sizeof *g_clients);
                if (g_clients == NULL)
                    die(3, "out of memory");
            }
            client *c = &g_clients[g_nclients++];
            memset(c, 0, sizeof *c);
            c->name = xmalloc(strlen(hex) / 2 + 1);
            c->name_len = parse_hex(hex, c->name, strlen(hex) / 2 + 1, line);
        } else if (strcmp(word, "connect") == 0 || strcmp(word, "flush") == 0) {
            if (g_nevents == g_cap_events) {
                g_cap_events = g_cap_events ? 2 * g_cap_events : 64;
                g_events = realloc(g_events, g_cap_events * sizeof *g_events);
                if (g_events == NULL)
                    die(3, "out of memory");
            }
            event *e = &g_events[g_nevents];
            memset(e, 0, sizeof *e);
            e->at = parse_u64(a1, line);
            if (g_nevents > 0 && e->at < g_events[g_nevents - 1].at)
                die(2, "line %d: at goes backwards", line);
            if (e->at > (1ull << 53))
                die(2, "line %d: at out of range", line);
            if (word[0] == 'c') {
                e->kind = EV_CONNECT;
                e->client = (size_t)parse_u64(strtok_r(NULL, " ", &save), line);
                e->resume = (int)parse_u64(strtok_r(NULL, " ", &save), line) != 0;
                e->abort = (int)parse_u64(strtok_r(NULL, " ", &save), line) != 0;
                if (e->client >= g_nclients)
                    die(2, "line %d: unknown client %zu", line, e->client);
            } else {
                char *what = strtok_r(NULL, " ", &save);
                if (what != NULL && strcmp(what, "expired") == 0)
                    e->kind = EV_FLUSH_EXPIRED;
                else if (what != NULL && strcmp(what, "all") == 0)
                    e->kind = EV_FLUSH_ALL;
                else
                    die(2, "line %d: flush must be expired or all", line);
            }
            g_nevents++;
        } else if (strcmp(word, "end") == 0) {
            ended = 1;
        } else {
            die(2, "line %d: unknown directive \"%s\"", line, word);
        }
    }
    free(buf);
    if (line == 0)
        die(2, "empty input");
    if (!ended)
        die(2, "input ends without \"end\"");
    if (g_cfg.protocol == 0)
        die(2, "no protocol line");
}

/* ------------------------------------------------------------------------------------------ */
/* What each library does its own way                                                         */

typedef struct {
    /* A P-256 key and a self-signed certificate for it, valid for every virtual time. */
    void (*make_identity)(const char *cn, long serial, EVP_PKEY **key_out, X509 **cert_out);
    /* SSL_CTX_set_timeout, after refusing (exit 2) a value the library cannot take. */
    void (*set_timeout)(SSL_CTX *server, unsigned long long timeout);
    /* Called on every new context (the clock hook; the client procedure when client is 1). */
    void (*prepare_ctx)(SSL_CTX *ctx, int client);
    /* After a successful handshake, before the client reads (NULL: nothing). */
    void (*after_handshake)(SSL *srv, size_t index);
    /* The session the client stores after reading (a reference it owns), or NULL. */
    SSL_SESSION *(*client_session)(SSL *cli);
    /* At the end of every connect, successful or not (NULL: nothing). */
    void (*connect_done)(void);
} harness_library;

static const harness_library *g_lib;

/* ------------------------------------------------------------------------------------------ */
/* Connections                                                                                */

static SSL_CTX *g_server;
/*
 * The server-to-client buffer of the BIO pair. The contract steps the server to the end of its
 * handshake (which in TLS 1.3 includes writing every NewSessionTicket) before the client reads,
 * so the buffer must hold all the tickets: about 250 bytes each; 1 KB each is reserved.
 */
#define MAX_NUM_TICKETS 100000ull
static size_t g_server_buffer = 64 * 1024;

/* The contract's pinned protocol on a new context, the in-memory identity when given, the library's preparation. */
static SSL_CTX *new_ctx(const SSL_METHOD *method, EVP_PKEY *key, X509 *cert, int client)
{
    SSL_CTX *ctx = SSL_CTX_new(method);
    if (ctx == NULL
        || !SSL_CTX_set_min_proto_version(ctx, (uint16_t)g_cfg.protocol)
        || !SSL_CTX_set_max_proto_version(ctx, (uint16_t)g_cfg.protocol))
        die(3, "cannot make an SSL_CTX");
    if (key != NULL
        && (!SSL_CTX_use_certificate(ctx, cert) || !SSL_CTX_use_PrivateKey(ctx, key)
            || !SSL_CTX_check_private_key(ctx)))
        die(3, "cannot load the in-memory certificate");
    g_lib->prepare_ctx(ctx, client);
    return ctx;
}

/* The server context with the scenario's settings (absent = the setter is not called), and the clients'. */
static void setup(void)
{
    EVP_PKEY *skey, *ckey = NULL;
    X509 *scert, *ccert = NULL;
    g_lib->make_identity("sesscache-harness-server", 1, &skey, &scert);
    if (g_cfg.verify_peer)
        g_lib->make_identity("sesscache-harness-client", 2, &ckey, &ccert);

    g_server = new_ctx(TLS_server_method(), skey, scert, 0);
    if (g_cfg.has_timeout)
        g_lib->set_timeout(g_server, g_cfg.timeout);
    if (g_cfg.has_mode)
        SSL_CTX_set_session_cache_mode(g_server, (int)g_cfg.mode);
    if (g_cfg.has_cache_size)
        SSL_CTX_sess_set_cache_size(g_server, (long)g_cfg.cache_size);
    if (g_cfg.has_sid_ctx
        && !SSL_CTX_set_session_id_context(g_server, g_cfg.sid_ctx, (unsigned int)g_cfg.sid_ctx_len))
        die(2, "SSL_CTX_set_session_id_context refused %zu bytes", g_cfg.sid_ctx_len);
    if (g_cfg.verify_peer)
        SSL_CTX_set_verify(g_server, SSL_VERIFY_PEER, accept_all);
    if (!g_cfg.tickets)
        SSL_CTX_set_options(g_server, SSL_OP_NO_TICKET);
    if (g_cfg.has_num_tickets) {
        if (g_cfg.num_tickets > MAX_NUM_TICKETS)
            die(2, "numTickets %llu is more than the harness runs (at most %llu)", g_cfg.num_tickets, MAX_NUM_TICKETS);
        if (!SSL_CTX_set_num_tickets(g_server, (size_t)g_cfg.num_tickets))
            die(3, "SSL_CTX_set_num_tickets failed");
        g_server_buffer += (size_t)g_cfg.num_tickets * 1024;
    }
    if (g_cfg.cb_new)
        SSL_CTX_sess_set_new_cb(g_server, new_cb);
    if (g_cfg.cb_get)
        SSL_CTX_sess_set_get_cb(g_server, get_cb);
    if (g_cfg.cb_remove)
        SSL_CTX_sess_set_remove_cb(g_server, remove_cb);

    for (size_t i = 0; i < g_nclients; i++)
        g_clients[i].ctx = new_ctx(TLS_client_method(), ckey, ccert, 1);

    EVP_PKEY_free(skey);
    X509_free(scert);
    EVP_PKEY_free(ckey);
    X509_free(ccert);
}

/* A client and a server SSL joined by a BIO pair. */
static void new_connection(size_t index, SSL_CTX *client_ctx, SSL **srv, SSL **cli)
{
    BIO *bio_c = NULL, *bio_s = NULL;
    *srv = SSL_new(g_server);
    *cli = SSL_new(client_ctx);
    if (*srv == NULL || *cli == NULL || !BIO_new_bio_pair(&bio_c, 0, &bio_s, g_server_buffer))
        die(3, "event %zu: cannot make the connection", index);
    SSL_set_bio(*cli, bio_c, bio_c);
    SSL_set_bio(*srv, bio_s, bio_s);
    SSL_set_connect_state(*cli);
    SSL_set_accept_state(*srv);
}

/* One SSL_do_handshake step. Returns 1 done, 0 wants more, -1 failed. */
static int step(SSL *ssl, const char *side, size_t ev)
{
    ERR_clear_error();
    int r = SSL_do_handshake(ssl);
    if (r == 1)
        return 1;
    int e = SSL_get_error(ssl, r);
    if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE)
        return 0;
    fprintf(stderr, "event %zu: %s handshake failed: %s: %s\n", ev, side, ssl_error_name(e), ossl_error_text());
    return -1;
}

/* The contract's rounds: client step, then server step, until both are done. Returns 0 or -1 (failed). */
static int drive_handshake(SSL *cli, SSL *srv, size_t index)
{
    int cdone = 0, sdone = 0;
    for (int round = 0; !(cdone && sdone); round++) {
        if (round == 100)
            die(3, "event %zu: the handshake does not progress", index);
        if (!cdone) {
            int r = step(cli, "client", index);
            if (r < 0) return -1;
            cdone = r;
        }
        if (!sdone) {
            int r = step(srv, "server", index);
            if (r < 0) return -1;
            sdone = r;
        }
    }
    return 0;
}

/* The client reads what the server sent after the handshake (TLS 1.3 tickets) until WANT_READ. */
static void read_after_handshake(SSL *cli, size_t index)
{
    unsigned char buf[512];
    for (;;) {
        ERR_clear_error();
        int r = SSL_read(cli, buf, sizeof buf);
        if (r > 0)
            continue;
        int e = SSL_get_error(cli, r);
        if (e != SSL_ERROR_WANT_READ)
            fprintf(stderr, "event %zu: client SSL_read ended with %s: %s\n", index, ssl_error_name(e), ossl_error_text());
        return;
    }
}

/* A session for the verbose log: id length, ticket, resumable, time (virtual) and timeout. */
static void describe_session(char *buf, size_t cap, SSL_SESSION *s)
{
    if (s == NULL) {
        snprintf(buf, cap, "none");
        return;
    }
    unsigned int idlen = 0;
    SSL_SESSION_get_id(s, &idlen);
    snprintf(buf, cap, "{id:%u ticket:%d resumable:%d time:%+lld timeout:%ld}", idlen,
             SSL_SESSION_has_ticket(s), SSL_SESSION_is_resumable(s),
             (long long)SSL_SESSION_get_time(s) - (long long)EPOCH, (long)SSL_SESSION_get_timeout(s));
}

/* One connect event of the contract. */
static outcome run_connect(size_t index, const event *ev)
{
    outcome o = {0, 0, 0, 0};
    client *c = &g_clients[ev->client];
    SSL *srv, *cli;
    new_connection(index, c->ctx, &srv, &cli);

    char stored[128] = "";
    if (g_verbose)
        describe_session(stored, sizeof stored, c->session);
    if (c->session != NULL && ev->resume) {
        o.offered = 1;
        if (!SSL_set_session(cli, c->session))
            die(3, "event %zu: SSL_set_session failed", index);
    }

    o.failed = drive_handshake(cli, srv, index) < 0;
    if (!o.failed) { /* a failed connect keeps the client's stored session */
        if (g_lib->after_handshake != NULL)
            g_lib->after_handshake(srv, index);
        read_after_handshake(cli, index);
        SSL_SESSION *s = g_lib->client_session(cli);
        if (s != NULL) {
            SSL_SESSION_free(c->session);
            c->session = s;
        } else {
            fprintf(stderr, "event %zu: the client got no session; the stored session is kept\n", index);
        }
        o.resumed = SSL_session_reused(srv) ? 1 : 0;
        if (!ev->abort) { /* close_notify from the server, then from the client (one call each) */
            ERR_clear_error();
            SSL_shutdown(srv);
            ERR_clear_error();
            SSL_shutdown(cli);
        }
    }
    if (g_lib->connect_done != NULL)
        g_lib->connect_done();
    SSL_free(srv);
    SSL_free(cli);
    ERR_clear_error();
    o.number = (long)SSL_CTX_sess_number(g_server);
    if (g_verbose) {
        char now[128];
        describe_session(now, sizeof now, c->session);
        fprintf(stderr, "event %zu: connect at %llu stored=%s -> offered:%d resumed:%d failed:%d number:%ld stored=%s\n",
                index, ev->at, stored, o.offered, o.resumed, o.failed, o.number, now);
    }
    return o;
}

/* ------------------------------------------------------------------------------------------ */
/* The run and its result                                                                     */

static void print_json_string(const unsigned char *s, size_t n)
{
    putchar('"');
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = s[i];
        if (ch == '"' || ch == '\\')
            printf("\\%c", ch);
        else if (ch < 0x20)
            printf("\\u%04x", ch);
        else
            putchar(ch);
    }
    putchar('"');
}

/* Runs every event (the clock at EPOCH + at), prints the result, then tears everything down. */
static void run_events(void)
{
    outcome *out = xmalloc(g_nevents * sizeof *out);
    for (size_t i = 0; i < g_nevents; i++) {
        const event *ev = &g_events[i];
        g_now = EPOCH + (time_t)ev->at;
        if (ev->kind == EV_CONNECT) {
            out[i] = run_connect(i, ev);
        } else {
            SSL_CTX_flush_sessions(g_server, ev->kind == EV_FLUSH_ALL ? 0 : g_now);
            out[i].number = (long)SSL_CTX_sess_number(g_server);
            if (g_verbose)
                fprintf(stderr, "event %zu: flush %s at %llu -> number:%ld\n", i,
                        ev->kind == EV_FLUSH_ALL ? "all" : "expired", ev->at, out[i].number);
        }
    }

    /* Counters after the last event, before any teardown. */
    printf("{\"trace\":[");
    for (size_t i = 0; i < g_nevents; i++) {
        const event *ev = &g_events[i];
        printf(i == 0 ? "\n" : ",\n");
        if (ev->kind == EV_CONNECT) {
            const client *c = &g_clients[ev->client];
            printf("{\"event\":%zu,\"kind\":\"connect\",\"client\":", i);
            print_json_string(c->name, c->name_len);
            printf(",\"offered\":%s,\"resumed\":%s,\"failed\":%s,\"number\":%ld}",
                   out[i].offered ? "true" : "false", out[i].resumed ? "true" : "false",
                   out[i].failed ? "true" : "false", out[i].number);
        } else {
            printf("{\"event\":%zu,\"kind\":\"flush\",\"number\":%ld}", i, out[i].number);
        }
    }
    printf("%s],\"counters\":{\"number\":%ld,\"accept\":%ld,\"acceptGood\":%ld,\"hits\":%ld,"
           "\"misses\":%ld,\"timeouts\":%ld,\"cbHits\":%ld,\"cacheFull\":%ld,\"newCalls\":%ld,"
           "\"getCalls\":%ld,\"removeCalls\":%ld,\"externalSize\":%ld}}\n",
           g_nevents > 0 ? "\n" : "",
           (long)SSL_CTX_sess_number(g_server), (long)SSL_CTX_sess_accept(g_server),
           (long)SSL_CTX_sess_accept_good(g_server), (long)SSL_CTX_sess_hits(g_server),
           (long)SSL_CTX_sess_misses(g_server), (long)SSL_CTX_sess_timeouts(g_server),
           (long)SSL_CTX_sess_cb_hits(g_server), (long)SSL_CTX_sess_cache_full(g_server),
           g_new_calls, g_get_calls, g_remove_calls, g_ext_size);
    if (fflush(stdout) != 0)
        die(3, "cannot write the result");

    /* Teardown (after the counters were printed: freeing the context flushes it). */
    for (size_t i = 0; i < g_nclients; i++) {
        SSL_SESSION_free(g_clients[i].session);
        SSL_CTX_free(g_clients[i].ctx);
        free(g_clients[i].name);
    }
    SSL_CTX_free(g_server);
    free(g_clients);
    free(g_events);
    free(out);
}

/*
 * The harness: `--version` prints version; otherwise reads the scenario from stdin, runs it with
 * the library's ways and prints the result. check_clock (may be NULL) runs before the input is read.
 */
static int harness_main(int argc, char **argv, const harness_library *lib, const char *version, void (*check_clock)(void))
{
    if (argc == 2 && strcmp(argv[1], "--version") == 0) {
        printf("%s\n", version);
        return 0;
    }
    if (argc != 1)
        die(2, "usage: " HARNESS_NAME " < scenario-lines  (or --version)");
    const char *verbose = getenv("SESSCACHE_HARNESS_VERBOSE");
    g_verbose = verbose != NULL && strcmp(verbose, "1") == 0;
    g_lib = lib;
    if (check_clock != NULL)
        check_clock();
    read_input(stdin);
    setup();
    run_events();
    return 0;
}

#endif
