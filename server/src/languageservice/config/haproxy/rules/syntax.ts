import type { HaproxyRule } from '../types';

export const haproxySyntax: HaproxyRule = {
  id: 'haproxy-syntax',
  language: 'haproxy',
  defaultSeverity: 'error',
  title: 'HAProxy configuration that cannot be read',
  section: '§9',
  description:
    'An unterminated quote, or a session directive whose value HAProxy refuses: `tune.ssl.cachesize` takes a number of blocks (0 disables the cache) and `tune.ssl.lifetime` a time (spec §9). sesscache then uses the defaults for that directive.',
  bad: [{ code: 'global\n    tune.ssl.cachesize lots\n' }],
  good: [{ code: 'global\n    tune.ssl.cachesize 100000\n' }],
  check({ document, model }, report) {
    for (const e of [...document.errors, ...model.valueErrors]) report({ message: e.message, start: e.start, end: e.end, fixes: [] });
  },
};
