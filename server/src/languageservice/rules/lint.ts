import { AnalyzeOptions, CDocument, analyzeC } from '../c/analysis';
import { extractConfig, mergeWorkspaceContexts } from '../c/config';
import { allRules } from './registry';
import type { Rule } from './rule';
import type { Finding, LintOptions, Severity } from './types';
import { suppressedRules } from './suppression';

export interface RuleMeta {
  id: string;
  defaultSeverity: Severity;
  title: string;
  section: string;
  description: string;
}

export const RULE_METAS: readonly RuleMeta[] = allRules.map(({ id, defaultSeverity, title, section, description }) => ({
  id,
  defaultSeverity,
  title,
  section,
  description,
}));

/** Lints one analysed C-family document with every enabled rule. */
export function lintC(doc: CDocument, options: LintOptions, rules: readonly Rule[] = allRules): Finding[] {
  const file = extractConfig(doc);
  if (options.elsewhere && options.elsewhere.length > 0) mergeWorkspaceContexts(file, options.elsewhere);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const suppressed = suppressedRules(doc);
  for (const rule of rules) {
    const configured = options.severities?.[rule.id];
    if (configured === 'off') continue;
    rule.check({
      doc,
      file,
      library: options.library,
      report: (r) => {
        // The same finding may come from several possible values of one mode.
        const key = `${rule.id}:${r.start}:${r.end}:${r.message}`;
        if (seen.has(key)) return;
        seen.add(key);
        if (suppressed(rule.id, r.start)) return;
        findings.push({
          ruleId: rule.id,
          severity: configured ?? r.severity ?? rule.defaultSeverity,
          message: r.message,
          start: r.start,
          end: r.end,
          fixes: r.fixes ?? [],
        });
      },
    });
  }
  return findings.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
}

export function lintText(
  text: string,
  _languageId: 'c' | 'cpp' | 'objective-c' | 'objective-cpp',
  options: LintOptions,
  analyzeOptions: AnalyzeOptions = {},
): Finding[] {
  return lintC(analyzeC(text, analyzeOptions), options);
}
