// C++ cache wrapper that takes the mode as a decimal literal: 770 == 0x302 ==
// SERVER | NO_INTERNAL. Callbacks new/get/remove are static member functions.
// The ctx is owned elsewhere and passed in (role unknown).
// Expected: numeric-mode (hint) on 770, nothing else.
#include <cstdint>
#include <map>
#include <string>
#include <vector>
#include <openssl/ssl.h>
#include "app.h"

class SessionStore {
 public:
  static void Attach(SSL_CTX* server) {
    ::SSL_CTX_set_session_cache_mode(server, 770);
    ::SSL_CTX_sess_set_new_cb(server, &SessionStore::OnNew);
    ::SSL_CTX_sess_set_get_cb(server, &SessionStore::OnGet);
    ::SSL_CTX_sess_set_remove_cb(server, &SessionStore::OnRemove);
    ::SSL_CTX_set_session_id_context(server, reinterpret_cast<const unsigned char*>("store"), 5);
  }

 private:
  static std::string Key(const unsigned char* id, unsigned int len) {
    return std::string(reinterpret_cast<const char*>(id), len);
  }

  static int OnNew(SSL*, SSL_SESSION* sess) {
    unsigned int len = 0;
    const unsigned char* id = SSL_SESSION_get_id(sess, &len);
    int n = i2d_SSL_SESSION(sess, nullptr);
    if (n <= 0) return 0;
    std::vector<unsigned char> der(static_cast<size_t>(n));
    unsigned char* p = der.data();
    i2d_SSL_SESSION(sess, &p);
    entries_[Key(id, len)] = der;
    return 0;
  }

  static SSL_SESSION* OnGet(SSL*, const unsigned char* id, int len, int* copy) {
    *copy = 0;
    auto it = entries_.find(Key(id, static_cast<unsigned int>(len)));
    if (it == entries_.end()) return nullptr;
    const unsigned char* p = it->second.data();
    return d2i_SSL_SESSION(nullptr, &p, static_cast<long>(it->second.size()));
  }

  static void OnRemove(SSL_CTX*, SSL_SESSION* sess) {
    unsigned int len = 0;
    const unsigned char* id = SSL_SESSION_get_id(sess, &len);
    entries_.erase(Key(id, len));
  }

  static std::map<std::string, std::vector<unsigned char>> entries_;
};

std::map<std::string, std::vector<unsigned char>> SessionStore::entries_;
