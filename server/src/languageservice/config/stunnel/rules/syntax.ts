import type { StunnelRule } from '../types';

export const stunnelSyntax: StunnelRule = {
  id: 'stunnel-syntax',
  language: 'stunnel',
  defaultSeverity: 'error',
  title: 'stunnel configuration that cannot be read',
  section: '§9',
  description:
    'A line that is neither `[service]` nor `option = value`, or a session option whose value stunnel refuses: `sessionCacheSize` and `sessionCacheTimeout` take numbers, `sessionResume` yes or no (spec §9). sesscache then uses the defaults for that option.',
  bad: [{ code: '[https]\naccept = 443\nsessionCacheTimeout = 5 minutes\n' }],
  good: [{ code: '[https]\naccept = 443\nsessionCacheTimeout = 300\n' }],
  check({ document, model }, report) {
    for (const e of [...document.errors, ...model.valueErrors]) report({ message: e.message, start: e.start, end: e.end, fixes: [] });
  },
};
