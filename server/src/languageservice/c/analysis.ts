import type { NameResolution } from '../mode/expression';
import { CallSite, enclosingCall } from './calls';
import { IncludeLoader, MacroDefinition, collectMacros, macroResolver } from './macros';
import { ScanResult, Token, scan } from './scanner';

/** One C/C++ document, scanned once and queried by hovers (and later by rules). */
export interface CDocument {
  text: string;
  scanned: ScanResult;
  macros: Map<string, MacroDefinition>;
  resolveName: (name: string) => NameResolution;
}

export interface AnalyzeOptions {
  /** Reads workspace headers named by `#include "..."`, for their macros. */
  loadInclude?: IncludeLoader;
  /** Tokenize every block, also those that never mention SSL (see ScanOptions.sparse; for tests). */
  fullScan?: boolean;
}

/**
 * Every finding and every shared context starts from a name with one of these prefixes: contexts
 * exist only through calls on an SSL_CTX (`SSL_CTX_set_session_cache_mode`, `SSL_CTX_sess_set_*_cb`,
 * ...; roles, file-wide calls and globals only add to them), and the rules that read tokens look
 * for `SSL_SESS_CACHE_*` names. Function-like macros are not expanded, so a C-family text that
 * contains neither has nothing to report and nothing to share: adapters may skip it unanalysed
 * (and test its bytes: the markers are ASCII).
 */
export const CACHE_CODE_MARKERS: readonly string[] = ['SSL_CTX_', 'SSL_SESS_CACHE_'];

/**
 * Whether a C-family text may configure a session cache at all (see CACHE_CODE_MARKERS). Takes the
 * text or anything that searches its bytes the same way (a Node Buffer of its UTF-8).
 */
export function mayConfigureCache(text: { includes(search: string): boolean }): boolean {
  return CACHE_CODE_MARKERS.some((m) => text.includes(m));
}

export function analyzeC(text: string, options: AnalyzeOptions = {}): CDocument {
  const scanned = scan(text, { sparse: !options.fullScan });
  const macros = collectMacros(scanned, options.loadInclude);
  return { text, scanned, macros, resolveName: macroResolver(macros) };
}

/** SSL_CTRL_SET_SESS_CACHE_MODE: SSL_CTX_set_session_cache_mode is a macro over SSL_CTX_ctrl with it. */
const CTRL_SET_SESS_CACHE_MODE = 44;

/** Where a call takes a session cache mode: the setter, or SSL_CTX_ctrl with SSL_CTRL_SET_SESS_CACHE_MODE. */
export function modeArgument(tokens: readonly Token[], call: CallSite): { from: number; to: number } | undefined {
  if (call.name === 'SSL_CTX_set_session_cache_mode') return call.args[1];
  if (call.name === 'SSL_CTX_ctrl' && call.args.length >= 3) {
    const ctrl = call.args[1];
    if (ctrl.to - ctrl.from === 1) {
      const t = tokens[ctrl.from];
      if (t.text === 'SSL_CTRL_SET_SESS_CACHE_MODE' || t.text === String(CTRL_SET_SESS_CACHE_MODE)) return call.args[2];
    }
  }
  return undefined;
}

/** The mode argument that contains token index `at`, with its call. */
export function modeArgumentAt(
  tokens: readonly Token[],
  at: number,
): { call: CallSite; from: number; to: number } | undefined {
  // Walk out through nested calls: a mode may be wrapped, e.g. `(long)(A | B)`.
  let probe = at;
  for (let guard = 0; guard < 16; guard++) {
    const call = enclosingCall(tokens, probe);
    if (!call) return undefined;
    const arg = modeArgument(tokens, call);
    if (arg && at >= arg.from && at < arg.to) return { call, ...arg };
    probe = call.callee;
  }
  return undefined;
}
