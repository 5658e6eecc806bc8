import { runConfigRules } from '../runRules';
import type { ConfigAnalysis, ConfigFinding, ConfigIncludeLoader } from '../model';
import { buildApacheModel } from './build';
import { apacheHoverAt } from './hover';
import { parseApache } from './parser';
import { APACHE_RULES } from './rules';
import type { ApacheRule, ApacheRuleContext } from './types';

export interface ApacheAnalysisOptions {
  /** Reads `Include`d / `IncludeOptional`ed files (globs are the loader's business); without it, includes are not followed. */
  loadInclude?: ConfigIncludeLoader;
}

/** Runs the apache rules over an analysed configuration; findings sorted by position, duplicates removed. */
export function runApacheRules(context: ApacheRuleContext, rules: readonly ApacheRule[] = APACHE_RULES): ConfigFinding[] {
  return runConfigRules(context, rules);
}

export function analyzeApacheContext(text: string, options: ApacheAnalysisOptions = {}): ApacheRuleContext {
  const document = parseApache(text, { loadInclude: options.loadInclude });
  return { text, document, model: buildApacheModel(document) };
}

/** Parses and analyses an Apache httpd configuration: a cache setting per TLS virtual host, findings, hovers. Never throws. */
export function analyzeApache(text: string, options: ApacheAnalysisOptions = {}): ConfigAnalysis {
  const context = analyzeApacheContext(text, options);
  const findings = runApacheRules(context);
  const index = {};
  return {
    settings: context.model.sites.map((s) => s.setting),
    findings,
    hoverAt: (offset: number) => apacheHoverAt(context, index, offset),
  };
}
