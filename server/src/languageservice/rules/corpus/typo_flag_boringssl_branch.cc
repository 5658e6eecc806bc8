// C++ upstream client with a BoringSSL-only branch containing a misspelled flag
// (SSL_SESS_CACHE_NO_AUTOCLEAR, missing underscore). The branch is not compiled
// against OpenSSL, so the file builds. Client role from the member init
// ctx_(SSL_CTX_new(TLS_client_method())).
// Each branch is a possibility: the #else branch is CLIENT | NO_INTERNAL_STORE |
// NO_AUTO_CLEAR with a new_session_cb, which is the "client via callback" recipe.
// Expected: unknown-flag (error) on the misspelled name, and
// no-auto-clear-nothing-stored (hint) on the #else mode line.
#include <memory>
#include <string>
#include <openssl/ssl.h>
#include "app.h"

namespace upstream {

struct CtxFree {
  void operator()(SSL_CTX* c) const { SSL_CTX_free(c); }
};

class TlsUpstream {
 public:
  explicit TlsUpstream(std::string host) : host_(std::move(host)), ctx_(SSL_CTX_new(TLS_client_method())) {}

  bool Configure() {
    if (!ctx_) return false;
#ifdef OPENSSL_IS_BORINGSSL
    SSL_CTX_set_session_cache_mode(ctx_.get(), SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_AUTOCLEAR);
#else
    SSL_CTX_set_session_cache_mode(ctx_.get(), SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE | SSL_SESS_CACHE_NO_AUTO_CLEAR);
#endif
    SSL_CTX_sess_set_new_cb(ctx_.get(), &TlsUpstream::OnNewSession);
    return true;
  }

 private:
  static int OnNewSession(SSL* ssl, SSL_SESSION* sess) {
    auto* self = static_cast<TlsUpstream*>(SSL_get_app_data(ssl));
    unsigned char buf[4096];
    unsigned char* p = buf;
    const int len = i2d_SSL_SESSION(sess, nullptr);
    if (self == nullptr || len <= 0 || len > static_cast<int>(sizeof(buf))) return 0;
    i2d_SSL_SESSION(sess, &p);
    app_host_session_put(self->host_.c_str(), buf, len);
    return 0;
  }

  std::string host_;
  std::unique_ptr<SSL_CTX, CtxFree> ctx_;
};

}  // namespace upstream
