import type { ApacheRule } from '../types';
import { apacheCacheInVhost } from './cacheInVhost';
import { apacheLongTimeoutWithTickets } from './longTimeoutWithTickets';
import { apacheNoSessionCache } from './noSessionCache';
import { apacheNonenotnull } from './nonenotnull';
import { apacheSyntax } from './syntax';

/** The Apache httpd rules, in the order docs list them. */
export const APACHE_RULES: readonly ApacheRule[] = [apacheSyntax, apacheCacheInVhost, apacheNonenotnull, apacheNoSessionCache, apacheLongTimeoutWithTickets];

export { apacheCacheInVhost, apacheLongTimeoutWithTickets, apacheNoSessionCache, apacheNonenotnull, apacheSyntax };
