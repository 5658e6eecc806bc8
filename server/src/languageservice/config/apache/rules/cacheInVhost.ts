import type { Fix } from '../../../rules/types';
import type { ApacheRule } from '../types';
import { indentation, inDocument, lineBounds, reportAt } from './util';

export const apacheCacheInVhost: ApacheRule = {
  id: 'apache-cache-in-vhost',
  language: 'apache',
  defaultSeverity: 'error',
  title: 'SSLSessionCache inside a VirtualHost (server config only)',
  section: '§9',
  description:
    '`SSLSessionCache` configures the one session cache of the whole server (mod_ssl keeps it in its module configuration, spec §9); its context is *server config* only. Inside `<VirtualHost>`, `<Directory>`, `<Location>` and the like httpd refuses to start ("SSLSessionCache cannot occur within <VirtualHost> section"). Virtual hosts share the cache and are kept apart by the per-host session ID context mod_ssl sets. Move the directive out of the section (the conditional sections `<IfModule>`, `<IfDefine>` … are fine).',
  bad: [{ code: '<VirtualHost *:443>\n    SSLEngine on\n    SSLSessionCache shmcb:logs/ssl_scache(512000)\n</VirtualHost>\n' }],
  good: [{ code: '<IfModule mod_ssl.c>\n    SSLSessionCache shmcb:logs/ssl_scache(512000)\n</IfModule>\n<VirtualHost *:443>\n    SSLEngine on\n</VirtualHost>\n' }],
  check({ model, text }, report) {
    for (const m of model.misplacedCaches) {
      const { located, section } = m;
      const where = section.lower === 'virtualhost' ? `<VirtualHost ${section.args.map((a) => a.value).join(' ')}>` : `<${section.name}>`;
      const fixes: Fix[] = [];
      if (inDocument(located)) {
        const line = lineBounds(text, located.node);
        const remove = { start: line.start, end: line.next, newText: '' };
        const outer = m.vhost ?? section;
        if (!model.global.cache && outer.file === undefined) {
          const outerLine = text.lastIndexOf('\n', outer.start - 1) + 1;
          const lineText = text.slice(located.node.start, located.node.end);
          fixes.push({
            title: `Move SSLSessionCache to the server config (before ${where})`,
            edits: [{ start: outerLine, end: outerLine, newText: `${indentation(text, outer)}${lineText}\n` }, remove],
            preferred: true,
          });
        } else {
          fixes.push({ title: 'Remove this SSLSessionCache (the server config sets the cache)', edits: [remove], preferred: true });
        }
      }
      reportAt(
        report,
        located,
        `SSLSessionCache is allowed only in the server config, not inside ${where}: httpd refuses to start. There is one session cache for the whole server; virtual hosts share it and are kept apart by their session ID contexts (spec §9).`,
        fixes,
      );
    }
  },
};
