import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeBindingFixtures } from '../../testing/bindingFixtures';
import { analyzePython, tokenizePython } from './analyze';

const FIXTURES = 'server/src/languageservice/python/fixtures';



describeBindingFixtures('pyOpenSSL fixtures', FIXTURES, (text) => analyzePython(text, { library: 'openssl-3.0' }));

describe('pyOpenSSL extraction', () => {
  it('skips comments, strings with prefixes and triple-quoted strings', () => {
    const names = tokenizePython('a # SESS\nb"x" rb\'y\' """SESS\n""" c').map((t) => t.text);
    assert.deepEqual(names, ['a', 'c']);
  });

  it('an expression it cannot evaluate gives no context rather than a guess', () => {
    assert.deepEqual(analyzePython('ctx.set_session_cache_mode(mode_from_config())', { library: 'openssl-3.0' }).contexts, []);
  });

  it('the same C rules fire at the Python flag', () => {
    const text = 'ctx.set_session_cache_mode(SSL.SESS_CACHE_OFF | SSL.SESS_CACHE_NO_AUTO_CLEAR)\nconn.set_accept_state()';
    const findings = analyzePython(text, { library: 'openssl-3.0' }).findings;
    assert.ok(findings.length > 0, 'some finding');
    assert.ok(findings.every((f) => f.start >= 0 && f.end <= text.length));
  });
});
