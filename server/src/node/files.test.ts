import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { collectTargets, languageIdForPath } from './files';

test('a walked folder finds nginx and Apache files by the folders they sit in, as when named directly', () => {
  const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'sesscache-files-'));
  try {
    const files: Record<string, string | undefined> = {
      'etc/nginx/conf.d/status.conf': 'nginx',
      'etc/nginx/sites-enabled/default': 'nginx',
      'etc/nginx/nginx.conf': 'nginx',
      'etc/apache2/sites-available/default-ssl.conf': 'apacheconf',
      'etc/apache2/sites-enabled/site': 'apacheconf',
      'etc/httpd/conf.d/ssl.conf': 'apacheconf',
      'etc/other/app.conf': undefined,
      'etc/haproxy/haproxy.cfg': 'haproxy',
      'etc/haproxy/extra.cfg': 'haproxy',
      'srv/lb/haproxy.cfg': 'haproxy',
      'etc/other/app.cfg': undefined,
      'etc/stunnel/stunnel.conf': 'stunnel',
      'etc/postfix/main.cf': 'postfix',
      'etc/postfix/master.cf': undefined,
      'etc/stunnel/imaps.conf': 'stunnel',
      'etc/stunnel/conf.d/x.conf': undefined,
      'etc/nginx/README': undefined,
      'src/server.c': 'c',
      'src/proxy.CPP': 'cpp',
      'src/cache.sslcache': 'sslcache',
      'app/tls.py': 'python',
      'app/tls.rb': 'ruby',
    };
    for (const file of Object.keys(files)) {
      fs.mkdirSync(path.join(tree, path.dirname(file)), { recursive: true });
      fs.writeFileSync(path.join(tree, file), '');
    }
    const { targets, errors } = collectTargets(['.'], tree);
    assert.deepEqual(errors, []);
    const found = Object.fromEntries(targets.map((t) => [t.file, t.languageId]));
    const expected = Object.fromEntries(Object.entries(files).filter(([, id]) => id !== undefined));
    assert.deepEqual(found, expected);
    for (const [file, id] of Object.entries(files)) assert.equal(languageIdForPath(path.join(tree, file)), id, file);
    // Display paths are relative to the working directory, with forward slashes, wherever the walk starts.
    const fromSub = collectTargets(['../src'], path.join(tree, 'etc'));
    assert.deepEqual(
      fromSub.targets.map((t) => t.file),
      ['../src/cache.sslcache', '../src/proxy.CPP', '../src/server.c'],
    );
  } finally {
    fs.rmSync(tree, { recursive: true, force: true });
  }
});
