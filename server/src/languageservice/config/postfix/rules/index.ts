import type { PostfixRule } from '../types';
import { postfixCacheDisabledByTimeout } from './cacheDisabledByTimeout';
import { postfixLongTimeoutWithTickets } from './longTimeoutWithTickets';
import { postfixSyntax } from './syntax';

/** The Postfix rules, in the order docs list them. */
export const POSTFIX_RULES: readonly PostfixRule[] = [postfixSyntax, postfixCacheDisabledByTimeout, postfixLongTimeoutWithTickets];

export { postfixCacheDisabledByTimeout, postfixLongTimeoutWithTickets, postfixSyntax };
