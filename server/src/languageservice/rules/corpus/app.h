/*
 * app.h: declarations of the application helpers the corpus files call
 * (logging, configuration, an external session store, sockets). No session
 * cache configuration here: the linter must report nothing for this header.
 */
#ifndef SESSCACHE_CORPUS_APP_H
#define SESSCACHE_CORPUS_APP_H

#include <stddef.h>
#include <time.h>
#include <openssl/ssl.h>

#ifdef __cplusplus
extern "C" {
#endif

enum { APP_LOG_DEBUG = 0, APP_LOG_INFO = 1, APP_LOG_WARN = 2, APP_LOG_ERR = 3 };

void app_log(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void app_log_ssl_errors(const char *where);

/* Configuration lookups (key = "section.name"). */
const char *app_conf_str(const char *key, const char *dflt);
long app_conf_long(const char *key, long dflt);
int app_conf_bool(const char *key, int dflt);

/* External server-side session store, keyed by session ID, values are DER. */
int app_scache_store(const unsigned char *id, unsigned int id_len,
                     const unsigned char *der, int der_len, time_t expires);
int app_scache_fetch(const unsigned char *id, int id_len, unsigned char *buf, int buf_len);
void app_scache_delete(const unsigned char *id, unsigned int id_len);

/* Client-side per-host session store, values are DER. */
int app_host_session_put(const char *host, const unsigned char *der, int der_len);
int app_host_session_get(const char *host, unsigned char *buf, int buf_len);

/* Sockets and timers. */
int app_tcp_connect(const char *host, int port);
int app_tcp_listen(int port);
int app_tcp_accept(int listen_fd);
void app_timer_every(int seconds, void (*fn)(void *), void *arg);

int app_load_cert_chain(SSL_CTX *ctx, const char *cert_file, const char *key_file);

#ifdef __cplusplus
}
#endif

#endif /* SESSCACHE_CORPUS_APP_H */
