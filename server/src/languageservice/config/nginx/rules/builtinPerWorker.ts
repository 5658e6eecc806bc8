import type { NginxRule } from '../types';
import { groupByDirective, inDocument, reportAt, suggestedSharedZone } from './util';

export const builtinPerWorker: NginxRule = {
  id: 'nginx-builtin-per-worker',
  language: 'nginx',
  defaultSeverity: 'warning',
  title: 'builtin session cache with several worker processes',
  section: '§9',
  description:
    '`ssl_session_cache builtin[:N]` is OpenSSL\'s internal cache (`SSL_SESS_CACHE_SERVER`), which lives in the memory of each worker process. With `worker_processes` above 1 (or `auto`) there is one independent cache per worker: a client whose next connection is accepted by another worker offers a session ID that worker never saw, misses, and gets a full handshake. A `shared:name:size` zone is one cache in shared memory for all workers (`SERVER | NO_INTERNAL` with nginx\'s new/get/remove callbacks). The rule fires when the configuration sets `worker_processes` to more than 1 or `auto`; without that directive nginx runs one worker.',
  bad: [
    { code: 'worker_processes 4;\nhttp {\n    ssl_session_cache builtin:1000;\n    server {\n        listen 443 ssl;\n        ssl_certificate cert.pem;\n        ssl_certificate_key key.pem;\n    }\n}\n' },
    { code: 'worker_processes auto;\nhttp {\n    server {\n        listen 443 ssl;\n        ssl_session_cache builtin;\n    }\n}\n' },
  ],
  good: [
    { code: 'worker_processes 4;\nhttp {\n    ssl_session_cache shared:SSL:10m;\n    server {\n        listen 443 ssl;\n    }\n}\n' },
    { code: 'worker_processes 1;\nhttp {\n    ssl_session_cache builtin:1000;\n    server {\n        listen 443 ssl;\n    }\n}\n' },
    { code: 'worker_processes auto;\nhttp {\n    ssl_session_cache builtin:1000 shared:SSL:10m;\n    server {\n        listen 443 ssl;\n    }\n}\n' },
  ],
  check({ model }, report) {
    const workers = model.workers;
    if (workers.count <= 1) return;
    const sites = model.sites.filter((s) => s.effective.kind === 'builtin');
    for (const { located, sites: users } of groupByDirective(sites, (s) => s.effective.cache)) {
      const spec = located.value;
      const arg = located.node.args[spec.builtin!.argIndex];
      const size = spec.builtin!.size === 'default' ? '20480 sessions (OpenSSL\'s default)' : spec.builtin!.size === 0 ? 'unlimited sessions' : `${spec.builtin!.size} sessions`;
      const how = workers.auto
        ? `worker_processes auto starts one worker per CPU core, each with its own cache of ${size}`
        : `worker_processes ${workers.count} means ${workers.count} separate caches of ${size} each`;
      const shared = suggestedSharedZone(model, users[0].block.kind);
      const message =
        `"${arg.value}" is a cache inside each worker process: ${how}. ` +
        `A returning client whose connection is accepted by another worker misses and gets a full handshake. ` +
        `A shared zone such as "${shared}" is one cache for all workers (spec §9).`;
      const fixes = inDocument(located)
        ? [{ title: `Use a shared cache: ${shared}`, edits: [{ start: arg.start, end: arg.end, newText: shared }], preferred: true }]
        : [];
      reportAt(report, located, message, fixes);
    }
  },
};
