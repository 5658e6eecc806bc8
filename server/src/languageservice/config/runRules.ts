import type { ConfigFinding, ConfigRule } from './model';

/** Runs configuration rules over an analysed file: findings sorted by position, duplicates removed. */
export function runConfigRules<Context>(context: Context, rules: readonly ConfigRule<Context>[]): ConfigFinding[] {
  const findings: ConfigFinding[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    rule.check(context, (f) => {
      const key = `${rule.id}\u0000${f.start}\u0000${f.end}\u0000${f.message}`;
      if (seen.has(key)) return;
      seen.add(key);
      findings.push({ ruleId: rule.id, severity: f.severity ?? rule.defaultSeverity, message: f.message, start: f.start, end: f.end, fixes: f.fixes });
    });
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  return findings;
}
