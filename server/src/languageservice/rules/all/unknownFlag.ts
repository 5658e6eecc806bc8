import { TokenKind } from '../../c/scanner';
import { isInRanges } from '../../c/conditionals';
import { FLAGS, FLAG_PREFIX, findFlag } from '../../knowledge/flags';
import { closestName } from '../../util/closest';
import type { Rule } from '../rule';

export const unknownFlag: Rule = {
  id: 'unknown-flag',
  defaultSeverity: 'error',
  title: 'Unknown session cache flag',
  section: '§1',
  description:
    'Only OFF, CLIENT, SERVER, BOTH, NO_AUTO_CLEAR, NO_INTERNAL_LOOKUP, NO_INTERNAL_STORE, NO_INTERNAL and UPDATE_TIME exist. A misspelled name does not compile against the real headers, or worse, is a macro of your own with another value.',
  bad: [{ code: 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVR);' }],
  good: [{ code: 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER);' }],
  check({ doc, file, report }) {
    for (const t of doc.scanned.tokens) {
      if (t.kind !== TokenKind.Identifier || !t.text.startsWith(FLAG_PREFIX) || findFlag(t.text)) continue;
      if (t.directive >= 0) {
        // `#define SSL_SESS_CACHE_X ...` or `#ifdef SSL_SESS_CACHE_UPDATE_TIME` are not uses.
        const d = doc.scanned.directives[t.directive];
        if (d.name !== 'define' || doc.scanned.tokens[d.firstToken + 2] === t) continue;
      }
      if (isInRanges(file.dead, t.start)) continue;
      if (doc.macros.has(t.text)) continue; // defined in this file on purpose
      const suggestion = closestName(t.text, FLAGS.map((f) => f.name));
      report({
        message: `${t.text} is not a session cache flag` + (suggestion ? `; did you mean ${suggestion}?` : ''),
        start: t.start,
        end: t.end,
        fixes: suggestion ? [{ title: `Replace with ${suggestion}`, edits: [{ start: t.start, end: t.end, newText: suggestion }], preferred: true }] : [],
      });
    }
  },
};
