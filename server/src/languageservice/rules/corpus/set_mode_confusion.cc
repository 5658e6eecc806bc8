// C++ server that confuses SSL_CTX_set_mode with the session cache mode:
// SSL_MODE_RELEASE_BUFFERS ends up in the cache mode. Role server from the member
// init. The value of SSL_MODE_RELEASE_BUFFERS is not a cache flag.
// Reading taken: one not-a-cache-mode finding at the SSL_MODE_* name (not a second
// one for the unknown bits it adds); the rest of the config is clean.
// Expected: not-a-cache-mode (error) on SSL_MODE_RELEASE_BUFFERS.
#include <memory>
#include <stdexcept>
#include <openssl/ssl.h>
#include "app.h"

namespace gw {

struct CtxFree {
  void operator()(SSL_CTX* c) const { SSL_CTX_free(c); }
};

class Listener {
 public:
  Listener() : ctx_(SSL_CTX_new(TLS_server_method())) {
    if (!ctx_) throw std::runtime_error("SSL_CTX_new failed");
  }

  void Tune() {
    static const unsigned char kSid[] = "gw-listener";
    SSL_CTX_set_session_id_context(ctx_.get(), kSid, sizeof(kSid) - 1);
    // keep memory low on idle connections and keep the builtin cache
    SSL_CTX_set_session_cache_mode(ctx_.get(), SSL_SESS_CACHE_SERVER | SSL_MODE_RELEASE_BUFFERS);
    SSL_CTX_sess_set_cache_size(ctx_.get(), 4096);
  }

  SSL* Accept(int fd) {
    SSL* ssl = SSL_new(ctx_.get());
    if (ssl == nullptr) return nullptr;
    SSL_set_fd(ssl, fd);
    if (SSL_accept(ssl) != 1) {
      SSL_free(ssl);
      return nullptr;
    }
    return ssl;
  }

 private:
  std::unique_ptr<SSL_CTX, CtxFree> ctx_;
};

}  // namespace gw
