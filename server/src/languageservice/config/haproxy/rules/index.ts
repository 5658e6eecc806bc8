import type { HaproxyRule } from '../types';
import { haproxyCacheOffTicketsOn } from './cacheOffTicketsOn';
import { haproxyLongTimeoutWithTickets } from './longTimeoutWithTickets';
import { haproxySyntax } from './syntax';

/** The HAProxy rules, in the order docs list them. */
export const HAPROXY_RULES: readonly HaproxyRule[] = [haproxySyntax, haproxyCacheOffTicketsOn, haproxyLongTimeoutWithTickets];

export { haproxyCacheOffTicketsOn, haproxyLongTimeoutWithTickets, haproxySyntax };
