import { runConfigRules } from '../runRules';
import type { ConfigAnalysis, ConfigFinding, ConfigIncludeLoader } from '../model';
import { buildNginxModel } from './build';
import { nginxHoverAt } from './hover';
import { parseNginx } from './parser';
import { NGINX_RULES } from './rules';
import type { NginxRule, NginxRuleContext } from './types';

export interface NginxAnalysisOptions {
  /** Reads `include`d files (globs are the loader's business); without it, includes are not followed. */
  loadInclude?: ConfigIncludeLoader;
}

/** Runs the nginx rules over an analysed configuration; findings sorted by position, duplicates removed. */
export function runNginxRules(context: NginxRuleContext, rules: readonly NginxRule[] = NGINX_RULES): ConfigFinding[] {
  return runConfigRules(context, rules);
}

/** Parses and analyses an nginx configuration: a cache setting per TLS server, findings, hovers. Never throws. */
export function analyzeNginxContext(text: string, options: NginxAnalysisOptions = {}): NginxRuleContext {
  const document = parseNginx(text, { loadInclude: options.loadInclude });
  return { text, document, model: buildNginxModel(document) };
}

export function analyzeNginx(text: string, options: NginxAnalysisOptions = {}): ConfigAnalysis {
  const context = analyzeNginxContext(text, options);
  const findings = runNginxRules(context);
  const index = {};
  return {
    settings: context.model.sites.map((s) => s.setting),
    findings,
    hoverAt: (offset: number) => nginxHoverAt(context, index, offset),
  };
}
