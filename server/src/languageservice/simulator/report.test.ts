import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runScenario } from './run';
import { CancelledError, WORKLOAD_PRESETS, buildReport, workloadOf } from './report';
import { parseScenario } from './scenario';

const scenario = (workload: Record<string, unknown>) =>
  parseScenario(JSON.stringify({ version: 1, protocol: 'TLSv1.2', server: { mode: 'SERVER', tickets: false, cacheSize: 500, timeout: 600 }, workload }));

describe('simulation reports', () => {
  it('agree with the plain simulation: same counters, summary consistent with the timeline', async () => {
    const s = scenario({ seed: 5, clients: 2000, connections: 30000, rate: 10, abortProbability: 0.02, flushInterval: 300 });
    const report = await buildReport(s, { title: 't', preset: 'p' });
    assert.deepEqual(report.counters, runScenario(s).counters);
    assert.equal(report.summary.connections, 30000);
    assert.equal(report.timeline.reduce((n, b) => n + b.connections, 0), 30000);
    assert.equal(report.timeline.reduce((n, b) => n + b.resumed, 0), report.summary.resumed);
    assert.equal(report.timeline.reduce((n, b) => n + b.evicted, 0), report.summary.evicted);
    assert.equal(report.summary.evicted, report.counters.cacheFull);
    assert.ok(report.timeline.length >= 50 && report.timeline.length <= 62, `${report.timeline.length} buckets`);
    assert.ok(report.timeline.every((b) => b.number <= report.capacity));
    assert.equal(report.capacity, 499);
    assert.equal(Object.values(report.summary.paths).reduce((a, b) => a + b, 0), 30000);
  });

  it('the exported scenario reproduces the report', async () => {
    const s = scenario({ seed: 1, clients: 50, connections: 1000, rate: 1 });
    const report = await buildReport(s, { title: 't', preset: 'p' });
    const again = await buildReport(parseScenario(JSON.stringify(report.scenario)), { title: 't', preset: 'p' });
    assert.deepEqual(again.counters, report.counters);
  });

  it('can be cancelled between chunks, and reports progress', async () => {
    const s = scenario({ seed: 1, clients: 50, connections: 100000, rate: 100 });
    const progress: number[] = [];
    let calls = 0;
    await assert.rejects(
      buildReport(s, { title: 't', preset: 'p', chunk: 1000, onProgress: (done) => progress.push(done), isCancelled: () => ++calls > 5 }),
      (e: unknown) => {
        // Cancelled at the 6th check: after the 3rd chunk of 1,000 (two checks per chunk), says how far it got.
        assert.ok(e instanceof CancelledError);
        assert.deepEqual([e.done, e.total], [3000, 100000]);
        assert.match(e.message, /after 3,000 of 100,000 connections/);
        return true;
      },
    );
    assert.ok(progress.length >= 2 && progress.length < 10);
  });

  it('has the three presets, each a valid workload', () => {
    assert.deepEqual(WORKLOAD_PRESETS.map((p) => p.id), ['web', 'api', 'mail']);
    for (const preset of WORKLOAD_PRESETS) assert.doesNotThrow(() => scenario(workloadOf(preset) as unknown as Record<string, unknown>));
  });
});
