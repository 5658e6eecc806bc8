import { flattenFlagUses } from '../../c/config';
import type { NameUse } from '../../mode/expression';
import type { Fix } from '../types';
import type { Rule } from '../rule';
import { NO_INTERNAL_LOOKUP, NO_INTERNAL_STORE } from '../rule';

/** Start of the run of whitespace that ends at `end`. */
function whitespaceBefore(text: string, end: number): number {
  let p = end;
  while (p > 0 && /\s/.test(text[p - 1])) p--;
  return p;
}

/** Removes a name and the `|` that joins it to its neighbour. */
function removeNameFix(text: string, use: NameUse): Fix {
  // `\s*\|\s*` right before the name, found by walking back: a regex anchored at the end of the
  // text before it would try every offset of the file.
  const bar = whitespaceBefore(text, use.start) - 1;
  if (bar >= 0 && text[bar] === '|') return { title: `Remove ${use.name}`, edits: [{ start: whitespaceBefore(text, bar), end: use.end, newText: '' }], preferred: true };
  const after = text.slice(use.end);
  const trailing = /^\s*\|\s*/.exec(after);
  const end = use.end + (trailing ? trailing[0].length : 0);
  return { title: `Remove ${use.name}`, edits: [{ start: use.start, end, newText: '' }], preferred: true };
}

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
