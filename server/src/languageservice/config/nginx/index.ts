export { analyzeNginx, analyzeNginxContext, runNginxRules } from './analyze';
export type { NginxAnalysisOptions } from './analyze';
export { parseNginx } from './parser';
export type { NginxArg, NginxDirective, NginxDocument, NginxIncludedFile, NginxParseOptions, NginxSyntaxError } from './parser';
export { NGINX_RULES } from './rules';
export type { NginxModel, NginxRule, NginxRuleContext, NginxSite } from './types';
export { parseNginxSize, parseNginxTime } from './values';
