import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeApache } from './analyze';

// Random bytes and mutated fixtures (with includes) are fuzzed by fuzz.test.ts.

describe('Apache robustness: large inputs finish (linear time)', () => {
  it('a 5 MB generated configuration', () => {
    const parts = ['LoadModule ssl_module modules/mod_ssl.so\nSSLSessionCache shmcb:logs/ssl_scache(512000)\n'];
    let size = parts[0].length;
    let i = 0;
    while (size < 5 * 1024 * 1024) {
      const v = `<VirtualHost *:${1000 + (i % 60000)}>\n    ServerName s${i}.example.com\n    SSLEngine on\n    SSLCertificateFile "/etc/ssl/s${i}.pem"\n    SSLSessionCacheTimeout ${300 + (i % 100)}\n    <Directory "/srv/s${i}">\n        Require all granted\n    </Directory>\n</VirtualHost>\n`;
      parts.push(v);
      size += v.length;
      i++;
    }
    const text = parts.join('');
    const a = analyzeApache(text);
    assert.equal(a.settings.length, i);
    assert.deepEqual(a.findings, []);
  });

  it('1 MB of pathological text each', () => {
    for (const unit of ['<', '<a>\n', '</a>\n', '"', 'x "\n', '\\\n', '#\\\n', '<VirtualHost\n', 'SSLEngine on\n', "a 'b"]) {
      const text = unit.repeat(Math.ceil((1024 * 1024) / unit.length));
      assert.ok(Array.isArray(analyzeApache(text).findings));
    }
  });
});
