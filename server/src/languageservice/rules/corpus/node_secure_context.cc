// Node.js-style SecureContext (C++): one ctx for both roles, created with
// TLS_method() (role unknown), mode CLIENT | SERVER | NO_INTERNAL | NO_AUTO_CLEAR
// written as BOTH, set through the global-namespace call
// ::SSL_CTX_set_session_cache_mode(ctx_.get(), ...), with new/get callbacks that
// forward to the embedder (deliberate "external cache only" recipe).
// Expected: no-auto-clear-nothing-stored (hint) on the mode line, nothing else.
#include <memory>
#include <string>
#include <vector>
#include <openssl/ssl.h>
#include "app.h"

namespace crypto {

struct SslCtxDeleter {
  void operator()(SSL_CTX* ctx) const { SSL_CTX_free(ctx); }
};

class SecureContext {
 public:
  SecureContext() : ctx_(SSL_CTX_new(TLS_method())) {}

  bool Init() {
    if (!ctx_) return false;
    ::SSL_CTX_set_session_cache_mode(ctx_.get(), SSL_SESS_CACHE_BOTH | SSL_SESS_CACHE_NO_INTERNAL | SSL_SESS_CACHE_NO_AUTO_CLEAR);
    SSL_CTX_sess_set_get_cb(ctx_.get(), &SecureContext::GetSessionCallback);
    SSL_CTX_sess_set_new_cb(ctx_.get(), &SecureContext::NewSessionCallback);
    SSL_CTX_set_session_id_context(ctx_.get(),
                                   reinterpret_cast<const unsigned char*>("node"), 4);
    return true;
  }

  SSL_CTX* get() const { return ctx_.get(); }

 private:
  static int NewSessionCallback(SSL* ssl, SSL_SESSION* sess) {
    int size = i2d_SSL_SESSION(sess, nullptr);
    if (size <= 0) return 0;
    std::vector<unsigned char> der(static_cast<size_t>(size));
    unsigned char* p = der.data();
    i2d_SSL_SESSION(sess, &p);
    unsigned int id_len = 0;
    const unsigned char* id = SSL_SESSION_get_id(sess, &id_len);
    (void)ssl;
    // the JS "newSession" event stores it
    app_scache_store(id, id_len, der.data(), size, SSL_SESSION_get_time(sess) + SSL_SESSION_get_timeout(sess));
    return 0;
  }

  static SSL_SESSION* GetSessionCallback(SSL* ssl, const unsigned char* key, int len, int* copy) {
    std::vector<unsigned char> der(8192);
    (void)ssl;
    *copy = 0;
    int n = app_scache_fetch(key, len, der.data(), static_cast<int>(der.size()));
    if (n <= 0) return nullptr;
    const unsigned char* p = der.data();
    return d2i_SSL_SESSION(nullptr, &p, n);
  }

  std::unique_ptr<SSL_CTX, SslCtxDeleter> ctx_;
};

}  // namespace crypto
