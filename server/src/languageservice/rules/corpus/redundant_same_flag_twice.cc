// C++ server where a refactor left the same flag twice in one mode:
// SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL | SSL_SESS_CACHE_SERVER
// (kept on one line, so whichever occurrence is reported is on that line).
// Role server from the member init; new/get callbacks are set.
// Expected: redundant-flag (information) on the mode line, nothing else.
#include <memory>
#include <string>
#include <unordered_map>
#include <openssl/ssl.h>
#include "app.h"

namespace rpc {

struct CtxFree {
  void operator()(SSL_CTX* c) const { SSL_CTX_free(c); }
};

class TlsServer {
 public:
  TlsServer() : ctx_(SSL_CTX_new(TLS_server_method())) {}

  bool Start() {
    if (!ctx_) return false;
    SSL_CTX_set_session_id_context(ctx_.get(), reinterpret_cast<const unsigned char*>("rpc"), 3);
    SSL_CTX_set_session_cache_mode(ctx_.get(), SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL | SSL_SESS_CACHE_SERVER);
    SSL_CTX_sess_set_new_cb(ctx_.get(), &TlsServer::NewSession);
    SSL_CTX_sess_set_get_cb(ctx_.get(), &TlsServer::GetSession);
    return true;
  }

 private:
  static int NewSession(SSL*, SSL_SESSION* sess) {
    unsigned int len = 0;
    const unsigned char* id = SSL_SESSION_get_id(sess, &len);
    unsigned char der[4096];
    unsigned char* p = der;
    const int n = i2d_SSL_SESSION(sess, nullptr);
    if (n <= 0 || n > static_cast<int>(sizeof(der))) return 0;
    i2d_SSL_SESSION(sess, &p);
    app_scache_store(id, len, der, n, SSL_SESSION_get_time(sess) + SSL_SESSION_get_timeout(sess));
    return 0;
  }

  static SSL_SESSION* GetSession(SSL*, const unsigned char* id, int len, int* copy) {
    unsigned char der[4096];
    *copy = 0;
    const int n = app_scache_fetch(id, len, der, sizeof(der));
    if (n <= 0) return nullptr;
    const unsigned char* p = der;
    return d2i_SSL_SESSION(nullptr, &p, n);
  }

  std::unique_ptr<SSL_CTX, CtxFree> ctx_;
};

}  // namespace rpc
