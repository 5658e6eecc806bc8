import type { CtxConfig, FileConfig } from '../c/config';
import type { LibraryId } from '../knowledge/libraries';
import { LIBRARY_PROFILES, SimConfig } from './model';
import { defaultTimeout } from './scenario';

const TLS1_3 = 0x0304;

/**
 * The simulator configurations a context found in code stands for: one per protocol its
 * min/max versions allow, with the values the code sets and library defaults for the rest.
 */
export function simConfigsForContext(file: FileConfig, ctx: CtxConfig, mode: number, library: LibraryId): SimConfig[] {
  const protocols: SimConfig['protocol'][] = [];
  const min = ctx.minProtocol ?? 0;
  const max = ctx.maxProtocol ?? 0;
  if (!(min >= TLS1_3 && min < 0xfe00)) protocols.push('TLSv1.2');
  if ((max === 0 || max >= TLS1_3) && LIBRARY_PROFILES[library].supportsTls13) protocols.push('TLSv1.3');
  const size = ctx.cacheSize?.value;
  // A negative size is rejected from 1.1.0 (the default stays) and means unlimited before.
  const cacheSize = size === undefined ? 20480 : size < 0 ? (library === 'openssl-1.0.2' ? 0 : 20480) : size;
  const timeout = ctx.timeout?.value !== undefined && ctx.timeout.value > 0 ? ctx.timeout.value : defaultTimeout(library);
  const kinds = new Set(ctx.callbacks.map((c) => c.kind));
  return protocols.map((protocol) => ({
    library,
    protocol,
    mode,
    cacheSize,
    timeout,
    sidCtxLength: ctx.sessionIdContext || file.anySessionIdContext ? 1 : 0,
    verifyPeer: !!ctx.verifyPeer,
    tickets: !ctx.noTicket,
    numTickets: ctx.numTicketsZero ? 0 : 2,
    callbacks: { new: kinds.has('new'), get: kinds.has('get'), remove: kinds.has('remove') },
  }));
}

/** The scenario `server` object for a configuration (for exporting and for `sesscache simulate`). */
export function scenarioServerOf(config: SimConfig): Record<string, unknown> {
  return {
    mode: config.mode,
    cacheSize: config.cacheSize,
    timeout: config.timeout,
    sessionIdContext: config.sidCtxLength > 0 ? 'app' : '',
    verifyPeer: config.verifyPeer,
    tickets: config.tickets,
    numTickets: config.numTickets,
    callbacks: (['new', 'get', 'remove'] as const).filter((c) => config.callbacks[c]),
  };
}

/** The configuration (context and mode call) at an offset: the mode call containing it, else the nearest one before it. */
export function configurationAt(file: FileConfig, offset: number): { ctx: CtxConfig; mode: CtxConfig['modes'][number] } | undefined {
  let best: { ctx: CtxConfig; mode: CtxConfig['modes'][number] } | undefined;
  for (const ctx of file.contexts) {
    for (const mode of ctx.modes) {
      if (offset >= mode.callSpan.start && offset <= mode.callSpan.end) return { ctx, mode };
      if (mode.callSpan.start <= offset && (!best || mode.callSpan.start > best.mode.callSpan.start)) best = { ctx, mode };
    }
  }
  return best ?? file.contexts.flatMap((ctx) => ctx.modes.map((mode) => ({ ctx, mode })))[0];
}
