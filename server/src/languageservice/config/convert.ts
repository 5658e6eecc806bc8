import type { CtxConfig, FileConfig, ModeSetting } from '../c/config';
import type { LibraryId } from '../knowledge/libraries';
import { evaluateModeText } from '../mode/expression';
import type { SimConfig } from '../simulator/model';
import type { ConfigCacheSetting } from './model';

/** The simulator configurations of a setting found in a configuration file, one per protocol. */
export function simConfigsOfSetting(setting: ConfigCacheSetting, library: LibraryId): SimConfig[] {
  return setting.protocols.map((protocol) => ({
    library: setting.library ?? library,
    protocol,
    mode: setting.mode,
    cacheSize: setting.cacheSize,
    timeout: setting.timeout,
    sidCtxLength: setting.sessionIdContext ? 1 : 0,
    verifyPeer: setting.verifyPeer,
    tickets: setting.tickets,
    numTickets: setting.numTickets,
    callbacks: { ...setting.callbacks },
  }));
}

/**
 * The declared context as the C rules see a file's configuration, so that `.sslcache` files get
 * the same rules as C code (the rules that look at C syntax itself are left out by the caller).
 * `modeText` is the mode value as written, at `modeSpan` in the document.
 */
export function fileConfigOfSetting(setting: ConfigCacheSetting, modeText: string | undefined): FileConfig {
  const span = setting.modeSpan ?? setting.span;
  const names = modeText === undefined ? [] : evaluateModeText(modeText, { allowShortNames: true }).names;
  const mode: ModeSetting = {
    // A mode setting without a C call behind it: rules only read its values, spans and names.
    call: { callee: -1, name: 'SSL_CTX_set_session_cache_mode', open: -1, close: -1, args: [] },
    callSpan: setting.span,
    argument: span,
    from: -1,
    to: -1,
    values: [setting.mode],
    flagUses: names.map((n) => ({ ...n, start: n.start + span.start, end: n.end + span.start })),
    numeric: modeText !== undefined && /^\s*(0x[0-9a-f]+|\d+)\s*$/i.test(modeText),
    pureOr: modeText === undefined || !/[&^~()]/.test(modeText),
  };
  const ctx: CtxConfig = {
    key: 'ctx',
    role: setting.role,
    modes: [mode],
    callbacks: (['new', 'get', 'remove'] as const).filter((k) => setting.callbacks[k]).map((kind) => ({ kind })),
    sessionIdContext: setting.sessionIdContext,
    verifyPeer: setting.verifyPeer ? { call: mode.call, span: setting.span, serverOnly: setting.role === 'server' } : undefined,
    noTicket: !setting.tickets,
    numTicketsZero: setting.numTickets === 0,
    earlyData: false,
    noAntiReplay: false,
    cacheSize: { value: setting.cacheSize, span: setting.span },
    timeout: { value: setting.timeout, span: setting.span },
    minProtocol: setting.protocols.includes('TLSv1.2') ? 0x0303 : 0x0304,
    maxProtocol: setting.protocols.includes('TLSv1.3') ? 0x0304 : 0x0303,
    firstCall: mode.call,
    global: false,
  };
  return {
    contexts: [ctx],
    flushCalls: false,
    setSessionCalls: false,
    addSessionCalls: false,
    sessionsEnumerated: false,
    anySessionIdContext: setting.sessionIdContext,
    dead: [],
    calls: [],
  };
}
