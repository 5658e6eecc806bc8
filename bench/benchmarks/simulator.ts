import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { parseScenario, Scenario } from '../../server/src/languageservice/simulator/scenario';
import { runScenario, summariseScenario } from '../../server/src/languageservice/simulator/run';
import { expandWorkload } from '../../server/src/languageservice/simulator/workload';
import { HarnessUnavailableError, runOpenSslHarness } from '../../server/src/languageservice/simulator/harness/harness';
import { alternate, median } from '../measure';
import { BenchResult, Benchmark, compared } from '../types';
import { bareLoop } from './simulatorBareLoop';

/**
 * The simulator against the limit and the real thing: connections per second on a
 * 1,000,000-connection workload (10,000 clients, internal cache, TLS 1.2 and TLS 1.3), against a
 * bare loop doing the same map and list operations, and against the real OpenSSL harness on a
 * prefix of the same scenario; and memory per cached session at 1,000,000 sessions.
 */

const CONNECTIONS = 1_000_000;
/** Real handshakes take ~1 ms each: the real library runs this many connections of the same scenario. */
const HARNESS_CONNECTIONS = 2_000;

/** The benchmark workload: what a busy server with returning clients and an internal cache sees. */
export function benchmarkScenario(protocol: 'TLSv1.2' | 'TLSv1.3', connections = CONNECTIONS, clients = 10_000): Scenario {
  return parseScenario(
    JSON.stringify({
      version: 1,
      library: 'openssl-3.0',
      protocol,
      // Tickets off: sessions live in the internal cache (TLS 1.3: stateful tickets, one per handshake).
      server: { mode: 'SSL_SESS_CACHE_SERVER', tickets: false, numTickets: 1, timeout: 300 },
      workload: { seed: 7, clients, connections, rate: 1000, resumeProbability: 0.9, abortProbability: 0.01 },
    }),
  );
}

/** The same scenario's first `n` connections as explicit events, for the real library. */
function explicitPrefix(scenario: Scenario, n: number): Scenario {
  const events: unknown[] = [];
  for (const e of expandWorkload({ ...scenario.workload!, connections: n })) {
    if (e.kind === 'connect') events.push({ at: e.at, connect: e.client, resume: e.resume, abort: e.abort });
    else events.push({ at: e.at, flush: e.all ? 'all' : 'expired' });
  }
  return parseScenario(JSON.stringify({ version: 1, library: scenario.library, protocol: scenario.protocol, server: scenario.server, events }));
}

function throughput(protocol: 'TLSv1.2' | 'TLSv1.3', runs: number, warmups: number, log: (l: string) => void, harness: boolean): BenchResult[] {
  const scenario = benchmarkScenario(protocol);
  let ours = 0;
  let bare = 0;
  const [oursMs, bareMs] = alternate(
    [
      () => {
        ours = summariseScenario(scenario).summary.connections;
      },
      () => {
        bare = bareLoop(scenario.workload!, { cacheSize: 20480 - 1, timeout: 300, newSessionOnResumption: protocol === 'TLSv1.3' });
      },
    ],
    { runs, warmups },
  );
  if (ours !== CONNECTIONS || bare !== CONNECTIONS) throw new Error(`simulated ${ours} and ${bare} connections, expected ${CONNECTIONS}`);
  const oursRate = CONNECTIONS / (median(oursMs) / 1000);
  const bareRate = CONNECTIONS / (median(bareMs) / 1000);
  log(`${protocol}: simulator ${median(oursMs).toFixed(0)} ms, bare loop ${median(bareMs).toFixed(0)} ms for ${CONNECTIONS} connections`);
  const name = protocol === 'TLSv1.2' ? 'tls12' : 'tls13';
  const results: BenchResult[] = [
    compared(
      {
        name: `simulator-${name}-vs-bare-loop`,
        title: `simulator ${protocol}, 1M connections`,
        ours: oursRate,
        reference: bareRate,
        referenceName: 'bare map+list loop',
        unit: 'conn/s',
        target: '>= 3,000,000 conn/s and >= 0.3 of the bare loop',
        details: { oursMedianMs: median(oursMs), bareMedianMs: median(bareMs), connections: CONNECTIONS, clients: 10_000 },
      },
      (o, _r, ratio) => o >= 3_000_000 && ratio >= 0.3,
    ),
  ];
  if (harness) {
    const prefix = explicitPrefix(scenario, HARNESS_CONNECTIONS);
    const realMs: number[] = [];
    for (let i = 0; i < Math.max(1, Math.min(3, runs)); i++) {
      const run = runOpenSslHarness(prefix, { timeoutMs: 600_000 });
      realMs.push(run.elapsedMs);
      // The same scenario, so the same outcome: a benchmark of a wrong simulator would be worthless.
      const simulated = JSON.stringify(runScenario(prefix).counters);
      if (JSON.stringify(run.result.counters) !== simulated) throw new Error(`simulator and OpenSSL disagree on the benchmark prefix: ${JSON.stringify(run.result.counters)} vs ${simulated}`);
    }
    const realRate = HARNESS_CONNECTIONS / (median(realMs) / 1000);
    log(`${protocol}: real OpenSSL ${median(realMs).toFixed(0)} ms for the first ${HARNESS_CONNECTIONS} connections`);
    results.push(
      compared(
        {
          name: `simulator-${name}-vs-openssl`,
          title: `simulator ${protocol} vs real OpenSSL`,
          ours: oursRate,
          reference: realRate,
          referenceName: `libssl harness, first ${HARNESS_CONNECTIONS} conns`,
          unit: 'conn/s',
          target: '>= 500x the real library',
          details: { realMedianMs: median(realMs), realConnections: HARNESS_CONNECTIONS },
        },
        (_o, _r, ratio) => ratio >= 500,
      ),
    );
  }
  return results;
}

/** Memory is measured in a fresh process with --expose-gc (bench/benchmarks/simulatorMemory.ts). */
function memory(root: string): BenchResult {
  const script = path.join(root, 'out', 'bench', 'benchmarks', 'simulatorMemory.js');
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`simulatorMemory failed: ${r.stderr}`);
  const m = JSON.parse(r.stdout) as { oursBytesPerSession: number; bareBytesPerSession: number; sessions: number };
  return compared(
    {
      name: 'simulator-memory',
      title: 'memory per cached session at 1M sessions',
      ours: m.oursBytesPerSession,
      reference: m.bareBytesPerSession,
      referenceName: 'bare Map of objects',
      unit: 'B',
      target: '< 200 B per session',
      details: { sessions: m.sessions },
    },
    (o) => o < 200,
  );
}

export const simulatorBenchmark: Benchmark = {
  id: 'simulator',
  description: 'simulated connections/s on 1M connections vs a bare loop and real OpenSSL; memory per session',
  async run({ root, runs, warmups, log }) {
    let harness = true;
    try {
      runOpenSslHarness(explicitPrefix(benchmarkScenario('TLSv1.2', 10), 10));
    } catch (e) {
      if (!(e instanceof HarnessUnavailableError)) throw e;
      log(`real OpenSSL comparison skipped: ${e.message}`);
      harness = false;
    }
    const results = [...throughput('TLSv1.2', runs, warmups, log, harness), ...throughput('TLSv1.3', runs, warmups, log, harness)];
    results.push(memory(root));
    return results;
  },
};
