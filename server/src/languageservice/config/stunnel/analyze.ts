import type { ConfigAnalysis } from '../model';
import { runConfigRules } from '../runRules';
import { buildStunnelModel } from './build';
import { stunnelHoverAt } from './hover';
import { parseStunnel } from './parser';
import { STUNNEL_RULES } from './rules';
import type { StunnelRuleContext } from './types';

/** Parses and analyses stunnel.conf: a cache setting per service, findings, hovers. Never throws. */
export function analyzeStunnelContext(text: string): StunnelRuleContext {
  const document = parseStunnel(text);
  return { text, document, model: buildStunnelModel(document) };
}

export function analyzeStunnel(text: string): ConfigAnalysis {
  const context = analyzeStunnelContext(text);
  return {
    settings: context.model.services.map((s) => s.setting),
    findings: runConfigRules(context, STUNNEL_RULES),
    hoverAt: (offset: number) => stunnelHoverAt(context, offset),
  };
}
