import { LIBRARY_NAMES } from '../knowledge/libraries';
import { APACHE_RULES } from '../config/apache';
import { HAPROXY_RULES } from '../config/haproxy';
import { NGINX_RULES } from '../config/nginx';
import { POSTFIX_RULES } from '../config/postfix';
import { STUNNEL_RULES } from '../config/stunnel';
import { allRules } from './registry';

/** docs/rules.md, generated from the rule data (tests keep the committed file equal to this). */
export function renderRulesMarkdown(): string {
  const out: string[] = [];
  out.push('# Lint rules');
  out.push('');
  out.push('<!-- Generated from server/src/languageservice/rules by `npm run docs`; do not edit by hand. -->');
  out.push('');
  out.push('Every rule cites the section of the behavioural spec ([docs/spec/openssl-session-cache.md](spec/openssl-session-cache.md)) that backs it.');
  out.push('Severities can be changed per rule with the `sesscache.lint.severity` setting (or `--severity id=level` on the CLI), and a finding can be silenced with a comment on its line or the line above: `// sesscache-ignore rule-id`.');
  out.push('');
  out.push('| rule | default | what it catches |');
  out.push('|---|---|---|');
  for (const rule of allRules) out.push(`| [${rule.id}](#${rule.id}) | ${rule.defaultSeverity} | ${rule.title} |`);
  out.push('');
  for (const rule of allRules) {
    out.push(`## ${rule.id}`);
    out.push('');
    out.push(`**${rule.title}** · default severity: ${rule.defaultSeverity} · spec ${rule.section}`);
    out.push('');
    out.push(rule.description);
    out.push('');
    const block = (title: string, examples: typeof rule.bad): void => {
      for (const example of examples) {
        out.push(`${title}${example.library ? ` (${LIBRARY_NAMES[example.library]})` : ''}:`);
        out.push('');
        out.push('```c');
        out.push(example.code);
        out.push('```');
        out.push('');
      }
    };
    block('Flagged', rule.bad);
    block('Not flagged', rule.good);
  }
  out.push('# Configuration file rules');
  out.push('');
  out.push('nginx, Apache httpd, HAProxy, stunnel and Postfix configurations get rules of their own (the `.sslcache` language gets the C rules above, applied to the configuration it declares, and reports its syntax errors as `sslcache-syntax`).');
  out.push('');
  for (const [title, rules, fence] of [['nginx', NGINX_RULES, 'nginx'], ['Apache httpd', APACHE_RULES, 'apacheconf'], ['HAProxy', HAPROXY_RULES, 'haproxy'], ['stunnel', STUNNEL_RULES, 'ini'], ['Postfix', POSTFIX_RULES, 'ini']] as const) {
    out.push(`## ${title}`);
    out.push('');
    for (const rule of rules) {
      out.push(`### ${rule.id}`);
      out.push('');
      out.push(`**${rule.title}** · default severity: ${rule.defaultSeverity} · spec ${rule.section}`);
      out.push('');
      out.push(rule.description);
      out.push('');
      for (const [label, examples] of [['Flagged', rule.bad], ['Not flagged', rule.good]] as const) {
        for (const example of examples) {
          out.push(`${label}:`, '', '```' + fence, example.code, '```', '');
        }
      }
    }
  }
  return out.join('\n');
}
