import * as fs from 'node:fs';
import { LIBRARY_NAMES } from '../languageservice';
import { decodeMode } from '../languageservice/mode/decode';
import { unsupportedConfiguration } from '../languageservice/simulator/model';
import { simConfigOf, simEventsOf, simulate, summariseScenario } from '../languageservice/simulator/run';
import { Scenario, ScenarioError, parseScenario, resolvedServer } from '../languageservice/simulator/scenario';
import type { CliIo } from './cli';
import { errorCode, languageIdForPath } from '../node/files';
import * as path from 'node:path';
import { DEFAULT_LIBRARY } from '../languageservice';
import { ConfigLanguageId, analyzeConfig, isConfigLanguage } from '../languageservice/config';
import { simConfigsOfSetting } from '../languageservice/config/convert';
import { clientNotSimulated } from '../languageservice/simulator/clientPaths';
import { SslcacheConversionError, sslcacheToScenario } from '../languageservice/config/sslcache';
import { scenarioServerOf } from '../languageservice/simulator/fromCode';
import { WORKLOAD_PRESETS, findPreset, workloadOf } from '../languageservice/simulator/report';
import type { ReportSummary } from '../languageservice/simulator/summary';
import { configIncludeLoader } from '../node/configIncludes';
import { lineNumberOf } from '../languageservice/util/lines';

/**
 * `sesscache simulate FILE [--json] [--details]`: runs a scenario (docs/spec/scenario-contract.md)
 * through the simulator. `--json` prints exactly the contract's result object; `--details` adds
 * each connection's path. Without them, a readable summary. Exit 2 on a bad file, naming the field.
 */

const EXIT_OK = 0;
const EXIT_USAGE = 2;

function percent(part: number, whole: number): string {
  return whole === 0 ? '0%' : `${((100 * part) / whole).toFixed(1)}%`;
}

export function formatSummary(file: string, scenario: Scenario, summary: ReportSummary, counters: ReturnType<typeof simulate>['counters']): string {
  const server = resolvedServer(scenario);
  const callbacks = (['new', 'get', 'remove'] as const).filter((c) => server.callbacks[c]);
  const lines: string[] = [];
  lines.push(`${file}: ${LIBRARY_NAMES[scenario.library]}, ${scenario.protocol}`);
  lines.push(
    `  mode ${decodeMode(server.mode).shortExpression} (${decodeMode(server.mode).hex}), cache size ${server.cacheSize || 'unlimited'}, ` +
      `timeout ${server.timeout} s, tickets ${server.tickets ? 'on' : 'off'}, callbacks ${callbacks.join(', ') || 'none'}` +
      (server.verifyPeer ? `, peer verification${server.sessionIdContext ? '' : ' WITHOUT a session id context'}` : ''),
  );
  lines.push('');
  lines.push(
    `connections  ${summary.connections} over ${summary.durationSeconds} s: ${summary.offered} offered a session, ` +
      `${summary.resumed} resumed (${percent(summary.resumed, summary.connections)}), ${summary.failed} failed`,
  );
  const p = summary.paths;
  lines.push(
    `paths        ticket ${p.ticket} · internal hit ${p['internal-hit']} · external hit ${p['external-hit']} · ` +
      `miss ${p.miss} · timeout ${p.timeout} · failure ${p.failure} · new session ${p.new}`,
  );
  const s = summary.storedIn;
  lines.push(`stored in    internal ${s.internal} · external ${s.external} · both ${s['internal+external']} · nowhere ${s.nowhere}`);
  lines.push(
    `cache        ${counters.number} sessions at the end; ${summary.evicted} evicted for size; ${summary.autoFlushed} removed by auto-flush; ` +
      `${summary.flushes} explicit flush${summary.flushes === 1 ? '' : 'es'}`,
  );
  lines.push(
    `counters     accept ${counters.accept}, acceptGood ${counters.acceptGood}, hits ${counters.hits}, misses ${counters.misses}, ` +
      `timeouts ${counters.timeouts}, cbHits ${counters.cbHits}, cacheFull ${counters.cacheFull}`,
  );
  lines.push(
    `callbacks    new ${counters.newCalls}, get ${counters.getCalls}, remove ${counters.removeCalls}; external cache ${counters.externalSize} entries`,
  );
  return lines.join('\n') + '\n';
}

/**
 * The scenario of a configuration file: a `.sslcache` file's workload (`--workload NAME`, else the
 * first), or an nginx/Apache server's setting (`--server TEXT` picks the one whose label contains
 * it, else the first) under a preset workload (`--preset web|api|mail`).
 */
function scenarioOfConfigFile(file: string, text: string, languageId: ConfigLanguageId, picks: { workload?: string; server?: string; preset?: string }): Scenario {
  if (languageId === 'sslcache') return parseScenario(JSON.stringify(sslcacheToScenario(text, picks.workload)));
  const doc = analyzeConfig(languageId, text, { library: DEFAULT_LIBRARY, loadInclude: configIncludeLoader(path.resolve(file)) });
  // A file the server would not parse is not simulated from what could be read of it.
  const syntax = doc.analysis.findings.filter((f) => f.severity === 'error' && f.ruleId.endsWith('-syntax'));
  if (syntax.length > 0) {
    throw new ScenarioError('', syntax.map((f) => `line ${lineNumberOf(text, f.start)}: ${f.message}`).join('; '));
  }
  const settings = doc.analysis.settings;
  // The first server unless one is named; a client is named to be told why it is not simulated.
  const setting = picks.server ? settings.find((s) => s.label.includes(picks.server!)) : (settings.find((s) => s.role === 'server') ?? settings[0]);
  if (!setting) {
    throw new ScenarioError('', picks.server ? `no TLS server matching "${picks.server}" (servers: ${settings.map((s) => s.label).join(', ') || 'none'})` : 'no TLS server with a session cache setting in this file');
  }
  if (setting.role === 'client') throw new ScenarioError('', clientNotSimulated(setting.label));
  const preset = findPreset(picks.preset ?? 'web');
  if (!preset) throw new ScenarioError('', `unknown preset "${picks.preset}"; expected ${WORKLOAD_PRESETS.map((p) => p.id).join(', ')}`);
  const configs = simConfigsOfSetting(setting, doc.library);
  const config = configs[configs.length - 1];
  return parseScenario(JSON.stringify({ version: 1, library: config.library, protocol: config.protocol, server: scenarioServerOf(config), workload: workloadOf(preset) }));
}

export function simulateCommand(args: string[], io: CliIo): number {
  let json = false;
  let details = false;
  const picks: { workload?: string; server?: string; preset?: string } = {};
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--json') json = true;
    else if (a === '--details') details = true;
    else if (a === '--workload' || a === '--server' || a === '--preset') {
      const value = args[++i];
      if (value === undefined) {
        io.err(`sesscache: ${a} needs a value\nRun "sesscache --help" for usage.\n`);
        return EXIT_USAGE;
      }
      picks[a.slice(2) as 'workload' | 'server' | 'preset'] = value;
    } else if (a.startsWith('-') && a !== '-') {
      io.err(`sesscache: unknown option ${a}\nRun "sesscache --help" for usage.\n`);
      return EXIT_USAGE;
    } else files.push(a);
  }
  if (files.length !== 1) {
    io.err(`sesscache: simulate needs exactly one scenario FILE (or - for standard input)\nRun "sesscache --help" for usage.\n`);
    return EXIT_USAGE;
  }
  const file = files[0];
  let text: string;
  try {
    text = fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    io.err(`sesscache simulate: cannot read ${file} (${errorCode(e)})\n`);
    return EXIT_USAGE;
  }
  let scenario: Scenario;
  const languageId = file === '-' ? undefined : languageIdForPath(file);
  try {
    scenario = languageId && isConfigLanguage(languageId) ? scenarioOfConfigFile(file, text, languageId, picks) : parseScenario(text);
  } catch (e) {
    if (e instanceof ScenarioError || e instanceof SslcacheConversionError) {
      io.err(`sesscache simulate: ${file}: ${e.message.replace(/^: /, '')}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
  const unsupported = unsupportedConfiguration(simConfigOf(scenario));
  if (unsupported) {
    io.err(`sesscache simulate: ${file}: ${unsupported}\n`);
    return EXIT_USAGE;
  }
  if (json || details) {
    const result = simulate(simConfigOf(scenario), simEventsOf(scenario));
    const out: Record<string, unknown> = { trace: result.trace, counters: result.counters };
    if (details) out.connections = result.connections;
    io.out(JSON.stringify(out, null, 2) + '\n');
    return EXIT_OK;
  }
  const { summary, counters } = summariseScenario(scenario);
  io.out(formatSummary(file, scenario, summary, counters));
  return EXIT_OK;
}
