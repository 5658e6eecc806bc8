// C++ server with SERVER | NO_INTERNAL_LOOKUP | UPDATE_TIME and new/get callbacks
// (role server from the member init). Hits from the get callback are copied back
// (NO_INTERNAL_STORE is not set) and UPDATE_TIME resets their time first.
// Expected on openssl-3.0 (mode line, single line): update-time-revives-expired
// (warning) and copy-back-waste (information).
// On 1.1.1, 1.0.2, LibreSSL, BoringSSL: copy-back-waste (information) and
// update-time-unsupported (warning).
#include <memory>
#include <vector>
#include <openssl/ssl.h>
#include "app.h"

namespace sso {

struct CtxFree {
  void operator()(SSL_CTX* c) const { SSL_CTX_free(c); }
};

class TicketlessServer {
 public:
  TicketlessServer() : ctx_(SSL_CTX_new(TLS_server_method())) {}

  void Setup() {
    SSL_CTX_set_session_id_context(ctx_.get(), reinterpret_cast<const unsigned char*>("tls-srv"), 7);
    SSL_CTX_set_options(ctx_.get(), SSL_OP_NO_TICKET);
    SSL_CTX_set_session_cache_mode(ctx_.get(), SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL_LOOKUP | SSL_SESS_CACHE_UPDATE_TIME);
    SSL_CTX_sess_set_new_cb(ctx_.get(), &TicketlessServer::Put);
    SSL_CTX_sess_set_get_cb(ctx_.get(), &TicketlessServer::Get);
  }

 private:
  static int Put(SSL*, SSL_SESSION* sess) {
    unsigned int len = 0;
    const unsigned char* id = SSL_SESSION_get_id(sess, &len);
    const int n = i2d_SSL_SESSION(sess, nullptr);
    if (n <= 0) return 0;
    std::vector<unsigned char> der(static_cast<size_t>(n));
    unsigned char* p = der.data();
    i2d_SSL_SESSION(sess, &p);
    app_scache_store(id, len, der.data(), n, SSL_SESSION_get_time(sess) + SSL_SESSION_get_timeout(sess));
    return 0;
  }

  static SSL_SESSION* Get(SSL*, const unsigned char* id, int len, int* copy) {
    std::vector<unsigned char> der(8192);
    *copy = 0;
    const int n = app_scache_fetch(id, len, der.data(), static_cast<int>(der.size()));
    if (n <= 0) return nullptr;
    const unsigned char* p = der.data();
    return d2i_SSL_SESSION(nullptr, &p, n);
  }

  std::unique_ptr<SSL_CTX, CtxFree> ctx_;
};

}  // namespace sso
