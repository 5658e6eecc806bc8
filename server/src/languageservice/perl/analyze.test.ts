import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeBindingFixtures } from '../../testing/bindingFixtures';
import { formatHex } from '../mode/decode';
import { analyzePerl, tokenizePerl } from './analyze';

const FIXTURES = 'server/src/languageservice/perl/fixtures';
const LIB = { library: 'openssl-3.0' } as const;



describeBindingFixtures('Net::SSLeay fixtures', FIXTURES, (text) => analyzePerl(text, LIB));

const names = (text: string) => tokenizePerl(text).filter((t) => t.kind === 'name').map((t) => t.text);
const modeOf = (text: string) => analyzePerl(text, LIB).contexts.map((c) => formatHex(c.setting.mode));

describe('Perl tokenizer', () => {
  it('`<<` after a variable, a number or a bracket shifts; a heredoc starts elsewhere', () => {
    const texts = tokenizePerl('my $y = $x <<FOO;\nprint <<EOT;\nSESS_CACHE_X in the heredoc\nEOT\nfoo();').map((t) => t.text);
    assert.deepEqual(texts, ['my', '$y', '=', '$x', '<', '<', 'FOO', ';', 'print', '<<EOT', ';', 'foo', '(', ')', ';']);
  });

  it('skips comments, POD, strings, quote-like operators and heredocs', () => {
    const text = [
      'a # SESS_CACHE_X',
      '=head1 X',
      'b',
      '=cut',
      "c 'x' \"y\" `z` q(d (e)) qq{f} qw/g h/ <<\"T\", <<'U';",
      'i',
      'T',
      'j',
      'U',
      'k <<~V;',
      '  l',
      '  V',
      'm',
    ].join('\n');
    assert.deepEqual(names(text), ['a', 'c', 'k', 'm']);
  });

  it('stops at __END__ and __DATA__', () => {
    assert.deepEqual(names('a;\n__END__\nb'), ['a']);
    assert.deepEqual(names('a;\n__DATA__\nb'), ['a']);
  });

  it('reads regexes where an operand is expected and divides after one', () => {
    assert.deepEqual(names('$x =~ /b c/; $y = 4 / $z / 2; split /d/, $e; s{f}{g}gr; tr/h/i/; y/j/k/; m#l#; qr!m!i'), ['$x', '$y', '$z', 'split', '$e']);
  });

  it('punctuation variables and $# do not start strings, regexes or comments', () => {
    assert.deepEqual(names('local $/ = undef; $, = "x"; $#list; $#{$r}; $$ref; $x = 1 / 2; z'), ['local', '$/', 'undef', '$,', '$#list', '$#', '$r', '$$ref', '$x', 'z']);
  });

  it('hash keys and file tests named like quote operators are not quotes', () => {
    assert.deepEqual(names('%h = (s => 1, y => 2); $h{q}; -s $file; $o->m(1); z'), ['%h', 's', 'y', '$h', 'q', 's', '$file', '$o', 'm', 'z']);
  });

  it('keeps package qualifiers in one name token, sigils with their variable', () => {
    assert.deepEqual(names('&Net::SSLeay::SESS_CACHE_SERVER; @Net::SSLeay::EXPORT_OK; $self->{ctx}'), ['Net::SSLeay::SESS_CACHE_SERVER', '@Net::SSLeay::EXPORT_OK', '$self', 'ctx']);
  });

  it('unterminated constructs run to the end of the text without throwing', () => {
    for (const text of ['"abc', "q{a{b}", 's/a/b', 's{a}{b', '<<"EOT";\nx', '=pod\nx', '/abc', '$', '@', '%', '&', 'qw', 's', '<<', '$#', '=cut', 'tr{a}']) {
      assert.doesNotThrow(() => tokenizePerl(text), text);
      assert.doesNotThrow(() => analyzePerl(text, LIB), text);
    }
  });

  it('offsets are the text’s', () => {
    const text = 'Net::SSLeay::CTX_set_timeout($ctx, 60);';
    for (const t of tokenizePerl(text)) assert.equal(text.slice(t.start, t.end), t.text);
  });
});

describe('Net::SSLeay extraction', () => {
  it('recognises every flag spelling, combined with |', () => {
    const text =
      'Net::SSLeay::CTX_set_session_cache_mode($ctx, &Net::SSLeay::SESS_CACHE_SERVER | Net::SSLeay::SESS_CACHE_NO_AUTO_CLEAR() | Net::SSLeay::SESS_CACHE_NO_INTERNAL_LOOKUP | (&SESS_CACHE_UPDATE_TIME));';
    assert.deepEqual(modeOf(text), ['0x0582']);
    const flags = analyzePerl(text, LIB).flags.map((f) => f.written);
    assert.deepEqual(flags, ['&Net::SSLeay::SESS_CACHE_SERVER', 'Net::SSLeay::SESS_CACHE_NO_AUTO_CLEAR()', 'Net::SSLeay::SESS_CACHE_NO_INTERNAL_LOOKUP', '&SESS_CACHE_UPDATE_TIME']);
  });

  it('imported functions count only in a file that uses Net::SSLeay', () => {
    assert.deepEqual(modeOf('CTX_set_session_cache_mode($ctx, SESS_CACHE_SERVER());'), []);
    assert.deepEqual(modeOf('use Net::SSLeay qw(CTX_set_session_cache_mode);\nCTX_set_session_cache_mode($ctx, SESS_CACHE_SERVER());'), ['0x0002']);
  });

  it('calls without parentheses end at ; or a low-precedence keyword', () => {
    const a = analyzePerl('Net::SSLeay::CTX_set_session_cache_mode $ctx, &Net::SSLeay::SESS_CACHE_SERVER or die; Net::SSLeay::CTX_set_timeout $ctx, 60;', LIB);
    assert.equal(a.contexts[0].setting.mode, 2);
    assert.equal(a.contexts[0].setting.timeout, 60);
  });

  it('methods, references and defined tests are not calls', () => {
    const text = [
      '$obj->CTX_set_session_cache_mode($ctx, &Net::SSLeay::SESS_CACHE_CLIENT);',
      'my $f = \\&Net::SSLeay::CTX_set_session_cache_mode;',
      'if (defined &Net::SSLeay::CTX_set_session_cache_mode) { }',
      'Some::Other::CTX_set_session_cache_mode($ctx, 1);',
    ].join('\n');
    assert.deepEqual(modeOf(text), []);
  });

  it('a value it cannot evaluate gives no context rather than a guess', () => {
    assert.deepEqual(modeOf('Net::SSLeay::CTX_set_session_cache_mode($ctx, $SSL_SESS_CACHE_OFF);'), []);
    assert.deepEqual(modeOf('Net::SSLeay::CTX_set_session_cache_mode($ctx, Net::SSLeay::CTX_get_session_cache_mode($ctx) | &Net::SSLeay::SESS_CACHE_NO_AUTO_CLEAR);'), []);
  });

  it('contexts are told apart by the first argument; the last mode wins', () => {
    const a = analyzePerl(
      'Net::SSLeay::CTX_set_session_cache_mode($a, &Net::SSLeay::SESS_CACHE_SERVER);\nNet::SSLeay::CTX_set_session_cache_mode($self->{ctx}, &Net::SSLeay::SESS_CACHE_CLIENT);\nNet::SSLeay::CTX_set_session_cache_mode($a, &Net::SSLeay::SESS_CACHE_OFF);',
      LIB,
    );
    assert.deepEqual(a.contexts.map((c) => [c.receiver, c.setting.mode]), [['$a', 0], ['$self->{ctx}', 1]]);
  });

  it('undef clears a callback; OP_NO_TICKET and VERIFY_PEER are read from their arguments', () => {
    const a = analyzePerl(
      [
        'Net::SSLeay::CTX_set_session_cache_mode($c, &Net::SSLeay::SESS_CACHE_SERVER);',
        'Net::SSLeay::CTX_sess_set_new_cb($c, sub { 1 });',
        'Net::SSLeay::CTX_sess_set_remove_cb($c, \\&gone);',
        'Net::SSLeay::CTX_sess_set_new_cb($c, undef);',
        'Net::SSLeay::CTX_set_options($c, Net::SSLeay::OP_ALL() | Net::SSLeay::OP_NO_TICKET());',
        'Net::SSLeay::CTX_set_verify($c, &Net::SSLeay::VERIFY_PEER | &Net::SSLeay::VERIFY_FAIL_IF_NO_PEER_CERT);',
      ].join('\n'),
      LIB,
    );
    const s = a.contexts[0].setting;
    assert.deepEqual(s.callbacks, { new: false, get: false, remove: true });
    assert.equal(s.tickets, false);
    assert.equal(s.verifyPeer, true);
  });

  it('the role follows accept/connect and the methods; a file doing both says nothing', () => {
    const mode = 'Net::SSLeay::CTX_set_session_cache_mode($c, &Net::SSLeay::SESS_CACHE_BOTH);\n';
    const ctxRole = (text: string) => analyzePerl(text, LIB).contexts[0].file.contexts[0].role;
    assert.equal(ctxRole(mode + 'Net::SSLeay::accept($ssl);'), 'server');
    assert.equal(ctxRole(mode + 'my $ctx = Net::SSLeay::CTX_new_with_method(Net::SSLeay::TLS_client_method());'), 'client');
    assert.equal(ctxRole(mode + 'Net::SSLeay::accept($ssl); Net::SSLeay::connect($ssl2);'), 'unknown');
  });

  it('a client whose sessions a new_cb takes is not told its cache is unused', () => {
    const base = 'Net::SSLeay::CTX_set_session_cache_mode($c, &Net::SSLeay::SESS_CACHE_CLIENT);\nNet::SSLeay::connect($ssl);\n';
    assert.deepEqual(analyzePerl(base, LIB).findings.map((f) => f.ruleId), ['client-cache-unused']);
    assert.deepEqual(analyzePerl(base + 'Net::SSLeay::CTX_sess_set_new_cb($c, \\&keep);', LIB).findings.map((f) => f.ruleId), []);
  });

  it('flags in comments, POD, strings and after __END__ are neither flags nor calls', () => {
    const a = analyzePerl('# Net::SSLeay::CTX_set_session_cache_mode($c, &Net::SSLeay::SESS_CACHE_SERVER);\n"&Net::SSLeay::SESS_CACHE_SERVER";\n__END__\nNet::SSLeay::CTX_set_session_cache_mode($c, 2);', LIB);
    assert.deepEqual(a.flags, []);
    assert.deepEqual(a.contexts, []);
  });
});

describe('Net::SSLeay flushing', () => {
  it('only a call flushes, not the name in an import list', () => {
    const text = 'use Net::SSLeay qw(CTX_flush_sessions);\nNet::SSLeay::CTX_set_session_cache_mode($ctx, &Net::SSLeay::SESS_CACHE_SERVER | &Net::SSLeay::SESS_CACHE_NO_AUTO_CLEAR);\nNet::SSLeay::accept($ssl);\n';
    assert.deepEqual(analyzePerl(text, { library: 'openssl-3.0' }).findings.map((f) => f.ruleId), ['no-auto-clear-without-flush']);
    assert.deepEqual(analyzePerl(text + 'CTX_flush_sessions $ctx, time;\n', { library: 'openssl-3.0' }).findings.map((f) => f.ruleId), [], 'a call without parentheses');
  });

  const mode = 'Net::SSLeay::CTX_set_session_cache_mode($ctx, &Net::SSLeay::SESS_CACHE_SERVER | &Net::SSLeay::SESS_CACHE_NO_AUTO_CLEAR);\nNet::SSLeay::accept($ssl);\n';
  it('NO_AUTO_CLEAR without CTX_flush_sessions is reported; a flush answers it', () => {
    assert.deepEqual(analyzePerl(mode, { library: 'openssl-3.0' }).findings.map((f) => f.ruleId), ['no-auto-clear-without-flush']);
    assert.deepEqual(analyzePerl(mode + 'Net::SSLeay::CTX_flush_sessions($ctx, time());\n', { library: 'openssl-3.0' }).findings.map((f) => f.ruleId), []);
  });
});
