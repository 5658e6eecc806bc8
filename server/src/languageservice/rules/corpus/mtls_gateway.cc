// C++ API gateway terminating mutual TLS: server ctx from the member init
// (TLS_server_method), no cache mode call (default SERVER internal cache), client
// certificates required, and no session id context anywhere in the file.
// Expected: verify-peer-without-sid-ctx (error) on the SSL_CTX_set_verify call.
// On BoringSSL: nothing.
#include <memory>
#include <stdexcept>
#include <string>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include "app.h"

namespace gateway {

struct CtxFree {
  void operator()(SSL_CTX* c) const { SSL_CTX_free(c); }
};

class MtlsTerminator {
 public:
  MtlsTerminator(const std::string& cert, const std::string& key, const std::string& ca)
      : ctx_(SSL_CTX_new(TLS_server_method())) {
    if (!ctx_) throw std::runtime_error("SSL_CTX_new");
    if (app_load_cert_chain(ctx_.get(), cert.c_str(), key.c_str()) != 0)
      throw std::runtime_error("certificate");
    if (SSL_CTX_load_verify_locations(ctx_.get(), ca.c_str(), nullptr) != 1)
      throw std::runtime_error("CA file");
    SSL_CTX_set_verify(ctx_.get(), SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, &MtlsTerminator::Verify);
    SSL_CTX_sess_set_cache_size(ctx_.get(), 8192);
  }

  std::string PeerName(SSL* ssl) const {
    X509* peer = SSL_get1_peer_certificate(ssl);
    if (peer == nullptr) return {};
    char buf[256];
    X509_NAME_oneline(X509_get_subject_name(peer), buf, sizeof(buf));
    X509_free(peer);
    return buf;
  }

 private:
  static int Verify(int ok, X509_STORE_CTX* store) {
    if (!ok) {
      app_log(APP_LOG_WARN, "client cert rejected: %s",
              X509_verify_cert_error_string(X509_STORE_CTX_get_error(store)));
    }
    return ok;
  }

  std::unique_ptr<SSL_CTX, CtxFree> ctx_;
};

}  // namespace gateway
