// C++ status page that reports whether the session cache is enabled by testing
// (SSL_CTX_get_session_cache_mode(ctx) & SSL_SESS_CACHE_OFF) != 0, which is always
// false. No mode is set in this file.
// Expected: bit-test-against-off (error) on the expression (the line with
// SSL_CTX_get_session_cache_mode ... & SSL_SESS_CACHE_OFF), nothing else.
#include <sstream>
#include <string>
#include <openssl/ssl.h>
#include "app.h"

namespace admin {

class TlsStatus {
 public:
  explicit TlsStatus(SSL_CTX* ctx) : ctx_(ctx) {}

  std::string Render() const {
    std::ostringstream out;
    const long mode = SSL_CTX_get_session_cache_mode(ctx_);
    out << "session cache mode: 0x" << std::hex << mode << std::dec << "\n";
    if ((SSL_CTX_get_session_cache_mode(ctx_) & SSL_SESS_CACHE_OFF) != 0) {
      out << "session cache: disabled\n";
    } else {
      out << "session cache: " << SSL_CTX_sess_number(ctx_) << " of "
          << SSL_CTX_sess_get_cache_size(ctx_) << " entries\n";
    }
    out << "hits: " << SSL_CTX_sess_hits(ctx_) << ", misses: " << SSL_CTX_sess_misses(ctx_)
        << ", timeouts: " << SSL_CTX_sess_timeouts(ctx_) << "\n";
    return out.str();
  }

 private:
  SSL_CTX* ctx_;
};

}  // namespace admin
