export { analyzePostfix, analyzePostfixContext } from './analyze';
export { parsePostfix } from './parser';
export type { PostfixDocument, PostfixParam } from './parser';
export { POSTFIX_RULES } from './rules';
export type { PostfixModel, PostfixRule, PostfixRuleContext } from './types';
