import { AnalyzeOptions, CDocument, analyzeC } from '../c/analysis';
import { FileConfig, extractConfig, mergeWorkspaceContexts } from '../c/config';
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
  return runRules(doc, file, 'c', options, rules);
}

/**
 * Lints a configuration declared in a configuration file (`.sslcache`) with the same rules:
 * `file` comes from config/convert.ts, and offsets are the configuration file's.
 */
export function lintDeclaredConfig(text: string, file: FileConfig, options: LintOptions): Finding[] {
  // The rules that read C syntax find nothing in an empty C document.
  const doc: CDocument = { ...analyzeC(''), text };
  return runRules(doc, file, 'config', options, allRules);
}

function runRules(doc: CDocument, file: FileConfig, language: 'c' | 'config', options: LintOptions, rules: readonly Rule[]): Finding[] {  const findings: Finding[] = [];
  const seen = new Set<string>();
  const suppressed = suppressedRules(doc);
  for (const rule of rules) {
    const configured = options.severities?.[rule.id];
    if (configured === 'off') continue;
    rule.check({
      doc,
      file,
      library: options.library,
      language,
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
