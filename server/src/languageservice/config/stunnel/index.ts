export { analyzeStunnel, analyzeStunnelContext } from './analyze';
export { parseStunnel } from './parser';
export type { StunnelDocument, StunnelOption, StunnelSection } from './parser';
export { STUNNEL_RULES } from './rules';
export type { StunnelModel, StunnelRule, StunnelRuleContext, StunnelService } from './types';
