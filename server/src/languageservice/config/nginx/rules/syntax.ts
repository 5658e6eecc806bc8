import type { NginxRule } from '../types';

export const nginxSyntax: NginxRule = {
  id: 'nginx-syntax',
  language: 'nginx',
  defaultSeverity: 'error',
  title: 'nginx would not load this configuration',
  section: '§9',
  description:
    'Syntax errors (unbalanced braces, a missing `;`, an unterminated string, text glued to a closing quote) and invalid values of the directives sesscache reads (`ssl_session_cache`, `ssl_session_timeout`, `ssl_session_tickets`, `ssl_verify_client`, `ssl_protocols`, `worker_processes`; one shared zone declared with two sizes or in two modules). nginx refuses to start on each of them. The parser recovers and analyses the rest of the file; errors inside an included file are shown on its `include` line.',
  bad: [
    { code: 'http {\n    server {\n        listen 443 ssl\n        server_name example.com;\n    }\n}\n' },
    { code: 'http {\n    server {\n        listen 443 ssl;\n' },
    { code: 'http {\n    ssl_session_cache shared:SSL;\n}\n' },
    { code: 'http {\n    ssl_session_timeout 5x;\n}\n' },
    { code: 'http {\n    add_header X-Frame-Options "DENY;\n}\n' },
  ],
  good: [{ code: 'http {\n    ssl_session_cache shared:SSL:10m;\n    ssl_session_timeout 1h30m;\n    server {\n        listen 443 ssl;\n        add_header X-Frame-Options "DENY";\n    }\n}\n' }],
  check({ document, model }, report) {
    for (const e of [...document.errors, ...model.valueErrors]) report({ message: e.message, start: e.start, end: e.end, fixes: e.fixes });
  },
};
