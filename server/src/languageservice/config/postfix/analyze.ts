import type { ConfigAnalysis } from '../model';
import { runConfigRules } from '../runRules';
import { buildPostfixModel } from './build';
import { postfixHoverAt } from './hover';
import { parsePostfix } from './parser';
import { POSTFIX_RULES } from './rules';
import type { PostfixRuleContext } from './types';

/** Parses and analyses postfix.conf: a cache setting per service, findings, hovers. Never throws. */
export function analyzePostfixContext(text: string): PostfixRuleContext {
  const document = parsePostfix(text);
  return { text, document, model: buildPostfixModel(document) };
}

export function analyzePostfix(text: string): ConfigAnalysis {
  const context = analyzePostfixContext(text);
  return {
    settings: context.model.setting ? [context.model.setting] : [],
    findings: runConfigRules(context, POSTFIX_RULES),
    hoverAt: (offset: number) => postfixHoverAt(context, offset),
  };
}
