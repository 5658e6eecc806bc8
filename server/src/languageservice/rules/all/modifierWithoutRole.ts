import { decodeMode } from '../../mode/decode';
import type { Rule } from '../rule';
import { CLIENT, NO_INTERNAL_LOOKUP, SERVER, knownModes } from '../rule';

export const modifierWithoutRole: Rule = {
  id: 'modifier-without-role',
  defaultSeverity: 'information',
  title: 'Modifiers without CLIENT or SERVER',
  section: '§8 L1',
  description:
    'Storing, the new-session callback and auto-flush are all gated on the CLIENT/SERVER bit, so NO_AUTO_CLEAR, NO_INTERNAL_STORE and UPDATE_TIME change nothing without one. NO_INTERNAL_LOOKUP alone still matters: the server lookup runs whatever the mode.',
  bad: [{ code: 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF | SSL_SESS_CACHE_NO_AUTO_CLEAR | SSL_SESS_CACHE_NO_INTERNAL);' }],
  good: [{ code: 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);' }],
  check({ file, report }) {
    for (const { mode, value } of knownModes(file)) {
      if (value & (CLIENT | SERVER)) continue;
      const modifiers = decodeMode(value).flags.filter((f) => f.value !== 0 && (f.kind === 'modifier' || f.kind === 'alias'));
      if (modifiers.length === 0) continue;
      const names = modifiers.map((f) => f.shortName).join(', ');
      report({
        message:
          `with neither CLIENT nor SERVER, ${names} ${modifiers.length > 1 ? 'have' : 'has'} no effect on storing` +
          (value & NO_INTERNAL_LOOKUP ? '; NO_INTERNAL_LOOKUP still stops the internal lookup of offered session IDs' : ''),
        start: mode.argument.start,
        end: mode.argument.end,
      });
    }
  },
};
