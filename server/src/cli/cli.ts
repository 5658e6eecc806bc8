import {
  DEFAULT_LIBRARY,
  LIBRARY_IDS,
  LIBRARY_NAMES,
  LibraryId,
  ModeMeaning,
  evaluateModeText,
  explainMode,
  parseLibraryId,
} from '../languageservice';
import { lintCommand } from './lint';
import { simulateCommand } from './simulate';

/** Exit codes: 0 success, 1 findings (lint), 2 bad usage or invalid input. */
export const EXIT_OK = 0;
export const EXIT_USAGE = 2;

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export class UsageError extends Error {}

const HELP = `sesscache: OpenSSL TLS session cache, explained

Usage:
  sesscache explain MODE [--library LIB] [--json]
  sesscache lint [--format text|json|sarif] [--library LIB] [--severity RULE=LEVEL]... [--output FILE] PATH...
  sesscache simulate FILE [--json] [--details] [--workload NAME] [--server TEXT] [--preset web|api|mail]
  sesscache --help | --version

Commands:
  explain   Decode a session cache mode and say what it does. MODE is a number
            (decimal, 0x hex, 0 octal) or flag names joined by | with or without
            the SSL_SESS_CACHE_ prefix, e.g. "SERVER|NO_INTERNAL" or 0x0302.
  lint      Check files for session cache mistakes (rules: docs/rules.md): C,
            C++ and Objective-C (.c .h .cc .cpp .cxx .hpp .hh .hxx .C .ino .m
            .mm); .sslcache; nginx, Apache httpd, HAProxy, stunnel and Postfix
            configurations (by their usual names and folders: nginx.conf,
            sites-enabled/, haproxy.cfg, stunnel.conf, main.cf, ...); and
            pyOpenSSL, Ruby, Perl (Net::SSLeay) and Rust (openssl, boring) code
            (.py .rb .pl .pm .rs). Directories recurse, skipping node_modules
            and dot-directories.
  simulate  Run a session cache scenario (docs/spec/scenario-contract.md: a
            server configuration and connect/flush events, or a seeded
            workload) through the simulator and summarise it. FILE may also be
            a .sslcache file (--workload picks a workload), or any file lint
            reads other than C: a server configuration or binding code
            (--server picks a context by its label, --preset the workload).
            Client contexts are not simulated (the simulator models servers).

Options:
  --library LIB   ${LIBRARY_IDS.join(' | ')} (default ${DEFAULT_LIBRARY})
  --json          print the result as JSON (explain; simulate: the contract's result object)
  --details       simulate: with --json output, each connection's path and store
  --format FMT    lint report: text (default), json or sarif (SARIF 2.1.0)
  --severity RULE=LEVEL  change a rule's severity (error, warning, information, hint or off)
  --output FILE   write the lint report to FILE instead of standard output
  -h, --help      show this help
  -v, --version   show the version

Exit status:
  0   success
  1   lint found an error-severity finding
  2   bad usage or invalid input: the message names the file and the field or
      line (a scenario field path such as events[3].at, a JSON line and
      column, a .sslcache/nginx/Apache line); nothing is written
  70  internal error (a bug: please report the message)
simulate runs scenarios of any size without asking (Ctrl-C stops it; the
editor asks first above sesscache.simulation.maxEvents). lint --output is
written atomically: a failed run leaves no partial report.
`;

declare const __SESSCACHE_VERSION__: string | undefined;
const VERSION: string = typeof __SESSCACHE_VERSION__ === 'string' ? __SESSCACHE_VERSION__ : 'dev';

interface ParsedArgs {
  positionals: string[];
  library: LibraryId;
  json: boolean;
}

function parseArgs(args: string[]): ParsedArgs {
  const parsed: ParsedArgs = { positionals: [], library: DEFAULT_LIBRARY, json: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--json') parsed.json = true;
    else if (a === '--library' || a.startsWith('--library=')) {
      const value = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (value === undefined) throw new UsageError('--library needs a value');
      try {
        parsed.library = parseLibraryId(value);
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
    } else if (a === '--') parsed.positionals.push(...args.slice(i + 1)), (i = args.length);
    else if (a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)) throw new UsageError(`unknown option ${a}`);
    else parsed.positionals.push(a);
  }
  return parsed;
}

/** Terminal text from hover markdown: no emphasis or code marks. */
function plain(markdown: string): string {
  return markdown.replace(/\*\*|`/g, '').replace(/(^|[\s(])\*([^*]+)\*/g, '$1$2');
}

export function formatExplanation(meaning: ModeMeaning): string {
  const { decoded } = meaning;
  const lines: string[] = [];
  lines.push(`${decoded.expression} = ${decoded.hex} (${decoded.value})`);
  lines.push(`library: ${LIBRARY_NAMES[meaning.library]}`);
  lines.push('');
  lines.push(plain(meaning.headline));
  lines.push('');
  lines.push('Flags:');
  for (const flag of decoded.flags) {
    const alias = flag.aliasOf ? ` = ${flag.aliasOf.map((n) => n.replace('SSL_SESS_CACHE_', '')).join(' | ')}` : '';
    lines.push(`  ${flag.name} (0x${flag.value.toString(16).padStart(4, '0')}${alias})`);
    lines.push(`      ${plain(flag.summary)}`);
  }
  for (const bit of decoded.unknownBitList) {
    lines.push(`  0x${bit.toString(16).padStart(4, '0')}`);
    lines.push('      Unknown bit: no library gives it a meaning.');
  }
  for (const [title, side] of [['Server', meaning.server], ['Client', meaning.client]] as const) {
    lines.push('');
    lines.push(`${title}${side.enabled ? '' : ' (bit not set)'}:`);
    for (const step of side.steps) lines.push(`  ${step.label}: ${plain(step.text)} (spec ${step.section})`);
  }
  if (meaning.notes.length > 0) {
    lines.push('');
    lines.push('Notes:');
    for (const note of meaning.notes) lines.push(`  - ${plain(note)}`);
  }
  return lines.join('\n') + '\n';
}

function explain(args: ParsedArgs, io: CliIo): number {
  if (args.positionals.length === 0) throw new UsageError('explain needs a MODE, e.g. sesscache explain "SERVER|NO_INTERNAL"');
  // A mode may arrive split by the shell: `explain SERVER | ...` cannot happen, but `explain SERVER "|" X` can.
  const text = args.positionals.join(' ');
  const result = evaluateModeText(text, { allowShortNames: true });
  if (!result.ok) {
    io.err(`sesscache explain: invalid mode "${text}": ${result.error.message}\n`);
    return EXIT_USAGE;
  }
  const meaning = explainMode(result.value, args.library);
  if (args.json) {
    const { decoded } = meaning;
    io.out(
      JSON.stringify(
        {
          value: decoded.value,
          hex: decoded.hex,
          expression: decoded.expression,
          flags: decoded.flags.map((f) => ({ name: f.name, value: f.value, summary: f.summary })),
          unknownBits: decoded.unknownBitList,
          library: meaning.library,
          headline: meaning.headline,
          server: meaning.server,
          client: meaning.client,
          notes: meaning.notes,
        },
        null,
        2,
      ) + '\n',
    );
  } else {
    io.out(formatExplanation(meaning));
  }
  return EXIT_OK;
}

export function runCli(argv: string[], io: CliIo): number {
  const [command, ...rest] = argv;
  try {
    if (command === undefined) {
      io.err(HELP);
      return EXIT_USAGE;
    }
    if (command === '--help' || command === '-h' || command === 'help') {
      io.out(HELP);
      return EXIT_OK;
    }
    if (command === '--version' || command === '-v') {
      io.out(VERSION + '\n');
      return EXIT_OK;
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(HELP);
      return EXIT_OK;
    }
    switch (command) {
      case 'explain':
        return explain(parseArgs(rest), io);
      case 'lint':
        return lintCommand(rest, io);
      case 'simulate':
        return simulateCommand(rest, io);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`sesscache: ${e.message}\nRun "sesscache --help" for usage.\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
}
