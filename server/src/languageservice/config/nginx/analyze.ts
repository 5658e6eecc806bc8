import type { Severity } from '../../rules/types';
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

/** Runs rules over an analysed configuration; findings sorted by position, duplicates removed. */
export function runNginxRules(context: NginxRuleContext, rules: readonly NginxRule[] = NGINX_RULES): ConfigFinding[] {
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
