// C++ single-tenant server with the builtin cache (no mode call, default SERVER)
// limited to one session: SSL_CTX_sess_set_cache_size(ctx_.get(), 1). Role server
// from the member init; sid ctx set.
// Expected on openssl-3.0: cache-size-invalid (warning) on the size call.
// On 1.1.1, 1.0.2, LibreSSL, BoringSSL: nothing.
#include <memory>
#include <openssl/ssl.h>
#include "app.h"

namespace kiosk {

struct CtxFree {
  void operator()(SSL_CTX* c) const { SSL_CTX_free(c); }
};

class SingleClientServer {
 public:
  SingleClientServer() : ctx_(SSL_CTX_new(TLS_server_method())) {}

  bool Init(const char* cert, const char* key) {
    if (!ctx_ || app_load_cert_chain(ctx_.get(), cert, key) != 0) return false;
    SSL_CTX_set_session_id_context(ctx_.get(), reinterpret_cast<const unsigned char*>("kiosk"), 5);
    // only one display ever connects
    SSL_CTX_sess_set_cache_size(ctx_.get(), 1);
    return true;
  }

  int Serve(int fd) {
    SSL* ssl = SSL_new(ctx_.get());
    SSL_set_fd(ssl, fd);
    int rc = SSL_accept(ssl) == 1 ? 0 : -1;
    if (rc == 0) SSL_shutdown(ssl);
    SSL_free(ssl);
    return rc;
  }

 private:
  std::unique_ptr<SSL_CTX, CtxFree> ctx_;
};

}  // namespace kiosk
