// C++ channel credentials (client) with a per-target session cache. The role comes
// from the member init ctx_(SSL_CTX_new(TLS_client_method())); every call uses
// ctx_.get(). Mode CLIENT | NO_INTERNAL via ::SSL_CTX_set_session_cache_mode: the
// LOOKUP half of NO_INTERNAL does nothing on a client.
// Expected: lookup-flag-on-client (information) on the mode line, nothing else.
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <openssl/ssl.h>
#include "app.h"

namespace chan {

struct CtxFree {
  void operator()(SSL_CTX* c) const { SSL_CTX_free(c); }
};

class ClientSessionCache {
 public:
  ClientSessionCache() : ctx_(SSL_CTX_new(TLS_client_method())) {
    ::SSL_CTX_set_session_cache_mode(ctx_.get(), SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL);
    ::SSL_CTX_sess_set_new_cb(ctx_.get(), &ClientSessionCache::OnNewSession);
    ::SSL_CTX_set_verify(ctx_.get(), SSL_VERIFY_PEER, nullptr);
  }

  SSL* NewConnection(const std::string& target) {
    SSL* ssl = SSL_new(ctx_.get());
    if (ssl == nullptr) return nullptr;
    SSL_set_tlsext_host_name(ssl, target.c_str());
    unsigned char der[4096];
    int len = app_host_session_get(target.c_str(), der, sizeof(der));
    if (len > 0) {
      const unsigned char* p = der;
      SSL_SESSION* sess = d2i_SSL_SESSION(nullptr, &p, len);
      if (sess != nullptr) {
        SSL_set_session(ssl, sess);
        SSL_SESSION_free(sess);
      }
    }
    return ssl;
  }

 private:
  static int OnNewSession(SSL* ssl, SSL_SESSION* sess) {
    const char* host = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
    unsigned char der[4096];
    unsigned char* p = der;
    const int len = i2d_SSL_SESSION(sess, nullptr);
    if (host == nullptr || len <= 0 || len > static_cast<int>(sizeof(der))) return 0;
    i2d_SSL_SESSION(sess, &p);
    app_host_session_put(host, der, len);
    return 0;
  }

  std::unique_ptr<SSL_CTX, CtxFree> ctx_;
};

}  // namespace chan
