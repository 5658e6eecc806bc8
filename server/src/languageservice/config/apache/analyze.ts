import type { Severity } from '../../rules/types';
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

export function runApacheRules(context: ApacheRuleContext, rules: readonly ApacheRule[] = APACHE_RULES): ConfigFinding[] {
  const findings: ConfigFinding[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    rule.check(context, (f) => {
      const severity: Severity = f.severity ?? rule.defaultSeverity;
      const key = `${rule.id}\u0000${f.start}\u0000${f.end}\u0000${f.message}`;
      if (seen.has(key)) return;
      seen.add(key);
      findings.push({ ruleId: rule.id, severity, message: f.message, start: f.start, end: f.end, fixes: f.fixes });
    });
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  return findings;
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
