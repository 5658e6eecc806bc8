import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describeConfigFixtures, fixtureIncludeLoader } from '../../../testing/configFixtures';
import { repoRoot } from '../../../testing/paths';
import { analyzeNginx } from './analyze';

// Realistic nginx configurations in fixtures/<case>/ (Debian layout with includes, mail and stream,
// per-worker caches, broken input) and what sesscache makes of them, as data in
// fixtures/expected.json, keyed by the main file. Includes resolve against its folder (the prefix).
describeConfigFixtures(
  'nginx',
  path.join(repoRoot(), 'server/src/languageservice/config/nginx/fixtures'),
  (text, file) => analyzeNginx(text, { loadInclude: fixtureIncludeLoader(path.dirname(file), /^\/etc\/nginx\//) }),
  {
    // nginx sets the timeout first, then the mode (spec §9).
    checkSetting: (s) => {
      assert.match(s.calls[0], /^SSL_CTX_set_timeout\(ctx, \d+\)$/);
      assert.ok(s.calls.some((call) => call.startsWith('SSL_CTX_set_session_cache_mode(ctx, ')));
    },
  },
);
