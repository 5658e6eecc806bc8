/**
 * The `.sslcache` snippets: a new-file skeleton and the common cache recipes. `snippets/sslcache.json`
 * (VS Code) is generated from these (recipes.test.ts checks it is up to date), and completion
 * offers them too. Bodies use the LSP/VS Code snippet syntax.
 */
export interface SslcacheRecipe {
  /** The VS Code snippet's title. */
  name: string;
  prefix: string;
  description: string;
  body: readonly string[];
  /** `file`: a whole file (offered in an empty document); `server`: server lines; `workload`: a workload block. */
  scope: 'file' | 'server' | 'workload';
}

export const SSLCACHE_RECIPES: readonly SslcacheRecipe[] = [
  {
    name: 'New session cache file',
    prefix: 'sslcache',
    description: 'A server cache configuration and one workload to simulate.',
    scope: 'file',
    body: [
      '# ${1:What this server is}',
      'library ${2|openssl-3.0,openssl-1.1.1,openssl-1.0.2,libressl,boringssl|}',
      'protocol ${3|TLSv1.2 TLSv1.3,TLSv1.3,TLSv1.2|}',
      'mode ${4:SERVER}',
      'cache-size ${5:20480}',
      'timeout ${6:5m}',
      'session-id-context "${7:my-service}"',
      'tickets ${8|yes,no|}',
      '',
      'workload ${9:peak}',
      '  preset ${10|web,api,mail|}',
      '  duration ${11:1h}',
      '$0',
    ],
  },
  {
    name: 'External cache only',
    prefix: 'external-cache',
    description:
      'SERVER | NO_INTERNAL | NO_AUTO_CLEAR with new, get and remove callbacks: the recipe of Apache, nginx shared:, HAProxy and Postfix. Sets a session id context, which peer verification needs.',
    scope: 'server',
    body: [
      'mode SERVER | NO_INTERNAL | NO_AUTO_CLEAR',
      'session-id-context "${1:my-service}"',
      'callbacks new get remove',
      'tickets ${2|yes,no|}',
      '$0',
    ],
  },
  {
    name: 'Internal cache',
    prefix: 'internal-cache',
    description: 'The default SERVER cache with an explicit size, timeout and session id context; no callbacks.',
    scope: 'server',
    body: ['mode SERVER', 'cache-size ${1:20480}', 'timeout ${2:2h}', 'session-id-context "${3:my-service}"', 'callbacks none', '$0'],
  },
  {
    name: 'Internal and external cache',
    prefix: 'two-level-cache',
    description: 'SERVER with the callbacks: the internal cache answers first, the external one (shared between processes) second.',
    scope: 'server',
    body: ['mode SERVER', 'cache-size ${1:20480}', 'timeout ${2:5m}', 'session-id-context "${3:my-service}"', 'callbacks new get remove', '$0'],
  },
  {
    name: 'Tickets only (stateless)',
    prefix: 'tickets-only',
    description: 'OFF with tickets on: nothing is kept on the server and sessions resume over tickets only (OFF does not stop tickets).',
    scope: 'server',
    body: ['mode OFF', 'tickets yes', 'num-tickets ${1:2}', 'callbacks none', '$0'],
  },
  {
    name: 'No resumption at all',
    prefix: 'no-resumption',
    description: 'OFF alone still resumes over tickets; this also turns off TLS 1.2 tickets and TLS 1.3 tickets.',
    scope: 'server',
    body: ['mode OFF', 'tickets no', 'num-tickets 0', 'callbacks none', '$0'],
  },
  {
    name: 'Client certificates with a session id context',
    prefix: 'verify-peer',
    description: 'verify-peer yes needs a session id context: without one sessions are not cached and resumptions fail the handshake.',
    scope: 'server',
    body: ['verify-peer yes', 'session-id-context "${1:my-service}"', '$0'],
  },
  {
    name: 'Workload',
    prefix: 'workload-block',
    description: 'A named workload: a preset and the fields that differ from it.',
    scope: 'workload',
    body: ['workload ${1:peak}', '  preset ${2|web,api,mail|}', '  ${3|duration 1h,connections 100000|}', '  seed ${4:1}', '$0'],
  },
  {
    name: 'Workload: clients that never resume',
    prefix: 'workload-no-resume',
    description: 'The baseline: every client makes a full handshake every time (resume 0), to compare a cache against.',
    scope: 'workload',
    body: ['workload ${1:baseline}', '  preset ${2|web,api,mail|}', '  resume 0', '$0'],
  },
  {
    name: 'Workload: explicit flushes',
    prefix: 'workload-flush',
    description: 'Flushes expired sessions at a fixed interval, as an application with NO_AUTO_CLEAR must.',
    scope: 'workload',
    body: ['workload ${1:flushed}', '  preset ${2|web,api,mail|}', '  flush-interval ${3:10m}', '  flush ${4|expired,all|}', '$0'],
  },
];

/** The VS Code snippets file (`snippets/sslcache.json`) for the recipes. */
export function snippetsJson(): Record<string, { prefix: string; description: string; body: string[] }> {
  const out: Record<string, { prefix: string; description: string; body: string[] }> = {};
  for (const r of SSLCACHE_RECIPES) out[r.name] = { prefix: r.prefix, description: r.description, body: [...r.body] };
  return out;
}

/** A snippet body with each placeholder replaced by its default (the first choice), for tests and previews. */
export function expandSnippet(body: string): string {
  let out = body;
  for (let i = 0; i < 4; i++) {
    out = out
      .replace(/\$\{\d+\|([^,|}]*)(?:,[^,|}]*)*\|\}/g, '$1')
      .replace(/\$\{\d+:([^{}]*)\}/g, '$1')
      .replace(/\$\{\d+\}|\$\d+/g, '');
  }
  return out;
}
