import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeBindingFixtures } from '../../testing/bindingFixtures';
import { applyEdits } from '../../testing/edits';
import { analyzeRust, rustInteger, tokenizeRust } from './analyze';

const FIXTURES = 'server/src/languageservice/rust/fixtures';


const LIBRARY = { library: 'openssl-3.0' } as const;

describeBindingFixtures('Rust openssl/boring fixtures', FIXTURES, (text) => analyzeRust(text, LIBRARY));

const names = (text: string) => tokenizeRust(text).filter((t) => t.kind === 'name').map((t) => t.text);
const modeOf = (text: string) => analyzeRust(text, LIBRARY).contexts.map((c) => c.setting.mode);

describe('Rust tokenizer', () => {
  it('skips line, doc and nested block comments', () => {
    assert.deepEqual(names('a // b\n/// c\n//! d\ne /* f /* g */ h */ i'), ['a', 'e', 'i']);
  });

  it('skips strings with escapes, byte strings and C strings', () => {
    assert.deepEqual(names('a "b \\" c" d b"e" f c"g" h'), ['a', 'd', 'f', 'h']);
  });

  it('skips raw strings with any number of hashes, and keeps raw identifiers', () => {
    assert.deepEqual(names('a r"b" c r#"d "e" f"# g br##"h "# i"## j r#type k'), ['a', 'c', 'g', 'j', 'type', 'k']);
  });

  it('tells char literals from lifetimes and labels', () => {
    assert.deepEqual(names("fn f<'a>(x: &'a str) { let c = 'x'; let q = '\\''; let u = '\\u{1F600}'; let e = '😀'; 'outer: loop { break 'outer; } b'z' }"), [
      'fn', 'f', 'x', 'str', 'let', 'c', 'let', 'q', 'let', 'u', 'let', 'e', 'loop', 'break',
    ]);
  });

  it('a char literal holding a quote or a brace does not open anything', () => {
    assert.deepEqual(names(`let a = '"'; let b = '{'; c`), ['let', 'a', 'let', 'b', 'c']);
  });

  it('runs what is left open to the end of the text', () => {
    assert.deepEqual(names('a "b c'), ['a']);
    assert.deepEqual(names('a /* b /* c */ d'), ['a']);
    assert.deepEqual(names('a r##"b "# c'), ['a']);
    assert.deepEqual(names("a '\\"), ['a']);
  });

  it('numbers keep their underscores, bases and suffixes; `::` is one token', () => {
    const toks = tokenizeRust('86_400u32 0x0302 1.5 x::y 0..2');
    assert.deepEqual(toks.map((t) => t.text), ['86_400u32', '0x0302', '1.5', 'x', '::', 'y', '0', '.', '.', '2']);
    assert.equal(rustInteger('86_400u32'), 86400);
    assert.equal(rustInteger('0x0302'), 0x302);
    assert.equal(rustInteger('0b10'), 2);
    assert.equal(rustInteger('0x'), undefined);
    assert.equal(rustInteger('1.5'), undefined);
  });

  it('a surrogate pair is one token, so no span splits it', () => {
    const toks = tokenizeRust('a😀b');
    assert.deepEqual(toks.map((t) => [t.start, t.end]), [[0, 1], [1, 3], [3, 4]]);
  });

  it('never throws on odd input', () => {
    for (const text of ['', "'", '"', 'r#', 'r#"', "b'", '/*', '::', '\ud800', 'r###', '0x', "'\\u{", 'br', 'r#_']) assert.doesNotThrow(() => analyzeRust(text, LIBRARY));
  });
});

describe('Rust modes', () => {
  const call = (mode: string) => `builder.set_session_cache_mode(${mode});`;

  it('`|`, `.union()`, parentheses and fully qualified paths', () => {
    assert.deepEqual(modeOf(call('SslSessionCacheMode::SERVER | SslSessionCacheMode::NO_INTERNAL')), [0x302]);
    assert.deepEqual(modeOf(call('SslSessionCacheMode::SERVER.union(SslSessionCacheMode::NO_INTERNAL_LOOKUP).union(SslSessionCacheMode::NO_AUTO_CLEAR)')), [0x182]);
    assert.deepEqual(modeOf(call('(openssl::ssl::SslSessionCacheMode::CLIENT | ::boring::ssl::SslSessionCacheMode::SERVER)')), [0x3]);
  });

  it('`empty()` and OFF are OFF; `all()` is every flag of the crate', () => {
    assert.deepEqual(modeOf(call('SslSessionCacheMode::empty()')), [0]);
    assert.deepEqual(modeOf(call('SslSessionCacheMode::OFF')), [0]);
    assert.deepEqual(modeOf(call('SslSessionCacheMode::all()')), [0x383]);
  });

  it('from_bits with literals: retain keeps every bit, truncate drops unknown ones, from_bits refuses them', () => {
    assert.deepEqual(modeOf(call('SslSessionCacheMode::from_bits_retain(0x4002)')), [0x4002]);
    assert.deepEqual(modeOf(call('SslSessionCacheMode::from_bits_truncate(0x4002)')), [0x2]);
    assert.deepEqual(modeOf(call('SslSessionCacheMode::from_bits(0x302).unwrap()')), [0x302]);
    assert.deepEqual(modeOf(call('SslSessionCacheMode::from_bits(0x4002).unwrap()')), []);
    assert.deepEqual(modeOf(call('SslSessionCacheMode::from_bits(bits).unwrap()')), []);
  });

  it('a literal made mode is a numeric mode, and its fix writes the flags in Rust', () => {
    const text = call('SslSessionCacheMode::from_bits_retain(0x0302)');
    const finding = analyzeRust(text, LIBRARY).findings.find((f) => f.ruleId === 'numeric-mode');
    assert.ok(finding);
    assert.equal(applyEdits(text, finding.fixes[0].edits), call('SslSessionCacheMode::SERVER | SslSessionCacheMode::NO_INTERNAL'));
  });

  it('follows a variable to its last `let` before the call', () => {
    const text = 'let mode = SslSessionCacheMode::CLIENT;\nlet mode = SslSessionCacheMode::SERVER | SslSessionCacheMode::NO_AUTO_CLEAR;\nbuilder.set_session_cache_mode(mode);\nlet mode = SslSessionCacheMode::OFF;';
    assert.deepEqual(modeOf(text), [0x82]);
  });

  it('a value it cannot evaluate gives no context rather than a guess', () => {
    assert.deepEqual(modeOf(call('settings.mode()')), []);
    assert.deepEqual(modeOf(call('SslSessionCacheMode::SERVER | extra')), []);
    assert.deepEqual(modeOf(call('SslSessionCacheMode::SERVR')), []);
  });

  it('an alias of the type is read (`use … SslSessionCacheMode as Mode`)', () => {
    assert.deepEqual(modeOf('use openssl::ssl::SslSessionCacheMode as Mode;\n' + call('Mode::SERVER | Mode::NO_INTERNAL_STORE')), [0x202]);
  });

  it('raw sys calls: constants, casts and `.bits()`, grouped with the builder they point at', () => {
    const text = [
      'unsafe { ffi::SSL_CTX_set_session_cache_mode(builder.as_ptr(), ffi::SSL_SESS_CACHE_SERVER as c_long | openssl_sys::SSL_SESS_CACHE_NO_INTERNAL); }',
      'builder.set_new_session_callback(|_, _| {});',
      'unsafe { boring_sys::SSL_CTX_set_session_cache_mode(other.as_ptr(), (SslSessionCacheMode::CLIENT | SslSessionCacheMode::NO_INTERNAL_STORE).bits()); }',
    ].join('\n');
    const a = analyzeRust(text, LIBRARY);
    assert.deepEqual(a.contexts.map((c) => [c.receiver, c.setting.mode, c.setting.callbacks.new]), [['builder', 0x302, true], ['other', 0x201, false]]);
  });

  it('a raw flush call answers NO_AUTO_CLEAR', () => {
    const mode = call('SslSessionCacheMode::SERVER | SslSessionCacheMode::NO_AUTO_CLEAR');
    assert.ok(analyzeRust(mode, LIBRARY).findings.some((f) => f.ruleId === 'no-auto-clear-without-flush'));
    assert.ok(!analyzeRust(mode + '\nunsafe { ffi::SSL_CTX_flush_sessions(builder.as_ptr(), now) }', LIBRARY).findings.some((f) => f.ruleId === 'no-auto-clear-without-flush'));
  });
});

describe('Rust contexts', () => {
  it('receivers: `self.ctx`, `server.ctx()`, and `as_mut()` is the same builder', () => {
    const text = [
      'self.ctx.set_session_cache_mode(SslSessionCacheMode::SERVER);',
      'server.ctx().set_session_cache_mode(SslSessionCacheMode::CLIENT);',
      'builder.as_mut().set_session_cache_mode(SslSessionCacheMode::BOTH);',
      'builder.set_session_cache_size(5);',
    ].join('\n');
    const a = analyzeRust(text, LIBRARY);
    assert.deepEqual(a.contexts.map((c) => [c.receiver, c.setting.mode, c.setting.cacheSize]), [['self.ctx', 2, 20480], ['server.ctx()', 1, 20480], ['builder', 3, 5]]);
  });

  it('callbacks, id context, NO_TICKET and PEER are read; a None callback is none', () => {
    const text = [
      'builder.set_session_cache_mode(SslSessionCacheMode::SERVER | SslSessionCacheMode::NO_INTERNAL);',
      'builder.set_new_session_callback(|_ssl, s| store(s));',
      'builder.set_remove_session_callback(|_ctx, s| forget(s));',
      'unsafe { builder.set_get_session_callback(|_ssl, id| lookup(id)); }',
      'builder.set_session_id_context(b"svc")?;',
      'builder.set_options(SslOptions::NO_TICKET | SslOptions::NO_COMPRESSION);',
      'builder.set_verify_callback(SslVerifyMode::PEER, |ok, _| ok);',
      'unsafe { ffi::SSL_CTX_sess_set_get_cb(raw, None); }',
    ].join('\n');
    assert.equal(analyzeRust(text.replace('b"svc"', 'b""'), LIBRARY).contexts[0].setting.sessionIdContext, false);
    const [c] = analyzeRust(text, LIBRARY).contexts;
    assert.deepEqual(c.setting.callbacks, { new: true, get: true, remove: true });
    assert.equal(c.setting.sessionIdContext, true);
    assert.equal(c.setting.tickets, false);
    assert.equal(c.setting.verifyPeer, true);
  });

  it('the role comes from acceptor or connector use; a file with both says nothing', () => {
    const mode = 'b.set_session_cache_mode(SslSessionCacheMode::BOTH);\n';
    const role = (extra: string) => analyzeRust(mode + extra, LIBRARY).contexts[0].file.contexts[0].role;
    assert.equal(role('let a = SslAcceptor::mozilla_intermediate_v5(SslMethod::tls())?;'), 'server');
    assert.equal(role('let c = SslConnector::builder(SslMethod::tls())?;'), 'client');
    assert.equal(role('SslMethod::tls_server(); SslMethod::tls_client();'), 'unknown');
  });

  it('the library is BoringSSL when the file uses boring, else the configured one', () => {
    const mode = 'b.set_session_cache_mode(SslSessionCacheMode::SERVER);';
    assert.equal(analyzeRust('use boring::ssl::SslSessionCacheMode;\n' + mode, LIBRARY).contexts[0].setting.library, 'boringssl');
    assert.equal(analyzeRust('use openssl::ssl::SslSessionCacheMode;\n' + mode, { library: 'openssl-1.1.1' }).contexts[0].setting.library, undefined);
    const hover = analyzeRust('use boring::ssl::SslSessionCacheMode;\n' + mode, LIBRARY).hoverAt(mode.indexOf('SERVER') + 38);
    assert.ok(hover?.markdown.startsWith('Rust boring'));
  });

  it('a `let` in a block closed before the use is out of scope: the outer one is followed', () => {
    const text = 'let mode = SslSessionCacheMode::SERVER;\nif legacy { let mode = SslSessionCacheMode::CLIENT; log(mode); }\nb.set_session_cache_mode(mode);\n';
    assert.deepEqual(modeOf(text), [0x2]);
    assert.ok(!analyzeRust(text, LIBRARY).findings.some((f) => f.ruleId === 'role-mismatch'));
    assert.deepEqual(modeOf('{ let mode = SslSessionCacheMode::CLIENT; }\nb.set_session_cache_mode(mode);'), [], 'no binding in scope: unknown, not guessed');
  });

  it('only a call to SSL_CTX_flush_sessions flushes, not its import', () => {
    const mode = 'b.set_session_cache_mode(SslSessionCacheMode::SERVER | SslSessionCacheMode::NO_AUTO_CLEAR);\n';
    assert.ok(analyzeRust('use openssl_sys::SSL_CTX_flush_sessions;\n' + mode, LIBRARY).findings.some((f) => f.ruleId === 'no-auto-clear-without-flush'));
  });

  it('a setter defined (`fn set_session_cache_mode`) or named in a string is not a call', () => {
    assert.deepEqual(modeOf('fn SSL_CTX_set_session_cache_mode(ctx: *mut SSL_CTX, m: c_long) -> c_long { 0 }'), []);
    assert.deepEqual(modeOf('let s = "b.set_session_cache_mode(SslSessionCacheMode::SERVER)";'), []);
  });

  it('set_session on a stream is recorded (the internal client cache stays unused all the same)', () => {
    const text = 'let mut b = SslConnector::builder(SslMethod::tls())?;\nb.set_session_cache_mode(SslSessionCacheMode::CLIENT);\nunsafe { ssl.set_session(&saved)?; }';
    const a = analyzeRust(text, LIBRARY);
    assert.equal(a.contexts[0].file.setSessionCalls, true);
    assert.deepEqual(a.findings.map((f) => f.ruleId), ['client-cache-unused']);
    assert.equal(analyzeRust(text.replace('ssl.set_session(&saved)?;', ''), LIBRARY).contexts[0].file.setSessionCalls, false);
  });
});
