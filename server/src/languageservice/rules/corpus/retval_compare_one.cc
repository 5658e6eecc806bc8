// C++ wrapper that treats ::SSL_CTX_set_session_cache_mode like the int-returning
// setters: "!= 1 means failure" and throws. It returns the previous mode (here the
// default SERVER == 2), so this always throws. Mode SERVER | NO_INTERNAL with new
// and get callbacks (external-only recipe).
// Expected: return-value-as-success (warning) on the call, nothing else.
#include <memory>
#include <stdexcept>
#include <openssl/ssl.h>
#include "app.h"

namespace tls {

struct CtxFree {
  void operator()(SSL_CTX* c) const { SSL_CTX_free(c); }
};

class ExternalCacheServer {
 public:
  ExternalCacheServer() : ctx_(SSL_CTX_new(TLS_server_method())) {
    if (!ctx_) throw std::runtime_error("SSL_CTX_new");
    if (::SSL_CTX_set_session_id_context(ctx_.get(), reinterpret_cast<const unsigned char*>("ecs"), 3) != 1)
      throw std::runtime_error("SSL_CTX_set_session_id_context");
    if (::SSL_CTX_set_session_cache_mode(ctx_.get(), SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL) != 1)
      throw std::runtime_error("SSL_CTX_set_session_cache_mode");
    ::SSL_CTX_sess_set_new_cb(ctx_.get(), &ExternalCacheServer::Store);
    ::SSL_CTX_sess_set_get_cb(ctx_.get(), &ExternalCacheServer::Load);
  }

 private:
  static int Store(SSL*, SSL_SESSION* sess) {
    unsigned int id_len = 0;
    const unsigned char* id = SSL_SESSION_get_id(sess, &id_len);
    unsigned char der[4096];
    unsigned char* p = der;
    const int n = i2d_SSL_SESSION(sess, nullptr);
    if (n <= 0 || n > static_cast<int>(sizeof(der))) return 0;
    i2d_SSL_SESSION(sess, &p);
    app_scache_store(id, id_len, der, n, SSL_SESSION_get_time(sess) + SSL_SESSION_get_timeout(sess));
    return 0;
  }

  static SSL_SESSION* Load(SSL*, const unsigned char* id, int len, int* copy) {
    unsigned char der[4096];
    *copy = 0;
    const int n = app_scache_fetch(id, len, der, sizeof(der));
    if (n <= 0) return nullptr;
    const unsigned char* p = der;
    return d2i_SSL_SESSION(nullptr, &p, n);
  }

  std::unique_ptr<SSL_CTX, CtxFree> ctx_;
};

}  // namespace tls
