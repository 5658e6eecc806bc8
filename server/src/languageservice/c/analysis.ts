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
}

export function analyzeC(text: string, options: AnalyzeOptions = {}): CDocument {
  const scanned = scan(text);
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
