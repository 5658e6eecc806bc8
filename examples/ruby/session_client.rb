# A Ruby client that means to resume its TLS sessions, but never hands a session back:
# OpenSSL stores client sessions in the context's cache, and never looks them up there.
require 'openssl'
require 'socket'

ctx = OpenSSL::SSL::SSLContext.new
ctx.session_cache_mode = OpenSSL::SSL::SSLContext::SESSION_CACHE_CLIENT
ctx.session_cache_size = 128

3.times do
  tcp = TCPSocket.new('example.com', 443)
  ssl = OpenSSL::SSL::SSLSocket.new(tcp, ctx)
  ssl.hostname = 'example.com'
  ssl.connect
  puts ssl.session_reused?
  ssl.close
end
