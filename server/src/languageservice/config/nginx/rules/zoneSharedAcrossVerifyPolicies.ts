import type { Fix } from '../../../rules/types';
import type { NginxDirective } from '../parser';
import type { NginxRule, NginxSite, VerifyPolicy } from '../types';
import { inDocument, reportAt } from './util';

export const zoneSharedAcrossVerifyPolicies: NginxRule = {
  id: 'nginx-zone-shared-across-verify-policies',
  language: 'nginx',
  defaultSeverity: 'warning',
  title: 'One shared session cache zone for servers with different client verification',
  section: '§9, §4.3',
  description:
    'Servers that name the same `shared:` zone store their sessions in one cache, and a session created on one server is offered to the others. The only thing that keeps them apart is the session ID context: nginx sets it to a SHA-1 of the server certificates and the client CA names (spec §9), and OpenSSL resumes only a session with the same context (spec §4.3). Servers with the same certificate and CA list but different `ssl_verify_client` therefore accept each other\'s sessions: a client can resume, on the server that verifies client certificates, a session established where none was asked for. nginx then answers 400 ("No required SSL certificate was sent") with `on`, and lets the client in without a certificate with `optional`. Give each verification policy its own zone.',
  bad: [
    {
      code:
        'http {\n    ssl_session_cache shared:SSL:10m;\n    ssl_certificate wildcard.pem;\n    ssl_certificate_key wildcard.key;\n    ssl_client_certificate clients-ca.pem;\n' +
        '    server {\n        listen 443 ssl;\n        server_name www.example.com;\n    }\n' +
        '    server {\n        listen 443 ssl;\n        server_name admin.example.com;\n        ssl_verify_client on;\n    }\n}\n',
    },
    {
      code:
        'http {\n    server {\n        listen 443 ssl;\n        server_name www.example.com;\n        ssl_session_cache shared:SSL:10m;\n    }\n' +
        '    server {\n        listen 443 ssl;\n        server_name api.example.com;\n        ssl_session_cache shared:SSL:10m;\n        ssl_verify_client optional;\n    }\n}\n',
    },
  ],
  good: [
    {
      code:
        'http {\n    server {\n        listen 443 ssl;\n        server_name www.example.com;\n        ssl_session_cache shared:SSL:10m;\n    }\n' +
        '    server {\n        listen 443 ssl;\n        server_name admin.example.com;\n        ssl_session_cache shared:SSL_on:10m;\n        ssl_verify_client on;\n    }\n}\n',
    },
    {
      code:
        'http {\n    ssl_session_cache shared:SSL:10m;\n    ssl_verify_client on;\n' +
        '    server {\n        listen 443 ssl;\n        server_name a.example.com;\n    }\n' +
        '    server {\n        listen 443 ssl;\n        server_name b.example.com;\n    }\n}\n',
    },
  ],
  check({ model, text }, report) {
    const groups = new Map<string, NginxSite[]>();
    for (const site of model.sites) {
      const shared = site.effective.cache?.value.shared;
      if (!site.server || !shared || (site.effective.kind !== 'shared' && site.effective.kind !== 'builtin+shared')) continue;
      const key = `${site.block.kind}\u0000${shared.name}`;
      const list = groups.get(key) ?? [];
      list.push(site);
      groups.set(key, list);
    }
    for (const sites of groups.values()) {
      const policies = new Set<VerifyPolicy>(sites.map((s) => s.effective.verifyPolicy));
      if (policies.size < 2) continue;
      const zone = sites[0].effective.cache!.value.shared!.name;
      const listing = sites.map((s) => `${s.label} (${s.effective.verifyPolicy})`).join(', ');
      const message =
        `zone "${zone}" is shared by servers with different ssl_verify_client policies: ${listing}. ` +
        `A session created on one is offered to the others, and nginx tells them apart only by the session ID context (a SHA-1 of the certificates and client CA names, spec §9): ` +
        `where those are the same, a client can resume on the verifying server a session that carries no client certificate. Use one zone per verification policy.`;
      // Per cache directive: the directive itself when the server writes it, or the inherited one.
      const byNode = new Map<NginxDirective, NginxSite[]>();
      for (const s of sites) {
        const n = s.effective.cache!.node;
        byNode.set(n, [...(byNode.get(n) ?? []), s]);
      }
      for (const users of byNode.values()) {
        const located = users[0].effective.cache!;
        const fixes: Fix[] = [];
        const verifying = users.filter((u) => u.effective.verifyPolicy !== 'off');
        const ownDirective = users.length === 1 && users[0].server!.level.cache?.node === located.node;
        if (inDocument(located) && ownDirective && verifying.length === 1) {
          // The server writes its own directive: rename its zone after its policy.
          const arg = located.node.args[located.value.shared!.argIndex];
          const newName = `${zone}_${verifying[0].effective.verifyPolicy}`;
          const raw = text.slice(arg.start, arg.end);
          const from = raw.indexOf(`shared:${zone}:`);
          if (from >= 0) {
            const at = arg.start + from + 'shared:'.length;
            fixes.push({ title: `Give this server its own zone "${newName}"`, edits: [{ start: at, end: at + zone.length, newText: newName }], preferred: true });
          }
        } else if (!ownDirective) {
          // Inherited: add a directive with a zone per policy to each verifying server of the document.
          const edits: Fix['edits'] = [];
          const sizeText = located.node.args[located.value.shared!.argIndex].value.slice(`shared:${zone}:`.length);
          for (const u of verifying) {
            const server = u.server!;
            if (server.node !== server.anchor || server.node.braceOpen === undefined || server.level.cache) continue;
            const first = server.node.children?.[0];
            const lineStart = first ? text.lastIndexOf('\n', first.nameStart - 1) + 1 : -1;
            const indent = first && lineStart >= 0 ? /^[ \t]*/.exec(text.slice(lineStart, first.nameStart))![0] : '    ';
            edits.push({ start: server.node.braceOpen + 1, end: server.node.braceOpen + 1, newText: `\n${indent}ssl_session_cache shared:${zone}_${u.effective.verifyPolicy}:${sizeText};` });
          }
          if (edits.length) fixes.push({ title: 'Give the verifying servers their own zone per policy', edits, preferred: true });
        }
        reportAt(report, located, message, fixes);
      }
    }
  },
};
