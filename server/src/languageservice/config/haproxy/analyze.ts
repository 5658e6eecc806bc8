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
    settings: context.model.binds.map((b) => b.setting),
    findings: runConfigRules(context, HAPROXY_RULES),
    hoverAt: (offset: number) => haproxyHoverAt(context, offset),
  };
}
