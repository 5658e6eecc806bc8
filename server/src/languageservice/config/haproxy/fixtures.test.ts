import * as path from 'node:path';
import { describeConfigFixtures } from '../../../testing/configFixtures';
import { repoRoot } from '../../../testing/paths';
import { analyzeHaproxy } from './analyze';

// Realistic haproxy.cfg files (Debian's default, a week-long lifetime, the cache off, mTLS with a
// TLS 1.2 cap, broken values) and what sesscache makes of them, as data in fixtures/expected.json.
describeConfigFixtures('HAProxy', path.join(repoRoot(), 'server/src/languageservice/config/haproxy/fixtures'), analyzeHaproxy);
