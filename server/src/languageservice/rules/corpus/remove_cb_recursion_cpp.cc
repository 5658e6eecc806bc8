// C++ variant: the remove callback is a file-static free function in this file
// that calls ::SSL_CTX_remove_session on the ctx it is given (recursion on 1.1.0+).
// Mode SERVER (builtin cache) with new/get/remove callbacks; role server from the
// member init.
// Expected on openssl-3.0: remove-session-in-remove-cb (error) on the
// ::SSL_CTX_remove_session call in OnSessionRemoved.
// On openssl-1.0.2: the same finding as information.
#include <memory>
#include <openssl/ssl.h>
#include "app.h"

namespace {

int OnSessionNew(SSL*, SSL_SESSION* sess) {
  unsigned int id_len = 0;
  const unsigned char* id = SSL_SESSION_get_id(sess, &id_len);
  unsigned char der[4096];
  unsigned char* p = der;
  const int n = i2d_SSL_SESSION(sess, nullptr);
  if (n > 0 && n <= static_cast<int>(sizeof(der))) {
    i2d_SSL_SESSION(sess, &p);
    app_scache_store(id, id_len, der, n, SSL_SESSION_get_time(sess) + SSL_SESSION_get_timeout(sess));
  }
  return 0;
}

SSL_SESSION* OnSessionGet(SSL*, const unsigned char* id, int len, int* copy) {
  unsigned char der[4096];
  *copy = 0;
  const int n = app_scache_fetch(id, len, der, sizeof(der));
  if (n <= 0) return nullptr;
  const unsigned char* p = der;
  return d2i_SSL_SESSION(nullptr, &p, n);
}

void OnSessionRemoved(SSL_CTX* ctx, SSL_SESSION* sess) {
  unsigned int id_len = 0;
  const unsigned char* id = SSL_SESSION_get_id(sess, &id_len);
  app_scache_delete(id, id_len);
  ::SSL_CTX_remove_session(ctx, sess);
}

struct CtxFree {
  void operator()(SSL_CTX* c) const { SSL_CTX_free(c); }
};

}  // namespace

class CacheServer {
 public:
  CacheServer() : ctx_(SSL_CTX_new(TLS_server_method())) {
    SSL_CTX_set_session_id_context(ctx_.get(), reinterpret_cast<const unsigned char*>("cache"), 5);
    SSL_CTX_set_session_cache_mode(ctx_.get(), SSL_SESS_CACHE_SERVER);
    SSL_CTX_sess_set_new_cb(ctx_.get(), OnSessionNew);
    SSL_CTX_sess_set_get_cb(ctx_.get(), OnSessionGet);
    SSL_CTX_sess_set_remove_cb(ctx_.get(), OnSessionRemoved);
  }

 private:
  std::unique_ptr<SSL_CTX, CtxFree> ctx_;
};
