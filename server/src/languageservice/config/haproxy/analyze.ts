import type { ConfigAnalysis } from '../model';
import { runConfigRules } from '../runRules';
import { buildHaproxyModel } from './build';
import { haproxyHoverAt } from './hover';
import { parseHaproxy } from './parser';
import { HAPROXY_RULES } from './rules';
import type { HaproxyRuleContext } from './types';

/** Parses and analyses haproxy.cfg: a cache setting per `bind … ssl`, findings, hovers. Never throws. */
export function analyzeHaproxyContext(text: string): HaproxyRuleContext {
  const document = parseHaproxy(text);
  return { text, document, model: buildHaproxyModel(document) };
}

export function analyzeHaproxy(text: string): ConfigAnalysis {
  const context = analyzeHaproxyContext(text);
  return {
    settings: [...context.model.binds, ...context.model.servers].map((b) => b.setting).sort((a, b) => a.span.start - b.span.start),
    findings: runConfigRules(context, HAPROXY_RULES),
    hoverAt: (offset: number) => haproxyHoverAt(context, offset),
  };
}
