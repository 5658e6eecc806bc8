/**
 * The Rust analyser's fuzzing inputs, for RUST_TARGET in the shared fuzz targets
 * (server/src/testing/fuzz/targets.ts): the tokens mutations insert and cut at, and the pathological
 * shapes whose cost must grow linearly. Types only are imported: nothing of the fuzz harness runs here.
 */
import type { Dialect } from '../../testing/fuzz/mutations';
import type { Shape } from '../../testing/fuzz/targets';

export const RUST_DIALECT: Dialect = {
  specials: [
    '//', '/*', '*/', '/* /* */', '"', '\\"', 'r#"', '"#', 'r##"', 'b"', "b'", "'", "'a", "'\\u{1F600}'", "'static ", 'r#type', '::', '|', '||',
    '(', ')', '{', '}', '[', ']', ',', ';', '.', '?', '&mut ', 'unsafe { ', 'let mut mode = ', 'let builder = ', 'as c_long',
    'SslSessionCacheMode::', 'SslSessionCacheMode::SERVER', 'SslSessionCacheMode::NO_INTERNAL', 'SslSessionCacheMode::empty()',
    'SslSessionCacheMode::from_bits(0x302).unwrap()', 'SslSessionCacheMode::from_bits_truncate(', 'SslSessionCacheMode::from_bits_retain(0x4002)',
    '.union(', '.bits()', 'openssl::ssl::', 'boring::ssl::', '::openssl::ssl::', 'use boring::ssl::SslSessionCacheMode as Mode;\n', 'Mode::CLIENT',
    'builder.set_session_cache_mode(', 'builder.set_session_cache_size(', 'builder.set_session_id_context(b"id")', 'builder.set_new_session_callback(|_, s| {})',
    'unsafe { builder.set_get_session_callback(|_, id| None) }', 'builder.set_options(SslOptions::NO_TICKET)', 'builder.set_verify(SslVerifyMode::PEER)',
    'ffi::SSL_CTX_set_session_cache_mode(builder.as_ptr(), ', 'ffi::SSL_SESS_CACHE_SERVER', 'ffi::SSL_CTX_set_timeout(ctx.as_ptr(), 86_400)',
    'ffi::SSL_CTX_flush_sessions(ctx.as_ptr(), 0)', 'SslAcceptor::mozilla_intermediate_v5(SslMethod::tls())', 'SslConnector::builder(SslMethod::tls())',
    'acceptor.accept(s)', 'connector.connect("h", s)', 'ssl.set_session(&s)', 'self.ctx().', '.as_mut()', '0x0302', '86_400u32', '\n',
  ],
};

export const RUST_SHAPES: readonly Shape[] = [
  { name: 'n unclosed calls', make: (n) => 'builder.set_session_cache_mode('.repeat(n) },
  { name: 'n nested calls', make: (n) => `${'b.set_session_cache_mode('.repeat(n)}SslSessionCacheMode::SERVER${')'.repeat(n)}` },
  { name: 'n nested raw calls', make: (n) => `${'ffi::SSL_CTX_set_session_cache_mode('.repeat(n)}x${', 1)'.repeat(n)}` },
  { name: 'a mode of n flags', make: (n) => `builder.set_session_cache_mode(${'SslSessionCacheMode::SERVER | '.repeat(n)}SslSessionCacheMode::NO_INTERNAL);` },
  { name: 'a chain of n unions', make: (n) => `b.set_session_cache_mode(SslSessionCacheMode::SERVER${'.union(SslSessionCacheMode::CLIENT)'.repeat(n)});` },
  { name: 'n nested unions', make: (n) => `b.set_session_cache_mode(${'SslSessionCacheMode::SERVER.union('.repeat(n)}SslSessionCacheMode::CLIENT${')'.repeat(n)});` },
  { name: 'n nested parentheses', make: (n) => `b.set_session_cache_mode(${'('.repeat(n)}SslSessionCacheMode::SERVER${')'.repeat(n)});` },
  { name: 'n contexts', make: (n) => Array.from({ length: n }, (_, i) => `c${i}.set_session_cache_mode(SslSessionCacheMode::SERVER);\n`).join('') },
  { name: 'n uses of one long let', make: (n) => `let m = ${'SslSessionCacheMode::SERVER | '.repeat(n)}SslSessionCacheMode::OFF;\n${'b.set_session_cache_mode(m);\n'.repeat(n)}` },
  { name: 'n lets without semicolons', make: (n) => 'let m = SslSessionCacheMode::SERVER '.repeat(n) },
  { name: 'a chain of n setter calls', make: (n) => `b${'.set_verify(SslVerifyMode::PEER)'.repeat(n)}` },
  { name: 'a receiver of n names', make: (n) => `${'a.'.repeat(n)}set_session_cache_mode(SslSessionCacheMode::SERVER)` },
  { name: 'a path of n names', make: (n) => `x = ${'a::'.repeat(n)}SslSessionCacheMode::SERVER` },
  { name: 'a block comment nested n deep', make: (n) => `${'/* '.repeat(n)}SslSessionCacheMode::SERVER${' */'.repeat(n)}` },
  { name: 'an unterminated string of n escapes', make: (n) => `"${'\\"'.repeat(n)}` },
  { name: 'a raw string with n hashes and n near-closings', make: (n) => `r${'#'.repeat(n)}"${`"${'#'.repeat(n - 1)}`.repeat(8)}` },
  { name: 'n quotes', make: (n) => "'".repeat(n) },
  { name: 'n lifetimes', make: (n) => "fn f<'a>(x: &'a str) ".repeat(n) },
  { name: 'n hovers worth of setters', make: (n) => 'b.set_session_cache_size(1);\n'.repeat(n) },
];
