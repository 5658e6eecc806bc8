import * as path from 'node:path';
import { describeConfigFixtures } from '../../../testing/configFixtures';
import { repoRoot } from '../../../testing/paths';
import { analyzePostfix } from './analyze';

// Realistic main.cf files (Debian's, a month-long timeout, timeout 0 with a database, tickets off,
// broken input) and what sesscache makes of them, as data in fixtures/expected.json.
describeConfigFixtures('Postfix', path.join(repoRoot(), 'server/src/languageservice/config/postfix/fixtures'), analyzePostfix);
