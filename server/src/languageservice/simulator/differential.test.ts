import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { HarnessUnavailableError, buildOpenSslHarness, runOpenSslScenario } from './harness/harness';
import { repoRoot } from '../../testing/paths';
import { randomScenarioJson } from './randomScenarios';
import { runScenario } from './run';
import { ScenarioResult, diffResults, parseScenario } from './scenario';

/** How many seeded random scenarios each run compares (SESSCACHE_DIFF_SCENARIOS overrides). */
const RANDOM_SCENARIOS = Number(process.env.SESSCACHE_DIFF_SCENARIOS ?? 600);
const SEED_BASE = Number(process.env.SESSCACHE_DIFF_SEED ?? 1);

function contractOnly(r: ScenarioResult): ScenarioResult {
  return { trace: r.trace, counters: r.counters };
}

function compare(json: Record<string, unknown>): string[] {
  const scenario = parseScenario(JSON.stringify(json));
  const real = runOpenSslScenario(scenario);
  const simulated = contractOnly(runScenario(scenario));
  return diffResults(real, simulated);
}

describe('the simulator agrees with the real OpenSSL 3.0, field for field', () => {
  let unavailable: string | undefined;
  before(() => {
    try {
      buildOpenSslHarness();
    } catch (e) {
      if (!(e instanceof HarnessUnavailableError)) throw e;
      unavailable = e.message;
    }
  });

  const dir = path.join(repoRoot(), 'server/src/languageservice/simulator/scenarios');
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    it(`hand-written: ${file}`, (t) => {
      if (unavailable) {
        if (process.env.CI) assert.fail(`the OpenSSL harness cannot be built in CI: ${unavailable}`);
        return t.skip(unavailable.split('\n')[0]);
      }
      const diff = compare(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
      assert.deepEqual(diff, []);
    });
  }

  it(`on ${RANDOM_SCENARIOS} seeded random scenarios (seeds ${SEED_BASE}..${SEED_BASE + RANDOM_SCENARIOS - 1})`, (t) => {
    if (unavailable) {
      if (process.env.CI) assert.fail(`the OpenSSL harness cannot be built in CI: ${unavailable}`);
      return t.skip(unavailable.split('\n')[0]);
    }
    const failures: string[] = [];
    const started = Date.now();
    for (let seed = SEED_BASE; seed < SEED_BASE + RANDOM_SCENARIOS; seed++) {
      const json = randomScenarioJson(seed);
      const diff = compare(json);
      if (diff.length > 0 && failures.length < 5) failures.push(`seed ${seed}: ${diff.slice(0, 6).join('; ')}\n${JSON.stringify(json)}`);
      else if (diff.length > 0) failures.push(`seed ${seed}`);
    }
    t.diagnostic(`${RANDOM_SCENARIOS} scenarios in ${Date.now() - started} ms`);
    assert.deepEqual(failures, [], `${failures.length} scenarios disagree:\n${failures.join('\n\n')}`);
  });
});
