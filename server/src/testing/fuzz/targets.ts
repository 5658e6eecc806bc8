/**
 * The fuzz targets: one per parser family, each with its corpus, its hostile inputs, the check
 * that must hold for every input (never throws, positions valid, rejections well-formed) and the
 * pathological shapes whose cost must grow linearly. The node:test suites next to each parser run
 * them with fixed seeds; scripts/fuzz.mjs runs them longer, with a time budget per case.
 */
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeC } from '../../languageservice/c/analysis';
import { extractConfig, sharedContexts } from '../../languageservice/c/config';
import { analyzeConfig, configFindings } from '../../languageservice/config';
import type { ConfigLanguageId } from '../../languageservice/config';
import type { ConfigIncludeLoader } from '../../languageservice/config/model';
import { APACHE_RULES } from '../../languageservice/config/apache/rules';
import { HAPROXY_RULES } from '../../languageservice/config/haproxy/rules';
import { NGINX_RULES } from '../../languageservice/config/nginx/rules';
import { POSTFIX_RULES } from '../../languageservice/config/postfix/rules';
import { STUNNEL_RULES } from '../../languageservice/config/stunnel/rules';
import { PERL_DIALECT, PERL_SHAPES } from '../../languageservice/perl/fuzzDialect';
import { RUST_DIALECT, RUST_SHAPES } from '../../languageservice/rust/fuzzDialect';
import { SslcacheConversionError, completeSslcache, formatSslcache, sslcacheToScenario } from '../../languageservice/config/sslcache';
import { hoverC } from '../../languageservice/hover/hover';
import { lintExtracted } from '../../languageservice/rules/lint';
import { allRules } from '../../languageservice/rules/registry';
import { configurationAt, simConfigsForContext } from '../../languageservice/simulator/fromCode';
import { predictPaths } from '../../languageservice/simulator/predict';
import { runScenario, summariseScenario } from '../../languageservice/simulator/run';
import { Scenario, ScenarioError, parseScenario } from '../../languageservice/simulator/scenario';
import { repoRoot } from '../paths';
import { Dialect, anyCodePoints, hostileText } from './mutations';
import { assertRange, assertRangesIn, probeOffsets } from './positions';

/** A pathological input of size parameter n (repetitions, nesting levels), for linear-growth checks. */
export interface Shape {
  name: string;
  make(n: number): string;
}

export interface FuzzTarget {
  name: string;
  /** Hostile inputs (corpus read lazily: building the arbitrary reads the fixtures). */
  inputs(): fc.Arbitrary<string>;
  /** Throws when a property fails for this input. */
  check(text: string): void;
  shapes: readonly Shape[];
}

const LIBRARY = 'openssl-3.0' as const;

function filesUnder(dir: string, accept: (file: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name), accept) : accept(e.name) ? [path.join(dir, e.name)] : []))
    .sort();
}

/** The texts of every file under the given repository folders whose name passes `accept`. */
export function corpusOf(folders: readonly string[], accept: (file: string) => boolean): string[] {
  const root = repoRoot();
  return folders.flatMap((f) => filesUnder(path.join(root, f), accept)).map((file) => fs.readFileSync(file, 'utf8'));
}

const LS = 'server/src/languageservice';
const byExtension = (...extensions: string[]) => (file: string) => extensions.some((e) => file.endsWith(e));

/** Repeats `unit` until the text is at least `bytes` long (long lines, big files). */
export function repeatTo(unit: string, bytes: number): string {
  return unit.repeat(Math.max(1, Math.ceil(bytes / unit.length)));
}

// ---------------------------------------------------------------------------------------------
// C, C++, Objective-C: scanner, macros, analysis, extractor, every rule, hovers, code lens spans.

const C_DIALECT: Dialect = {
  specials: [
    '/*', '*/', '//', '"', "'", 'R"x(', ')x"', 'u8R"(', '{', '}', '(', ')', '[', ']', ';', ',', '#', '#if 0\n', '#endif\n', '#ifdef X\n', '#else\n',
    '#define M ', '#include "x.h"\n', '\\\n', '|', '&', '~', '?', ':', '::', '->', 'SSL_SESS_CACHE_SERVER', 'SSL_SESS_CACHE_', 'SSL_CTX_',
    'SSL_CTX_set_session_cache_mode(ctx, ', 'SSL_CTX_ctrl(ctx, SSL_CTRL_SET_SESS_CACHE_MODE, ', 'SSL_CTX_sess_set_new_cb(ctx, ', 'SSL_CTX *g_ctx;',
    'SSL_CTX_get_session_cache_mode(ctx)', 'static ', '0x', "1'000", 'L"', "u'", '?:', 'mode = ', '(long)', 'static_cast<long>(',
  ],
};

function checkC(text: string): void {
  const doc = analyzeC(text);
  const file = extractConfig(doc);
  assertRangesIn(text, file, 'extracted');
  const findings = lintExtracted(doc, file, { library: LIBRARY });
  assertRangesIn(text, findings, 'findings');
  // The sparse scan must not change what is found.
  const full = analyzeC(text, { fullScan: true });
  const fullFindings = lintExtracted(full, extractConfig(full), { library: LIBRARY });
  if (JSON.stringify(fullFindings) !== JSON.stringify(findings)) throw new Error('a full scan finds something else than the sparse scan');
  sharedContexts(file, 'fuzz.c');
  for (const offset of probeOffsets(text)) {
    const hover = hoverC(doc, offset, { library: LIBRARY });
    if (hover) {
      assertRange(text, hover.start, hover.end, `hover at ${offset}`);
      if (!hover.markdown) throw new Error(`empty hover at ${offset}`);
    }
    configurationAt(file, offset);
  }
  // The code lenses: one prediction per mode call with one known value.
  for (const ctx of file.contexts.slice(0, 4)) {
    for (const mode of ctx.modes.slice(0, 4)) {
      if (mode.values.length === 1) for (const config of simConfigsForContext(file, ctx, mode.values[0], LIBRARY)) predictPaths(config);
    }
  }
}

const C_SHAPES: readonly Shape[] = [
  { name: 'parentheses nested n deep in a mode argument', make: (n) => `void f(SSL_CTX *ctx) { SSL_CTX_set_session_cache_mode(ctx, ${'('.repeat(n)}SSL_SESS_CACHE_SERVER${')'.repeat(n)}); }\n` },
  { name: 'braces nested n deep around a mode call', make: (n) => `void f(SSL_CTX *ctx) ${'{'.repeat(n)} SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER); ${'}'.repeat(n)}\n` },
  { name: 'n unclosed parentheses after a call', make: (n) => `SSL_CTX_set_session_cache_mode(ctx, ${'('.repeat(n)}` },
  { name: 'n unclosed braces', make: (n) => `SSL_CTX *c; void f() ${'{ SSL_CTX_new(x); '.repeat(n)}` },
  { name: 'n closing braces and parentheses', make: (n) => `SSL_CTX_set_session_cache_mode(ctx, 0)${')}'.repeat(n)}` },
  { name: 'a mode of n flags on one line', make: (n) => `void f(SSL_CTX *ctx) { SSL_CTX_set_session_cache_mode(ctx, ${'SSL_SESS_CACHE_SERVER | '.repeat(n)}0); }\n` },
  { name: 'n mode calls on one context', make: (n) => `void f(SSL_CTX *ctx) {\n${'  SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_AUTO_CLEAR);\n'.repeat(n)}}\n` },
  { name: 'n contexts', make: (n) => Array.from({ length: n }, (_, i) => `void f${i}(SSL_CTX *c${i}) { SSL_CTX_set_session_cache_mode(c${i}, SSL_SESS_CACHE_CLIENT); SSL_CTX_sess_set_new_cb(c${i}, cb); }\n`).join('') },
  { name: 'a chain of n macros', make: (n) => `#define M0 SSL_SESS_CACHE_SERVER\n${Array.from({ length: n }, (_, i) => `#define M${i + 1} (M${i} | SSL_SESS_CACHE_NO_AUTO_CLEAR)\n`).join('')}void f(SSL_CTX *ctx) { SSL_CTX_set_session_cache_mode(ctx, M${n}); }\n` },
  { name: 'n read-modify-writes of a mode variable', make: (n) => `void f(SSL_CTX *ctx) { long m = SSL_CTX_get_session_cache_mode(ctx);\n${'  m = c ? m | SSL_SESS_CACHE_NO_INTERNAL : m & ~SSL_SESS_CACHE_CLIENT;\n'.repeat(n)}  SSL_CTX_set_session_cache_mode(ctx, m); }\n` },
  { name: 'a ternary chain of depth n', make: (n) => `void f(SSL_CTX *ctx) { SSL_CTX_set_session_cache_mode(ctx, ${'a ? SSL_SESS_CACHE_SERVER : '.repeat(n)}SSL_SESS_CACHE_OFF); }\n` },
  { name: 'n nested #if blocks', make: (n) => `${'#if X\n'.repeat(n)}SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER);\n${'#else\nSSL_CTX_set_session_cache_mode(ctx, 0);\n#endif\n'.repeat(n)}` },
  { name: 'an unterminated comment', make: (n) => `SSL_CTX_set_session_cache_mode(ctx, /*${' SSL_SESS_CACHE_SERVER'.repeat(n)}` },
  { name: 'an unterminated string', make: (n) => `SSL_CTX_set_session_cache_mode(ctx, "${'SSL_SESS_CACHE_SERVER \\" '.repeat(n)}` },
  { name: 'an unterminated raw string', make: (n) => `SSL_CTX_new(m); auto s = R"abc(${')abc '.repeat(n)}` },
  { name: 'line continuations', make: (n) => `#define MODE SSL_SESS_CACHE_SERVER ${'| \\\n  SSL_SESS_CACHE_NO_INTERNAL_LOOKUP '.repeat(n)}\nSSL_CTX_set_session_cache_mode(ctx, MODE);\n` },
  { name: 'one line of n identifiers with CR line ends', make: (n) => `SSL_CTX_new(x);\r${'SSL_CTX_foo(a, b)\r'.repeat(n)}` },
  { name: 'n ignore comments', make: (n) => `void f(SSL_CTX *ctx) {\n${'  SSL_CTX_set_session_cache_mode(ctx, 0x3); // sesscache-ignore numeric-mode, a, b\n'.repeat(n)}}\n` },
];

export const C_TARGET: FuzzTarget = {
  name: 'c',
  inputs: () => {
    const files = corpusOf([`${LS}/rules/corpus`, `${LS}/hover/fixtures`, 'examples/c'], byExtension('.c', '.cc', '.cpp', '.h', '.m', '.mm'));
    const examples = allRules.flatMap((r) => [...r.bad, ...r.good].map((e) => e.code));
    return hostileText([...files, ...examples], C_DIALECT);
  },
  check: checkC,
  shapes: C_SHAPES,
};

// ---------------------------------------------------------------------------------------------
// Configuration languages, through the entry point the server and the CLI use.

/** Includes that resolve to a mutated corpus file, to the document itself (a cycle) or to nothing. */
function includeLoaderFor(text: string): ConfigIncludeLoader {
  return (name) => {
    const h = [...name].reduce((a, c) => (a * 31 + c.charCodeAt(0)) >>> 0, 7);
    if (h % 4 === 0) return undefined;
    if (h % 4 === 1) return [{ name: 'self', text }];
    return [{ name, text: text.slice(h % (text.length + 1)) }, { name: name + '.2', text: `include ${name};\nInclude ${name}\n` }];
  };
}

function checkConfig(languageId: ConfigLanguageId, text: string): void {
  const doc = analyzeConfig(languageId, text, { library: LIBRARY, loadInclude: includeLoaderFor(text) });
  assertRangesIn(text, doc.analysis.settings, 'settings');
  for (const s of doc.analysis.settings) {
    if (!Number.isInteger(s.mode) || s.mode < 0 || s.mode > 0xffffffff) throw new Error(`setting ${s.label}: mode ${s.mode} is not a 32-bit value`);
  }
  assertRangesIn(text, configFindings(doc, { library: LIBRARY }), 'findings');
  for (const offset of probeOffsets(text)) {
    const hover = doc.analysis.hoverAt(offset);
    if (hover) assertRange(text, hover.start, hover.end, `hover at ${offset}`);
  }
}

function checkSslcache(text: string): void {
  checkConfig('sslcache', text);
  const offsets = probeOffsets(text, 4);
  for (const offset of offsets) assertRangesIn(text, completeSslcache(text, offset, { library: LIBRARY }).map((c) => ({ start: c.replaceStart, end: c.replaceEnd })), `completion at ${offset}`);
  assertRangesIn(text, formatSslcache(text), 'format');
  // A document the converter accepts must become a scenario the simulator accepts.
  let scenario: Record<string, unknown>;
  try {
    scenario = sslcacheToScenario(text, undefined, { library: LIBRARY });
  } catch (e) {
    if (e instanceof SslcacheConversionError) return;
    throw e;
  }
  parseScenario(JSON.stringify(scenario));
}

const SSLCACHE_DIALECT: Dialect = {
  specials: [
    '#', '"', '\\"', '\\u{1F600}', '\\u{D800}', '\\x', '|', 'mode ', 'mode server | no-auto-clear', 'library ', 'library openssl-1.0.2', 'role client',
    'cache-size ', 'timeout ', '5m', '1h30m', '1d', 'session-id-context "', 'callbacks new get remove', 'tickets no', 'num-tickets ',
    'workload web', 'workload ', '  connections ', '  clients ', '  duration 1h', '  rate 10/s', '  resume ', '90%', 'flush-interval ', 'seed ',
    '\n  ', ':', '=', '{', '}', '0x', '1_000', '1,000', '.5', '-1',
  ],
};

const NGINX_DIALECT: Dialect = {
  specials: [
    '{', '}', ';', '"', "'", '#', '\\', '$', '${', 'server {', 'http {', 'mail {', 'stream {', 'location / {', 'include x;', 'include *.conf;',
    'ssl_session_cache ', 'shared:SSL:10m', 'builtin:1000', 'none', 'off', 'ssl_session_timeout ', '1h30m', 'ssl_session_tickets off;',
    'ssl_verify_client on;', 'listen 443 ssl;', 'worker_processes ', 'content_by_lua_block {', '[[', ']]', 'if ($x) {', ':',
  ],
};

const APACHE_DIALECT: Dialect = {
  specials: [
    '<', '>', '</', '"', "'", '#', '\\', '\\\n', '<VirtualHost *:443>', '</VirtualHost>', '<IfModule ssl_module>', '</IfModule>', '<IfDefine X>',
    'Include x\n', 'IncludeOptional *.conf\n', 'SSLSessionCache ', 'shmcb:/run/c(512000)', 'dbm:/x', 'none', 'nonenotnull', 'SSLSessionCacheTimeout ',
    'SSLSessionTickets off\n', 'SSLEngine on\n', 'SSLVerifyClient require\n', 'Listen 443\n', '${VAR}', '(', ')', ':',
  ],
};

const HAPROXY_DIALECT: Dialect = {
  specials: [
    '#', '"', "'", '\\', 'global\n', 'frontend www\n', 'listen l\n', 'backend b\n', 'tune.ssl.cachesize ', 'tune.ssl.lifetime ', '7d', '0',
    'ssl-default-bind-options no-tls-tickets\n', 'bind :443 ssl crt x.pem', ' no-tls-tickets', ' verify required', ' ssl-max-ver TLSv1.2', '\n    ',
  ],
};

const STUNNEL_DIALECT: Dialect = {
  specials: [
    ';', '#', '=', ' = ', '[', ']', '[https]\n', 'client = yes\n', 'sessionCacheSize = ', 'sessionCacheTimeout = ', 'sessionResume = no\n',
    'sessiond = 127.0.0.1:1\n', 'options = NO_TICKET\n', 'verifyChain = yes\n', 'sslVersionMin = TLSv1.3\n', '604800', '\n',
  ],
};

const POSTFIX_DIALECT: Dialect = {
  specials: [
    '#', '=', ' = ', '\n  ', '\n', 'smtpd_tls_security_level = may\n', 'smtpd_tls_session_cache_database = btree:${data_directory}/smtpd_scache\n',
    'smtpd_tls_session_cache_timeout = ', '30d', '0', 'tls_session_ticket_cipher =\n', 'smtpd_tls_req_ccert = yes\n', '$', '${',
  ],
};

const PYTHON_DIALECT: Dialect = {
  specials: [
    '#', '"', "'", '"""', "b'", '\\', '(', ')', ',', '|', '.', 'SSL.', 'SESS_CACHE_SERVER', 'SSL.SESS_CACHE_CLIENT', 'SESS_CACHE_NO_AUTO_CLEAR',
    'ctx.set_session_cache_mode(', 'ctx.set_timeout(', 'ctx.set_session_id(b"x")', 'ctx.set_options(SSL.OP_NO_TICKET)', 'conn.set_accept_state()', '\n',
  ],
};

const RUBY_DIALECT: Dialect = {
  specials: [
    '#', '"', "'", '\\', '\n=begin\n', '\n=end\n', '::', '|', '(', ')', '=', 'OpenSSL::SSL::SSLContext::', 'SESSION_CACHE_SERVER', 'SSLContext::SESSION_CACHE_CLIENT',
    'ctx.session_cache_mode = ', 'ctx.timeout = ', 'ctx.session_cache_size = ', 'ctx.session_new_cb = proc { |s| }', '@ctx.', 'ssl.accept', '\n',
  ],
};

const CONFIG_SHAPES: Record<ConfigLanguageId, readonly Shape[]> = {
  perl: PERL_SHAPES,
  rust: RUST_SHAPES,
  ruby: [
    { name: 'n unclosed parentheses', make: (n) => `ctx.session_cache_mode = ${'('.repeat(n)}` },
    { name: 'a mode of n flags', make: (n) => `ctx.session_cache_mode = ${'OpenSSL::SSL::SSLContext::SESSION_CACHE_SERVER |\n'.repeat(n)}0` },
    { name: 'n contexts', make: (n) => Array.from({ length: n }, (_, i) => `c${i}.session_cache_mode = SSLContext::SESSION_CACHE_SERVER\n`).join('') },
    { name: 'an unterminated string of n escapes', make: (n) => `"${'\\"'.repeat(n)}` },
    { name: 'a constant path of n names', make: (n) => `x = ${'A::'.repeat(n)}SESSION_CACHE_SERVER` },
  ],
  python: [
    { name: 'n unclosed calls', make: (n) => 'ctx.set_timeout('.repeat(n) },
    { name: 'a mode of n flags', make: (n) => `ctx.set_session_cache_mode(${'SSL.SESS_CACHE_SERVER | '.repeat(n)}0)` },
    { name: 'n contexts', make: (n) => Array.from({ length: n }, (_, i) => `c${i}.set_session_cache_mode(SSL.SESS_CACHE_SERVER)\n`).join('') },
    { name: 'an unterminated triple-quoted string of n escapes', make: (n) => `"""${'\\"'.repeat(n)}` },
    { name: 'a receiver of n names', make: (n) => `${'a.'.repeat(n)}set_session_cache_mode(1)` },
  ],
  sslcache: [
    { name: 'n directives', make: (n) => 'mode server\n' + 'timeout 5m\ncache-size 100\n'.repeat(n) },
    { name: 'a mode of n flags', make: (n) => `mode ${'server | '.repeat(n)}client\n` },
    { name: 'n workloads', make: (n) => 'mode server\n' + Array.from({ length: n }, (_, i) => `workload w${i}\n  connections 10\n  clients 3\n`).join('') },
    { name: 'an unterminated string of n escapes', make: (n) => `session-id-context "${'\\u{41}\\"'.repeat(n)}` },
    { name: 'a duration of n units', make: (n) => `timeout ${'1d'.repeat(n)}\n` },
    { name: 'n blanks inside a mode', make: (n) => `mode server${' '.repeat(n)}x\n` },
    { name: 'a number of n digits', make: (n) => `cache-size 1${'0'.repeat(n)}1\n` },
    { name: 'one line of n words', make: (n) => `callbacks${' new'.repeat(n)}\n` },
  ],
  nginx: [
    { name: 'blocks nested n deep', make: (n) => `http { ${'server { '.repeat(n)}ssl_session_cache shared:SSL:1m; ${'} '.repeat(n)}}` },
    { name: 'n unclosed blocks', make: (n) => 'http {'.repeat(n) },
    { name: 'n closing braces', make: (n) => '}'.repeat(n) },
    { name: 'n servers', make: (n) => `http { ssl_session_cache shared:S:1m;\n${'server { listen 443 ssl; ssl_session_timeout 1h; }\n'.repeat(n)}}` },
    { name: 'an unterminated quote', make: (n) => `ssl_session_cache "${'a\\" '.repeat(n)}` },
    { name: 'a lua block with n brackets', make: (n) => `content_by_lua_block { ${'[['.repeat(n)}` },
    { name: 'a time of n units', make: (n) => `http { ssl_session_timeout ${'1h'.repeat(n)}; }` },
    { name: 'one line of n arguments', make: (n) => `ssl_session_cache${' builtin:1'.repeat(n)};` },
  ],
  apacheconf: [
    { name: 'sections nested n deep', make: (n) => `${'<IfModule x>\n'.repeat(n)}SSLSessionCache none\n${'</IfModule>\n'.repeat(n)}` },
    { name: 'n unclosed sections', make: (n) => '<VirtualHost *:443>\n'.repeat(n) },
    { name: 'n stray closing tags', make: (n) => '</VirtualHost>\n'.repeat(n) },
    { name: 'n virtual hosts', make: (n) => `SSLSessionCache shmcb:/c(512000)\n${'<VirtualHost *:443>\nSSLEngine on\nSSLSessionCacheTimeout 300\n</VirtualHost>\n'.repeat(n)}` },
    { name: 'n line continuations', make: (n) => `SSLSessionCache ${'a \\\n'.repeat(n)}` },
    { name: 'an unterminated quote', make: (n) => `SSLSessionCache "${'a\\" '.repeat(n)}` },
    { name: 'a cache size of n digits', make: (n) => `SSLSessionCache shmcb:/c(${'9'.repeat(n)}   )\n` },
    { name: 'an address of n brackets', make: (n) => `<VirtualHost ${'['.repeat(n)}:443>\nSSLEngine on\n</VirtualHost>\n` },
  ],
  postfix: [
    { name: 'n continuation lines', make: (n) => `smtpd_tls_security_level = may\nsmtpd_tls_session_cache_database = x${'\n  y'.repeat(n)}\n` },
    { name: 'n assignments', make: (n) => `smtpd_tls_security_level = may\n${'smtpd_tls_session_cache_timeout = 30d\n'.repeat(n)}` },
    { name: 'a line of n equals', make: (n) => `smtpd_tls_session_cache_timeout ${'='.repeat(n)}\n` },
    { name: 'n orphan lines', make: (n) => ' x\ny\n'.repeat(n) },
  ],
  stunnel: [
    { name: 'n services', make: (n) => `sessionCacheTimeout = 604800\nsessiond = a:1\n${'[s]\nsessionResume = no\n'.repeat(n)}` },
    { name: 'n options in a service', make: (n) => `[s]\n${'options = NO_TICKET\n'.repeat(n)}` },
    { name: 'an unterminated section of n brackets', make: (n) => `${'['.repeat(n)}\n` },
    { name: 'a line of n equals', make: (n) => `[s]\nsessionCacheSize ${'='.repeat(n)}\n` },
  ],
  haproxy: [
    { name: 'n frontends', make: (n) => `global\n tune.ssl.lifetime 7d\n${'frontend f\n bind :443 ssl crt x.pem\n'.repeat(n)}` },
    { name: 'one bind of n words', make: (n) => `frontend f\n bind :443 ssl${' no-tls-tickets'.repeat(n)}\n` },
    { name: 'an unterminated quote', make: (n) => `global\n tune.ssl.cachesize "${'a\\" '.repeat(n)}` },
    { name: 'a number of n digits', make: (n) => `global\n tune.ssl.cachesize ${'9'.repeat(n)}\n` },
    { name: 'n blank lines', make: (n) => `global\n${' \t\r\n'.repeat(n)}` },
  ],
};

function configTarget(languageId: ConfigLanguageId, folders: string[], accept: (f: string) => boolean, dialect: Dialect, examples: string[]): FuzzTarget {
  return {
    name: languageId,
    inputs: () => hostileText([...corpusOf(folders, accept), ...examples], dialect),
    check: languageId === 'sslcache' ? checkSslcache : (text) => checkConfig(languageId, text),
    shapes: CONFIG_SHAPES[languageId],
  };
}

const notJson = (f: string) => !f.endsWith('.json') && !f.endsWith('.md');
const ruleExamples = (rules: readonly { bad: readonly { code: string }[]; good: readonly { code: string }[] }[]) => rules.flatMap((r) => [...r.bad, ...r.good].map((e) => e.code));

export const SSLCACHE_TARGET = configTarget('sslcache', [`${LS}/config/sslcache/fixtures`, 'examples/sslcache'], byExtension('.sslcache'), SSLCACHE_DIALECT, []);
export const NGINX_TARGET = configTarget('nginx', [`${LS}/config/nginx/fixtures`, 'examples/nginx'], notJson, NGINX_DIALECT, ruleExamples(NGINX_RULES));
export const POSTFIX_TARGET = configTarget('postfix', [`${LS}/config/postfix/fixtures`], notJson, POSTFIX_DIALECT, ruleExamples(POSTFIX_RULES));
export const STUNNEL_TARGET = configTarget('stunnel', [`${LS}/config/stunnel/fixtures`], notJson, STUNNEL_DIALECT, ruleExamples(STUNNEL_RULES));
export const HAPROXY_TARGET = configTarget('haproxy', [`${LS}/config/haproxy/fixtures`], notJson, HAPROXY_DIALECT, ruleExamples(HAPROXY_RULES));
export const APACHE_TARGET = configTarget('apacheconf', [`${LS}/config/apache/fixtures`, 'examples/apache2'], notJson, APACHE_DIALECT, ruleExamples(APACHE_RULES));
export const RUBY_TARGET = configTarget('ruby', [`${LS}/ruby/fixtures`], byExtension('.rb'), RUBY_DIALECT, []);
export const PYTHON_TARGET = configTarget('python', [`${LS}/python/fixtures`], byExtension('.py'), PYTHON_DIALECT, []);
export const RUST_TARGET = configTarget('rust', [`${LS}/rust/fixtures`], byExtension('.rs'), RUST_DIALECT, []);
export const PERL_TARGET = configTarget('perl', [`${LS}/perl/fixtures`], (f) => f.endsWith('.pl') || f.endsWith('.pm'), PERL_DIALECT, []);

// ---------------------------------------------------------------------------------------------
// The scenario contract: parseScenario accepts or throws a ScenarioError naming the field; what it
// accepts, the simulator runs (workloads cut down to a few hundred connections).

/** A field path as ScenarioError writes it: `server.mode`, `events[3].at`, `["odd key"]`, or "". */
const FIELD_PATH = /^(?:(?:[A-Za-z_$][A-Za-z0-9_$]*|\[(?:\d+|"(?:[^"\\]|\\.)*")\])(?:\.[A-Za-z_$][A-Za-z0-9_$]*|\[(?:\d+|"(?:[^"\\]|\\.)*")\])*)?$/;

const SMALL_RUN = 300;

function checkScenario(text: string): void {
  let scenario: Scenario;
  try {
    scenario = parseScenario(text);
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw new Error(`parseScenario threw ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
    if (!FIELD_PATH.test(e.path)) throw new Error(`ScenarioError path ${JSON.stringify(e.path)} is not a field path`);
    if (!e.message.startsWith(e.path ? `${e.path}: ` : '') || !e.detail) throw new Error(`ScenarioError message does not start with its path: ${e.message}`);
    return;
  }
  if (scenario.workload) {
    const small: Scenario = { ...scenario, workload: { ...scenario.workload, connections: Math.min(scenario.workload.connections, SMALL_RUN) } };
    summariseScenario(small);
    runScenario(small);
  } else if (scenario.events.length <= 5 * SMALL_RUN) {
    summariseScenario(scenario);
    runScenario(scenario);
  }
}

/** Scenario-shaped JSON with random values in every field: reaches the validation behind the JSON reader. */
function scenarioObjects(): fc.Arbitrary<string> {
  const anyValue = fc.oneof(
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    { weight: 2, arbitrary: fc.integer({ min: -5, max: 1 << 20 }) },
    { weight: 1, arbitrary: fc.constantFrom(0, 1, 2 ** 53, -1, 1.5, 1e300, 'SERVER | CLIENT', 'server', 'SSL_SESS_CACHE_SERVER|0x80', '0X1', ' SERVER', 'all', 'expired', 'new', '', 'TLSv1.3') },
  );
  const event = fc.record(
    { at: fc.oneof(fc.nat(100), anyValue), connect: fc.oneof(fc.constantFrom('a', 'b', 'c'), anyValue), flush: fc.oneof(fc.constantFrom('all', 'expired'), anyValue), resume: fc.oneof(fc.boolean(), anyValue), abort: fc.oneof(fc.boolean(), anyValue) },
    { requiredKeys: ['at'] },
  );
  const server = fc.record(
    { mode: anyValue, cacheSize: anyValue, timeout: anyValue, sessionIdContext: fc.oneof(anyCodePoints(40), anyValue), verifyPeer: anyValue, tickets: anyValue, numTickets: anyValue, callbacks: fc.oneof(fc.array(fc.constantFrom('new', 'get', 'remove', 'nwe')), anyValue), extra: anyValue },
    { requiredKeys: [] },
  );
  const workload = fc.record(
    { seed: anyValue, clients: fc.oneof(fc.integer({ min: 1, max: 50 }), anyValue), connections: fc.oneof(fc.nat(500), anyValue), duration: anyValue, rate: anyValue, resumeProbability: anyValue, abortProbability: anyValue, flushInterval: anyValue, flush: anyValue, start: anyValue },
    { requiredKeys: [] },
  );
  return fc
    .record(
      { version: fc.oneof(fc.constant(1), anyValue), library: fc.oneof(fc.constantFrom('openssl-3.0', 'openssl-1.0.2', 'boringssl', 'libressl'), anyValue), protocol: fc.oneof(fc.constantFrom('TLSv1.2', 'TLSv1.3'), anyValue), server, events: fc.oneof(fc.array(event, { maxLength: 30 }), anyValue), workload, bogus: anyValue },
      { requiredKeys: [] },
    )
    .map((o) => JSON.stringify(o));
}

const SCENARIO_DIALECT: Dialect = {
  specials: [
    '{', '}', '[', ']', ',', ':', '"', '\\"', '\\u', '\\uD800', '\\uDC00', '\\u0000', 'null', 'true', 'false', '1.0', '1e400', '-0', '0.5', '01',
    '"version": 1, "version": 1', '"at": 0', '"connect": "a"', '"flush": "all"', '"mode": "SERVER | NO_AUTO_CLEAR"', '"workload": {}', '"clients": 9007199254740991',
  ],
};

export const SCENARIO_TARGET: FuzzTarget = {
  name: 'scenario',
  inputs: () => {
    const corpus = corpusOf([`${LS}/simulator/scenarios`, 'examples/scenarios'], byExtension('.json'));
    return fc.oneof({ weight: 3, arbitrary: hostileText(corpus, SCENARIO_DIALECT) }, { weight: 2, arbitrary: scenarioObjects() });
  },
  check: checkScenario,
  shapes: [
    { name: 'arrays nested n deep', make: (n) => `{"version":1,"protocol":"TLSv1.2","events":${'['.repeat(n)}${']'.repeat(n)}}` },
    { name: 'n unclosed objects', make: (n) => '{"a":'.repeat(n) },
    { name: 'n blanks inside a mode string', make: (n) => `{"version":1,"protocol":"TLSv1.2","server":{"mode":"SERVER${' '.repeat(n)}x"},"events":[]}` },
    { name: 'a number with n zeros', make: (n) => `{"version":1,"protocol":"TLSv1.2","server":{"timeout":1${'0'.repeat(n)}1},"events":[]}` },
    { name: 'a fraction with n digits', make: (n) => `{"version":1.${'0'.repeat(n)}1}` },
    { name: 'a string of n escapes', make: (n) => `{"version":1,"protocol":"TLSv1.2","server":{"sessionIdContext":"${'\\u0041'.repeat(n)}"},"events":[]}` },
    { name: 'n events', make: (n) => `{"version":1,"protocol":"TLSv1.3","server":{"callbacks":["new","get"]},"events":[${Array.from({ length: n }, (_, i) => `{"at":${i},"connect":"c${i % 7}"}`).join(',')}]}` },
    { name: 'a duplicate key after n keys', make: (n) => `{"version":1,"protocol":"TLSv1.2","events":[],${Array.from({ length: n }, (_, i) => `"k${i}":0,`).join('')}"k0":1}` },
  ],
};

export const FUZZ_TARGETS: readonly FuzzTarget[] = [C_TARGET, SSLCACHE_TARGET, NGINX_TARGET, APACHE_TARGET, HAPROXY_TARGET, STUNNEL_TARGET, POSTFIX_TARGET, PYTHON_TARGET, RUBY_TARGET, PERL_TARGET, RUST_TARGET, SCENARIO_TARGET];
