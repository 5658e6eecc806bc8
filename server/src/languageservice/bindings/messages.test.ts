import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzePerl } from '../perl/analyze';
import { analyzePython } from '../python/analyze';
import { analyzeRuby } from '../ruby/analyze';
import { analyzeRust } from '../rust/analyze';
import { messageInBinding } from './binding';

const LIBRARY = { library: 'openssl-3.0' } as const;
const messageOf = (findings: readonly { ruleId: string; message: string }[], ruleId: string) => findings.find((f) => f.ruleId === ruleId)?.message ?? '';

describe("the rules' messages in a binding's names", () => {
  it('respells flags, and the calls and callbacks the binding names; unmapped names stay', () => {
    const file = { spell: (s: string) => `SSL.SESS_CACHE_${s}`, messageNames: { SSL_OP_NO_TICKET: 'SSL.OP_NO_TICKET' } };
    assert.equal(
      messageInBinding('SSL_SESS_CACHE_OFF with SSL_OP_NO_TICKET; no new_session_cb; SSL_OP_NO_TICKETS stays', file),
      'SSL.SESS_CACHE_OFF with SSL.OP_NO_TICKET; no new_session_cb; SSL_OP_NO_TICKETS stays',
    );
  });

  it('Ruby, Rust, Perl and pyOpenSSL findings speak their own names', () => {
    const ruby = analyzeRuby('ctx.session_cache_mode = OpenSSL::SSL::SSLContext::SESSION_CACHE_CLIENT\nssl.connect\n', LIBRARY);
    assert.match(messageOf(ruby.findings, 'client-cache-unused'), /no session_new_cb takes them/);
    const rust = analyzeRust('let a = SslAcceptor::builder();\nb.set_session_cache_mode(SslSessionCacheMode::SERVER | SslSessionCacheMode::NO_INTERNAL_LOOKUP);\n', LIBRARY);
    assert.match(messageOf(rust.findings, 'stored-never-looked-up'), /no get-session callback \(set_get_session_callback\)/);
    const perl = analyzePerl('Net::SSLeay::CTX_set_verify($ctx, &Net::SSLeay::VERIFY_PEER);\nNet::SSLeay::CTX_set_session_cache_mode($ctx, &Net::SSLeay::SESS_CACHE_SERVER);\nNet::SSLeay::accept($ssl);\n', LIBRARY);
    assert.match(messageOf(perl.findings, 'verify-peer-without-sid-ctx'), /^&Net::SSLeay::VERIFY_PEER without a session id context/);
    const python = analyzePython('ctx.set_session_cache_mode(2)\nconn.set_accept_state()\n', LIBRARY);
    assert.match(messageOf(python.findings, 'numeric-mode'), /SSL\.SESS_CACHE_SERVER/);
    for (const f of [...ruby.findings, ...rust.findings, ...perl.findings, ...python.findings]) assert.doesNotMatch(f.message, /\u0000/);
  });
});
