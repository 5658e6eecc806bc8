/**
 * The pure core: flag knowledge, C/C++ analysis, mode evaluation and hovers.
 * Nothing here imports LSP or VS Code; the language server and the CLI are adapters over it.
 */
export { analyzeC } from './c/analysis';
export type { CDocument } from './c/analysis';
export { hoverC } from './hover/hover';
export type { HoverOptions, HoverResult } from './hover/hover';
export { FLAGS, findFlag, findFlagByAnyName } from './knowledge/flags';
export { API_FUNCTIONS, findApiFunction } from './knowledge/functions';
export { DEFAULT_LIBRARY, LIBRARY_IDS, LIBRARY_NAMES, isLibraryId, parseLibraryId } from './knowledge/libraries';
export type { LibraryId } from './knowledge/libraries';
export { decodeMode, formatHex } from './mode/decode';
export { evaluateModeText } from './mode/expression';
export { explainMode } from './mode/meaning';
export type { ModeMeaning } from './mode/meaning';
export { lintC, lintText, RULE_METAS } from './rules/lint';
export type { RuleMeta } from './rules/lint';
export { ignoreFix, IGNORE_MARKER } from './rules/suppression';
export { findRule } from './rules/registry';
export type { Finding, Fix, LintOptions, Severity, TextEdit } from './rules/types';
