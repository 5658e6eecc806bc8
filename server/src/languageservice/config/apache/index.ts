export { analyzeApache, analyzeApacheContext, runApacheRules } from './analyze';
export type { ApacheAnalysisOptions } from './analyze';
export { parseApache } from './parser';
export type { ApacheArg, ApacheDirective, ApacheDocument, ApacheIncludedFile, ApacheParseOptions, ApacheSyntaxError } from './parser';
export { APACHE_RULES } from './rules';
export type { ApacheModel, ApacheRule, ApacheRuleContext, ApacheSite } from './types';
