import { flattenFlagUses } from '../../c/config';
import type { Rule } from '../rule';
import { NO_INTERNAL_LOOKUP, NO_INTERNAL_STORE, removeNameFix } from '../rule';

export const redundantFlag: Rule = {
  id: 'redundant-flag',
  defaultSeverity: 'information',
  title: 'Redundant flag',
  section: '§1',
  description:
    'BOTH already contains CLIENT and SERVER, and NO_INTERNAL already contains NO_INTERNAL_LOOKUP and NO_INTERNAL_STORE. Writing a flag twice changes nothing. When both NO_INTERNAL halves are written out, a hint suggests NO_INTERNAL.',
  bad: [
    { code: 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_BOTH | SSL_SESS_CACHE_CLIENT);' },
    { code: 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL | SSL_SESS_CACHE_NO_INTERNAL_LOOKUP);' },
  ],
  good: [{ code: 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL);' }],
  check({ doc, file, report }) {
    for (const ctx of file.contexts) {
      for (const mode of ctx.modes) {
        if (!mode.pureOr) continue;
        const uses = flattenFlagUses(mode.flagUses);
        for (const use of uses) {
          if (use.value === 0) continue;
          const cover = uses.find((other) => other !== use && (other.value & use.value) === use.value && (other.value !== use.value || other.start < use.start));
          if (!cover) continue;
          report({
            message: cover.value === use.value ? `${use.name} is written twice` : `${use.name} is already included in ${cover.name}`,
            start: use.start,
            end: use.end,
            fixes: [removeNameFix(doc.text, use)],
          });
        }
        const lookup = uses.find((u) => u.value === NO_INTERNAL_LOOKUP);
        const store = uses.find((u) => u.value === NO_INTERNAL_STORE);
        if (lookup && store && !uses.some((u) => u.value === (NO_INTERNAL_LOOKUP | NO_INTERNAL_STORE))) {
          const [first, second] = lookup.start < store.start ? [lookup, store] : [store, lookup];
          const remove = removeNameFix(doc.text, second);
          report({
            message: 'NO_INTERNAL_LOOKUP | NO_INTERNAL_STORE can be written SSL_SESS_CACHE_NO_INTERNAL',
            start: first.start,
            end: first.end,
            severity: 'hint',
            fixes: [{ title: 'Use SSL_SESS_CACHE_NO_INTERNAL', edits: [{ start: first.start, end: first.end, newText: 'SSL_SESS_CACHE_NO_INTERNAL' }, ...remove.edits] }],
          });
        }
      }
    }
  },
};
