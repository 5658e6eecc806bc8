"""A pyOpenSSL TLS server that keeps sessions in OpenSSL's internal cache."""
import socket

from OpenSSL import SSL

ctx = SSL.Context(SSL.TLS_SERVER_METHOD)
ctx.use_certificate_file("server.pem")
ctx.use_privatekey_file("server.key")
ctx.set_session_id(b"session-server")
# Expired sessions were meant to stay until a nightly job clears them, but that job was never
# written: nothing flushes this cache, so expired sessions stay until it is full.
ctx.set_session_cache_mode(SSL.SESS_CACHE_SERVER | SSL.SESS_CACHE_NO_AUTO_CLEAR)
ctx.set_timeout(3600)

listener = socket.create_server(("", 8443))
while True:
    sock, _ = listener.accept()
    conn = SSL.Connection(ctx, sock)
    conn.set_accept_state()
    conn.do_handshake()
    conn.sendall(b"hello\n")
    conn.shutdown()
