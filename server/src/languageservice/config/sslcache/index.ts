/**
 * The `.sslcache` language (docs/sslcache.md): one server cache configuration in the man page's
 * terms and named workloads to simulate. Pure: no I/O.
 */
export { analyzeSslcache, callOf, sslcacheHover, sslcacheSetting } from './analyze';
export type { SslcacheAnalysis, SslcacheAnalysisOptions } from './analyze';
export { completeSslcache } from './complete';
export type { SslcacheCompletion, SslcacheCompletionOptions } from './complete';
export { SslcacheConversionError, scenarioToSslcache, serverObject, simulatedProtocol, sslcacheToScenario, workloadObject } from './convert';
export type { FromScenarioOptions, ToScenarioOptions } from './convert';
export { ALL_DIRECTIVES, SERVER_DIRECTIVES, WORKLOAD_DIRECTIVES, WORKLOAD_HEADER, findDirective } from './directives';
export type { DirectiveSpec, ValueKind } from './directives';
export { formatSslcache, formattedSslcache, isFormatRefusal } from './format';
export type { SslcacheFormatResult } from './format';
export { SSLCACHE_SYNTAX, parseSslcache } from './parse';
export type {
  DirectiveValue,
  ModeToken,
  ModeValueInfo,
  SslcacheDirective,
  SslcacheDocument,
  SslcacheLine,
  SslcacheServer,
  SslcacheToken,
  SslcacheValueToken,
  SslcacheWorkload,
} from './parse';
export { SSLCACHE_RECIPES, expandSnippet, snippetsJson } from './recipes';
export type { SslcacheRecipe } from './recipes';

/** The language id and file extension the editor integration registers. */
export const SSLCACHE_LANGUAGE_ID = 'sslcache';
export const SSLCACHE_EXTENSION = '.sslcache';
