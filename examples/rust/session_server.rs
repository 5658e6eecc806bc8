//! A TLS server on the Rust `openssl` crate meant to look sessions up in a shared store
//! rather than in OpenSSL's own cache. The internal lookup is switched off, but the
//! get-session callback that would read the shared store was never registered: sessions are
//! still stored internally (memory, evictions) and no session-id resumption ever succeeds.
use std::net::TcpListener;

use openssl::ssl::{SslAcceptor, SslFiletype, SslMethod, SslSessionCacheMode};

fn main() {
    let mut builder = SslAcceptor::mozilla_intermediate_v5(SslMethod::tls_server()).unwrap();
    builder.set_private_key_file("server.key", SslFiletype::PEM).unwrap();
    builder.set_certificate_chain_file("server.pem").unwrap();
    builder.set_session_id_context(b"session-server").unwrap();
    builder.set_session_cache_mode(SslSessionCacheMode::SERVER | SslSessionCacheMode::NO_INTERNAL_LOOKUP);
    builder.set_session_cache_size(50_000);
    let acceptor = builder.build();

    let listener = TcpListener::bind("0.0.0.0:8443").unwrap();
    for stream in listener.incoming() {
        let _tls = acceptor.accept(stream.unwrap());
    }
}
