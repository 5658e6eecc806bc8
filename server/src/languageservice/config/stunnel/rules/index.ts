import type { StunnelRule } from '../types';
import { stunnelLongTimeoutWithTickets } from './longTimeoutWithTickets';
import { stunnelSessiondUnused } from './sessiondUnused';
import { stunnelSyntax } from './syntax';

/** The stunnel rules, in the order docs list them. */
export const STUNNEL_RULES: readonly StunnelRule[] = [stunnelSyntax, stunnelSessiondUnused, stunnelLongTimeoutWithTickets];

export { stunnelLongTimeoutWithTickets, stunnelSessiondUnused, stunnelSyntax };
