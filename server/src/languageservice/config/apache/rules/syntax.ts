import type { ApacheRule } from '../types';

export const apacheSyntax: ApacheRule = {
  id: 'apache-syntax',
  language: 'apache',
  defaultSeverity: 'error',
  title: 'httpd would not load this configuration',
  section: '§9',
  description:
    'Syntax errors (a section tag without its `>`, a `</Section>` that closes nothing or skips an open section, a section never closed, an unterminated quote) and invalid values of the directives sesscache reads (`SSLSessionCache`, `SSLSessionCacheTimeout`, `SSLSessionTickets`, `SSLVerifyClient`, `SSLProtocol`, `SSLEngine`). httpd refuses to start on each of them. The parser recovers and analyses the rest; errors inside an included file are shown on its `Include` line.',
  bad: [
    { code: '<VirtualHost *:443>\n    SSLEngine on\n' },
    { code: '<VirtualHost *:443\n    SSLEngine on\n</VirtualHost>\n' },
    { code: '<IfModule mod_ssl.c>\n    SSLSessionCacheTimeout five\n</IfModule>\n' },
    { code: '<VirtualHost *:443>\n    SSLEngine on\n</IfModule>\n</VirtualHost>\n' },
  ],
  good: [{ code: '<IfModule mod_ssl.c>\n    SSLSessionCache "shmcb:logs/ssl_scache(512000)"\n    SSLSessionCacheTimeout 300\n</IfModule>\n<VirtualHost *:443>\n    SSLEngine on\n</VirtualHost>\n' }],
  check({ document, model }, report) {
    for (const e of [...document.errors, ...model.valueErrors]) report({ message: e.message, start: e.start, end: e.end, fixes: e.fixes });
  },
};
