// Squid-style shared session cache for an https_port (C++): the server context is
// owned by a unique_ptr initialised in the member init list with
// TLS_server_method(); mode SERVER | NO_INTERNAL through
// ::SSL_CTX_set_session_cache_mode(ctx_.get(), ...), with new/remove/get callbacks;
// the get callback sets *copy = 0. Static sid ctx.
// Deliberate recipe ("external cache only").
// Expected: nothing (clean).
#include <cstring>
#include <memory>
#include <vector>
#include <openssl/ssl.h>
#include "app.h"

namespace Security {

struct CtxFree {
  void operator()(SSL_CTX* c) const { SSL_CTX_free(c); }
};

class ServerOptions {
 public:
  ServerOptions() : ctx_(SSL_CTX_new(TLS_server_method())) {}

  void SetSessionCacheCallbacks() {
    static const char kSidCtx[] = "squid-https-port";
    ::SSL_CTX_set_session_id_context(ctx_.get(), reinterpret_cast<const unsigned char*>(kSidCtx),
                                     sizeof(kSidCtx) - 1);
    ::SSL_CTX_set_session_cache_mode(ctx_.get(), SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL);
    SSL_CTX_sess_set_new_cb(ctx_.get(), &ServerOptions::store_session_cb);
    SSL_CTX_sess_set_remove_cb(ctx_.get(), &ServerOptions::remove_session_cb);
    SSL_CTX_sess_set_get_cb(ctx_.get(), &ServerOptions::get_session_cb);
  }

 private:
  static int store_session_cb(SSL*, SSL_SESSION* session) {
    unsigned int idLen = 0;
    const unsigned char* id = SSL_SESSION_get_id(session, &idLen);
    const int len = i2d_SSL_SESSION(session, nullptr);
    if (len <= 0) return 0;
    std::vector<unsigned char> buf(static_cast<size_t>(len));
    unsigned char* p = buf.data();
    i2d_SSL_SESSION(session, &p);
    app_scache_store(id, idLen, buf.data(), len, SSL_SESSION_get_time(session) + SSL_SESSION_get_timeout(session));
    return 0;
  }

  static void remove_session_cb(SSL_CTX*, SSL_SESSION* session) {
    unsigned int idLen = 0;
    const unsigned char* id = SSL_SESSION_get_id(session, &idLen);
    app_scache_delete(id, idLen);
  }

  static SSL_SESSION* get_session_cb(SSL*, const unsigned char* id, int idLen, int* copy) {
    unsigned char buf[8192];
    const int len = app_scache_fetch(id, idLen, buf, sizeof(buf));
    *copy = 0;  // we hand our reference to OpenSSL
    if (len <= 0) return nullptr;
    const unsigned char* p = buf;
    return d2i_SSL_SESSION(nullptr, &p, len);
  }

  std::unique_ptr<SSL_CTX, CtxFree> ctx_;
};

}  // namespace Security
