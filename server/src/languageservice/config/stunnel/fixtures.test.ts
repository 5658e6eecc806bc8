import * as path from 'node:path';
import { describeConfigFixtures } from '../../../testing/configFixtures';
import { repoRoot } from '../../../testing/paths';
import { analyzeStunnel } from './analyze';

// Realistic stunnel.conf files (Debian's sample, a week-long timeout, resumption off with sessiond,
// mTLS with TLS 1.3 only, broken input) and what sesscache makes of them, as data in fixtures/expected.json.
describeConfigFixtures('stunnel', path.join(repoRoot(), 'server/src/languageservice/config/stunnel/fixtures'), analyzeStunnel);
