import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { HARNESS_LIBRARIES, runHarness } from './harness/harness';
import type { HarnessLibrary } from './harness/harness';
import { HarnessTestRunner } from './harness/testSupport';
import { LIBRARY_NAMES } from '../knowledge/libraries';
import { repoRoot } from '../../testing/paths';
import { randomScenarioJson } from './randomScenarios';
import { runScenario } from './run';
import { ScenarioResult, diffResults, parseScenario } from './scenario';

/**
 * How many seeded random scenarios each run compares per library (SESSCACHE_DIFF_SCENARIOS
 * overrides both): about half a minute each. BoringSSL's run is cheaper per scenario (its TLS 1.3
 * server stores nothing), and its rarer cases (the 7-day chain of resumptions) need more seeds.
 */
const RANDOM_SCENARIOS: Record<HarnessLibrary, number> = {
  'openssl-3.0': Number(process.env.SESSCACHE_DIFF_SCENARIOS ?? 600),
  boringssl: Number(process.env.SESSCACHE_DIFF_SCENARIOS ?? 1000),
};
const SEED_BASE = Number(process.env.SESSCACHE_DIFF_SEED ?? 1);

function contractOnly(r: ScenarioResult): ScenarioResult {
  return { trace: r.trace, counters: r.counters };
}

function compare(json: Record<string, unknown>): string[] {
  const scenario = parseScenario(JSON.stringify(json));
  const real = runHarness(scenario).result;
  const simulated = contractOnly(runScenario(scenario));
  return diffResults(real, simulated);
}

for (const library of HARNESS_LIBRARIES) {
  describe(`the simulator agrees with the real ${LIBRARY_NAMES[library]}, field for field`, () => {
    const harness = new HarnessTestRunner(library);

    // A hand-written scenario without a library runs on both (on BoringSSL the same situation
    // meets its own rules); one that names a library runs on that one only.
    const dir = path.join(repoRoot(), 'server/src/languageservice/simulator/scenarios');
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      const json = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;
      if (json.library !== undefined && json.library !== library) continue;
      it(`hand-written: ${file}`, (t) => {
        if (!harness.available(t)) return;
        assert.deepEqual(compare({ ...json, library }), []);
      });
    }

    const count = RANDOM_SCENARIOS[library];
    it(`on ${count} seeded random scenarios (seeds ${SEED_BASE}..${SEED_BASE + count - 1})`, (t) => {
      if (!harness.available(t)) return;
      const failures: string[] = [];
      const started = Date.now();
      for (let seed = SEED_BASE; seed < SEED_BASE + count; seed++) {
        const json = randomScenarioJson(seed, library);
        const diff = compare(json);
        if (diff.length > 0 && failures.length < 5) failures.push(`seed ${seed}: ${diff.slice(0, 6).join('; ')}\n${JSON.stringify(json)}`);
        else if (diff.length > 0) failures.push(`seed ${seed}`);
      }
      t.diagnostic(`${count} scenarios in ${Date.now() - started} ms`);
      assert.deepEqual(failures, [], `${failures.length} scenarios disagree:\n${failures.join('\n\n')}`);
    });
  });
}
