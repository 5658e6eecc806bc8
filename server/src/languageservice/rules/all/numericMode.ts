import { KNOWN_MODE_BITS } from '../../knowledge/flags';
import { decodeMode } from '../../mode/decode';
import type { Rule } from '../rule';

export const numericMode: Rule = {
  id: 'numeric-mode',
  defaultSeverity: 'hint',
  title: 'Mode written as a number',
  section: '§1',
  description: 'A number hides which flags are meant. The values are the same in every library, so flag names are always safe to use.',
  bad: [{ code: 'SSL_CTX_set_session_cache_mode(ctx, 0x0302);' }],
  good: [{ code: 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL);' }],
  check({ file, report }) {
    for (const ctx of file.contexts) {
      for (const mode of ctx.modes) {
        if (!mode.numeric || mode.values.length !== 1) continue;
        const decoded = decodeMode(mode.values[0]);
        const named = (mode.values[0] & ~KNOWN_MODE_BITS) === 0;
        report({
          message: `mode ${decoded.hex} is ${decoded.expression}`,
          start: mode.argument.start,
          end: mode.argument.end,
          fixes: named ? [{ title: `Write as ${decoded.shortExpression}`, edits: [{ start: mode.argument.start, end: mode.argument.end, newText: decoded.expression }], preferred: true }] : [],
        });
      }
    }
  },
};
