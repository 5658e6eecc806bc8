// Plain C++ TLS client with RAII wrappers and no session cache configuration:
// unique_ptr<SSL_CTX, ...> from TLS_client_method, verification, SNI.
// Expected: nothing.
#include <memory>
#include <stdexcept>
#include <string>
#include <openssl/ssl.h>
#include "app.h"

namespace net {

struct CtxFree {
  void operator()(SSL_CTX* c) const { SSL_CTX_free(c); }
};
struct SslFree {
  void operator()(SSL* s) const { SSL_free(s); }
};

class TlsClient {
 public:
  TlsClient() : ctx_(SSL_CTX_new(TLS_client_method())) {
    if (!ctx_) throw std::runtime_error("SSL_CTX_new");
    ::SSL_CTX_set_verify(ctx_.get(), SSL_VERIFY_PEER, nullptr);
    ::SSL_CTX_set_default_verify_paths(ctx_.get());
    ::SSL_CTX_set_min_proto_version(ctx_.get(), TLS1_2_VERSION);
  }

  std::string Exchange(const std::string& host, int port, const std::string& msg) {
    std::unique_ptr<SSL, SslFree> ssl(SSL_new(ctx_.get()));
    SSL_set_fd(ssl.get(), app_tcp_connect(host.c_str(), port));
    SSL_set_tlsext_host_name(ssl.get(), host.c_str());
    SSL_set1_host(ssl.get(), host.c_str());
    if (SSL_connect(ssl.get()) != 1) throw std::runtime_error("handshake failed");
    SSL_write(ssl.get(), msg.data(), static_cast<int>(msg.size()));
    char buf[2048];
    const int n = SSL_read(ssl.get(), buf, sizeof(buf));
    SSL_shutdown(ssl.get());
    return n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string();
  }

 private:
  std::unique_ptr<SSL_CTX, CtxFree> ctx_;
};

}  // namespace net
