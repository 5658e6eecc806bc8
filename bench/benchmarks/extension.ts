import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ActivationSample } from '../../client/test/bench/activation';
import { median } from '../measure';
import { productionBuild } from '../builds';
import type { BenchContext, BenchResult, Benchmark } from '../types';

/**
 * The extension in the real VS Code (code-server in headless Chromium, scripts/vscode/): activation
 * time, from the activation event (a C file opened: onLanguage:c) to the language server answering
 * its first request, over several fresh starts; and the size of the bundles.
 */

const ACTIVATION_TARGET_MS = 150;
/** The files a .vsix ships besides dist/ (.vscodeignore) that the extension reads at run time. */

interface Outcome {
  ok: boolean;
  reason: string;
  results: { sample?: ActivationSample } | null;
  tempDir?: string;
}
type RunInCodeServer = (options: Record<string, unknown>) => Promise<Outcome>;

/** The times of one start, in ms from the activation event, and when that came after opening the file. */
interface Timeline {
  event: number;
  activated: number;
  clientStarted: number;
  firstAnswer: number;
  firstMethod: string;
  firstHover: number;
}

/**
 * When the extension host began activating the extension, in ms since the epoch: its log says so
 * ("ExtensionService#_doActivateExtension sesscache.sesscache, ... activationEvent: 'onLanguage:c'"),
 * stamped in local time to the millisecond.
 */
function activationEventAt(tempDir: string): number {
  const logs = path.join(tempDir, 'user-data', 'logs');
  for (const session of fs.readdirSync(logs)) {
    const log = path.join(logs, session, 'exthost1', 'remoteexthost.log');
    if (!fs.existsSync(log)) continue;
    const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3}) \[info\] ExtensionService#_doActivateExtension sesscache\.sesscache,/m.exec(fs.readFileSync(log, 'utf8'));
    if (m) return new Date(`${m[1]}T${m[2]}`).getTime();
  }
  throw new Error(`the extension host log under ${logs} does not say when sesscache.sesscache was activated`);
}

function timelineOf(sample: ActivationSample, eventAt: number): Timeline {
  const event = eventAt - sample.openedAt;
  return {
    event,
    activated: sample.activated - event,
    clientStarted: sample.clientStarted - event,
    firstAnswer: sample.firstAnswer - event,
    firstMethod: sample.firstMethod,
    firstHover: sample.firstHover - event,
  };
}

const kib = (bytes: number): number => Math.round((bytes / 1024) * 10) / 10;
const sizeOf = (dist: string, files: readonly string[]): number => files.reduce((n, f) => n + fs.statSync(path.join(dist, f)).size, 0);

function sizeResults(production: string, development: string): BenchResult[] {
  const bundles: [string, string, string[]][] = [
    ['extension', 'extension host bundle', ['extension.js']],
    ['server', 'language server bundle', ['server.js']],
    ['webview', 'report page (js + css)', ['webview.js', 'webview.css']],
  ];
  return bundles.map(([id, what, files]) => {
    const ours = kib(sizeOf(production, files));
    const reference = kib(sizeOf(development, files));
    return {
      name: `extension-size-${id}`,
      title: `${what}: ${files.join(' + ')} (production)`,
      ours,
      referenceName: 'development build (npm run build)',
      reference,
      ratio: ours / reference,
      unit: 'KiB',
      target: 'reported (no target)',
      met: true,
    };
  });
}

export const extensionBenchmark: Benchmark = {
  id: 'extension',
  description: 'activation in code-server (first request answered) and bundle sizes',
  async run(context: BenchContext): Promise<BenchResult[]> {
    const missing = ['chromium', 'rg'].filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
    if (missing.length > 0) throw new Error(`the extension benchmark needs ${missing.join(', ')} (sudo bash .ci/install-system-packages)`);
    const runner = path.join(context.root, 'scripts', 'vscode', 'run-in-code-server.mjs');
    const { runInCodeServer } = (await import(pathToFileURL(runner).href)) as { runInCodeServer: RunInCodeServer };
    const production = productionBuild(context);
    const builds = { production, development: context.root };

    const start = async (build: keyof typeof builds): Promise<Timeline> => {
      const outcome = await runInCodeServer({
        extensionDevelopmentPath: builds[build],
        extensionTestsPath: path.join(context.root, 'out', 'client', 'test', 'bench', 'activation.js'),
        workspace: path.join(context.root, 'examples'),
        resultsFile: path.join(context.tmp, 'activation.json'),
        timeoutMs: 120_000,
        keepTemp: true,
        quiet: true,
      });
      try {
        const sample = outcome.results?.sample;
        if (!outcome.ok || !sample || !outcome.tempDir) throw new Error(`activation run in code-server failed: ${outcome.reason}`);
        const timeline = timelineOf(sample, activationEventAt(outcome.tempDir));
        context.log(
          `${build}: from onLanguage:c, activate() entered after ${timeline.activated.toFixed(0)} ms, initialize answered ${timeline.clientStarted.toFixed(0)} ms, ` +
            `first request (${timeline.firstMethod}) ${timeline.firstAnswer.toFixed(0)} ms, a hover ${timeline.firstHover.toFixed(0)} ms ` +
            `(the event came ${timeline.event.toFixed(0)} ms after openTextDocument)`,
        );
        return timeline;
      } finally {
        if (outcome.tempDir) fs.rmSync(outcome.tempDir, { recursive: true, force: true, maxRetries: 5 });
      }
    };

    // Fresh code-server starts, the two builds alternately; the first round warms the disk cache.
    const samples: Record<keyof typeof builds, Timeline[]> = { production: [], development: [] };
    for (let i = 0; i < Math.min(1, context.warmups); i++) await start('production');
    const runs = Math.max(3, context.runs);
    for (let i = 0; i < runs; i++) {
      const order: (keyof typeof builds)[] = i % 2 === 0 ? ['production', 'development'] : ['development', 'production'];
      for (const build of order) samples[build].push(await start(build));
    }
    const medianOf = (build: keyof typeof builds, key: Exclude<keyof Timeline, 'firstMethod'>): number =>
      Math.round(median(samples[build].map((s) => s[key])) * 10) / 10;
    const ours = medianOf('production', 'firstAnswer');
    const activation: BenchResult = {
      name: 'extension-activation',
      title: 'activation in code-server: onLanguage:c to the first request answered (production build)',
      ours,
      referenceName: `target ${ACTIVATION_TARGET_MS} ms`,
      reference: undefined,
      ratio: undefined,
      unit: 'ms',
      target: `under ${ACTIVATION_TARGET_MS} ms (median of fresh starts)`,
      met: ours < ACTIVATION_TARGET_MS,
      details: {
        starts: runs,
        eventAfterOpen: medianOf('production', 'event'),
        activateEntered: medianOf('production', 'activated'),
        initializeAnswered: medianOf('production', 'clientStarted'),
        firstRequests: [...new Set(samples.production.map((s) => s.firstMethod))].join(', '),
        firstHover: medianOf('production', 'firstHover'),
        developmentFirstAnswer: medianOf('development', 'firstAnswer'),
        developmentActivateEntered: medianOf('development', 'activated'),
      },
    };
    return [activation, ...sizeResults(path.join(production, 'dist'), path.join(context.root, 'dist'))];
  },
};
