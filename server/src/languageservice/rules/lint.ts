import { AnalyzeOptions, CDocument, analyzeC } from '../c/analysis';
import { FileConfig, SharedContext, extractConfig, mergeWorkspaceContexts } from '../c/config';
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
  return lintExtracted(doc, extractConfig(doc), options, rules);
}

/**
 * Lints a document whose configuration is already extracted (the language server keeps one per
 * document version, so an edit extracts once). `file` is left as it is.
 */
export function lintExtracted(doc: CDocument, file: FileConfig, options: LintOptions, rules: readonly Rule[] = allRules): Finding[] {
  return runRules(doc, withWorkspaceContexts(file, options.elsewhere), 'c', options, rules);
}

/**
 * `file` with what other files do to its global contexts, as a new object when there is anything
 * to add (the merge writes into the contexts, and `file` may be cached), else `file` itself.
 */
export function withWorkspaceContexts(file: FileConfig, elsewhere: readonly SharedContext[] | undefined): FileConfig {
  if (!elsewhere || elsewhere.length === 0 || !file.contexts.some((c) => c.global)) return file;
  const merged: FileConfig = { ...file, contexts: file.contexts.map((c) => (c.global ? structuredClone(c) : c)) };
  mergeWorkspaceContexts(merged, elsewhere);
  return merged;
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
