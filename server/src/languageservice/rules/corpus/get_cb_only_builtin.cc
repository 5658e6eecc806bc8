// C++ server keeping the builtin cache (SSL_SESS_CACHE_SERVER) plus a read-only
// fallback get callback into a store that nothing in this program writes (no
// new_session_cb). Role server from the member init; calls use ctx_.get().
// Expected: external-cache-never-written (warning) on the get-callback
// registration, nothing else.
#include <memory>
#include <vector>
#include <openssl/ssl.h>
#include "app.h"

namespace web {

struct CtxFree {
  void operator()(SSL_CTX* c) const { SSL_CTX_free(c); }
};

class HttpsFrontend {
 public:
  HttpsFrontend() : ctx_(SSL_CTX_new(TLS_server_method())) {}

  bool Configure(const char* cert, const char* key) {
    if (!ctx_ || app_load_cert_chain(ctx_.get(), cert, key) != 0) return false;
    SSL_CTX_set_session_id_context(ctx_.get(), reinterpret_cast<const unsigned char*>("front"), 5);
    SSL_CTX_set_session_cache_mode(ctx_.get(), SSL_SESS_CACHE_SERVER);
    SSL_CTX_sess_set_get_cb(ctx_.get(), &HttpsFrontend::Lookup);
    SSL_CTX_set_timeout(ctx_.get(), 1800);
    return true;
  }

 private:
  static SSL_SESSION* Lookup(SSL*, const unsigned char* id, int len, int* copy) {
    std::vector<unsigned char> der(8192);
    *copy = 0;
    const int n = app_scache_fetch(id, len, der.data(), static_cast<int>(der.size()));
    if (n <= 0) return nullptr;
    const unsigned char* p = der.data();
    return d2i_SSL_SESSION(nullptr, &p, n);
  }

  std::unique_ptr<SSL_CTX, CtxFree> ctx_;
};

}  // namespace web
