import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describeConfigFixtures, fixtureIncludeLoader } from '../../../testing/configFixtures';
import { repoRoot } from '../../../testing/paths';
import { analyzeApache } from './analyze';

// Realistic httpd configurations under fixtures/ (a Debian apache2.conf with its mods/conf/sites, a
// RHEL layout, a monolithic httpd.conf, one file per socache provider, a site file alone, broken
// input) and what sesscache makes of them, as data in fixtures/expected.json, keyed by the main
// file. Includes resolve against the main file's folder (the ServerRoot of the layout).
describeConfigFixtures(
  'Apache httpd',
  path.join(repoRoot(), 'server/src/languageservice/config/apache/fixtures'),
  (text, file) => analyzeApache(text, { loadInclude: fixtureIncludeLoader(path.dirname(file), /^\/etc\/(apache2|httpd)\//) }),
  {
    // One cache per server (socache is shared by the children), always with a session id context (spec §9).
    checkSetting: (s) => {
      assert.equal(s.processes, 1);
      assert.equal(s.sessionIdContext, true);
      assert.match(s.calls[0], /^SSL_CTX_set_session_cache_mode\(ctx, /);
    },
  },
);
