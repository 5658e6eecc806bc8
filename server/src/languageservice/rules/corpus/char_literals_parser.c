/*
 * Character literals that look like syntax: a mode-spec parser using '|', '(', ')',
 * '\'', '"' and ';' as char literals right before a real mode call. The extractor
 * must not lose its place. The real call is SERVER | NO_INTERNAL_STORE with no
 * new_session_cb and no SSL_CTX_add_session in the file.
 * Expected: announced-never-stored (information) on the mode line, nothing else.
 */
#include <string.h>
#include <openssl/ssl.h>
#include "app.h"

static long parse_mode_spec(const char *spec)
{
    long mode = 0;
    const char *p = spec;

    while (*p != '\0') {
        if (*p == '|' || *p == ' ' || *p == '(' || *p == ')') {
            p++;
            continue;
        }
        if (*p == '\'' || *p == '"' || *p == ';') {
            break; /* quoted or terminated: stop */
        }
        if (strncmp(p, "server", 6) == 0) {
            mode |= 2;
            p += 6;
        } else if (strncmp(p, "nostore", 7) == 0) {
            mode |= 0x200;
            p += 7;
        } else {
            p++;
        }
    }
    return mode;
}

int tls_cache_from_spec(SSL_CTX *ctx, const char *spec)
{
    char open = '(', close = ')', bar = '|';
    long parsed = parse_mode_spec(spec);

    app_log(APP_LOG_DEBUG, "spec %c%s%c parsed%c %#lx", open, spec, close, bar, parsed);
    SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"spec", 4);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL_STORE);
    return 0;
}
