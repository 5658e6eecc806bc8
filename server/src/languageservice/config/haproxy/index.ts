export { analyzeHaproxy, analyzeHaproxyContext } from './analyze';
export { parseHaproxy } from './parser';
export type { HaproxyDocument, HaproxyLine, HaproxySection, HaproxyWord } from './parser';
export { HAPROXY_RULES } from './rules';
export type { HaproxyBind, HaproxyModel, HaproxyRule, HaproxyRuleContext } from './types';
