import type { StunnelRule } from '../types';

export const stunnelSessiondUnused: StunnelRule = {
  id: 'stunnel-sessiond-unused',
  language: 'stunnel',
  defaultSeverity: 'warning',
  title: 'sessiond configured for a service with sessionResume = no',
  section: '§8 L10, §9',
  description:
    '`sessionResume = no` sets `SSL_SESS_CACHE_OFF` (spec §9). stunnel still installs its callbacks, but without the SERVER bit OpenSSL never calls the new-session callback (spec §8 L10), so nothing reaches the `sessiond` cache: it is configured and never used. Remove `sessiond` or turn resumption back on.',
  bad: [{ code: 'sessiond = 127.0.0.1:54321\n[https]\naccept = 443\nconnect = 8080\nsessionResume = no\n' }],
  good: [{ code: 'sessiond = 127.0.0.1:54321\n[https]\naccept = 443\nconnect = 8080\n' }],
  check({ model }, report) {
    for (const s of model.services) {
      const d = s.effective.sessiond;
      const r = s.effective.resume;
      if (!d || !r || s.setting.mode !== 0) continue;
      report({
        message: `sessiond = ${d.value} is never used by ${s.setting.label}: sessionResume = no sets SSL_SESS_CACHE_OFF, so OpenSSL never hands a new session to the callbacks that feed sessiond (spec §8 L10, §9).`,
        start: r.start,
        end: r.end,
        fixes: [],
      });
    }
  },
};
