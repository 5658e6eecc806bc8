// The long fuzz run: `npm run fuzz -- --runs N [--seed S] [--target c|sslcache|nginx|apacheconf|scenario] [--big MB]`.
// The same targets as the CI suites (server/src/testing/fuzz/targets.ts), with a random seed unless
// given, failures shrunk, and what CI does not do because it needs a clock:
//  - a time budget per case: 50 ms + 2 ms per KB (generous: a loaded machine is not a finding);
//  - linear growth: every pathological shape timed at n and 4n (best of 3); more than 10 times
//    slower (linear is 4, quadratic 16) is a finding;
//  - --big MB: one generated file of that size per language, analysed, with its time printed.
// Needs `npm run compile-tests` (npm run fuzz does it). Exit code 1 on any finding.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { FUZZ_TARGETS, repeatTo } = require(join(root, 'out/server/src/testing/fuzz/targets.js'));
const { runFuzzTarget } = require(join(root, 'out/server/src/testing/fuzz/run.js'));

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '2000' },
    seed: { type: 'string' },
    target: { type: 'string' },
    size: { type: 'string', default: '2000' },
    big: { type: 'string', default: '0' },
  },
});
const runs = Number(values.runs);
const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
const targets = FUZZ_TARGETS.filter((t) => !values.target || t.name === values.target);
if (targets.length === 0) {
  console.error(`unknown target ${values.target}; expected one of ${FUZZ_TARGETS.map((t) => t.name).join(', ')}`);
  process.exit(2);
}

const budgetMs = (text) => 50 + (2 * text.length) / 1024;
const findings = [];
let total = 0;

for (const target of targets) {
  const started = performance.now();
  let slowest = { ms: 0, size: 0 };
  try {
    total += runFuzzTarget(target, {
      seed,
      runs,
      onCase: (text, ms) => {
        if (ms > slowest.ms) slowest = { ms, size: text.length };
        if (ms > budgetMs(text)) findings.push(`${target.name}: a case of ${text.length} characters took ${ms.toFixed(0)} ms: ${JSON.stringify(text.slice(0, 300))}`);
      },
    });
  } catch (e) {
    findings.push(`${target.name}: ${e.message}`);
  }
  console.log(`${target.name}: ${runs} cases (seed ${seed}) in ${((performance.now() - started) / 1000).toFixed(1)} s; slowest ${slowest.ms.toFixed(0)} ms (${slowest.size} characters)`);
}

/** Best of three, so that one pause of the machine is not a finding. */
function timeCheck(target, text) {
  let best = Infinity;
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    target.check(text);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

const n = Number(values.size);
for (const target of targets) {
  for (const shape of target.shapes) {
    try {
      const small = timeCheck(target, shape.make(n));
      const large = timeCheck(target, shape.make(4 * n));
      const ratio = large / Math.max(small, 1);
      if (large > 20 && ratio > 10) findings.push(`${target.name}: ${shape.name}: ${small.toFixed(0)} ms at n = ${n}, ${large.toFixed(0)} ms at n = ${4 * n} (${ratio.toFixed(1)} times)`);
      console.log(`${target.name}: ${shape.name}: ${small.toFixed(0)} ms -> ${large.toFixed(0)} ms (x${ratio.toFixed(1)})`);
    } catch (e) {
      findings.push(`${target.name}: ${shape.name}: ${e.message}`);
    }
  }
}

// Big files: realistic units repeated to the size asked, each language analysed once and timed.
const bigMb = Number(values.big);
if (bigMb > 0) {
  const units = {
    c: 'static long mode_of(SSL_CTX *ctx, int big) {\n  long m = SSL_CTX_get_session_cache_mode(ctx); /* read */\n  if (big) m |= SSL_SESS_CACHE_NO_INTERNAL_STORE;\n  return m;\n}\nvoid setup(SSL_CTX *ctx) { SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_AUTO_CLEAR); SSL_CTX_sess_set_new_cb(ctx, new_cb); }\n',
    sslcache: '# a line of comment\ntimeout 5m\n',
    nginx: 'server { listen 443 ssl; server_name a.example; ssl_session_cache shared:SSL:10m; ssl_session_timeout 1h; location / { proxy_pass http://b; } }\n',
    apacheconf: '<VirtualHost *:443>\n  ServerName a.example\n  SSLEngine on\n  SSLSessionCacheTimeout 300\n</VirtualHost>\n',
    scenario: null,
  };
  for (const target of targets) {
    const unit = units[target.name];
    if (!unit) continue;
    const text = target.name === 'nginx' ? `http { ${repeatTo(unit, bigMb * 1024 * 1024)} }` : repeatTo(unit, bigMb * 1024 * 1024);
    const t0 = performance.now();
    target.check(text);
    console.log(`${target.name}: a ${(text.length / 1024 / 1024).toFixed(1)} MB file checked in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
}

console.log(`\nfuzz: ${total} cases, ${findings.length} findings`);
for (const f of findings) console.log(`FINDING ${f}`);
process.exit(findings.length ? 1 : 0);
