import { NO_AUTO_CLEAR, NO_INTERNAL_LOOKUP, NO_INTERNAL_STORE, SERVER, decodeMode } from '../../mode/decode';
import type { ConfigCacheSetting, Span } from '../model';
import type { NginxDirective, NginxDocument, NginxSyntaxError, WalkEntry } from './parser';
import { expandIncludes } from './parser';
import type {
  Located,
  NginxBlock,
  NginxBlockKind,
  NginxEffective,
  NginxLevel,
  NginxModel,
  NginxServer,
  NginxSite,
  NginxWorkers,
  Protocol,
  VerifyPolicy,
} from './types';
import { cacheKind, parseNginxTime, parseSessionCacheArgs } from './values';

/** nginx's defaults (spec §9; `ssl_protocols` since nginx 1.23.4). */
export const NGINX_DEFAULT_TIMEOUT = 300;
export const NGINX_DEFAULT_PROTOCOLS: Protocol[] = ['TLSv1.2', 'TLSv1.3'];
/** OpenSSL's default cache size, which nginx keeps for `builtin` and the shared-only cache (spec §2). */
export const OPENSSL_DEFAULT_CACHE_SIZE = 20480;
/** OpenSSL's default number of TLS 1.3 tickets per full handshake (spec §3.1); nginx does not change it. */
export const OPENSSL_DEFAULT_NUM_TICKETS = 2;
/** `worker_processes auto` is one per core; counted as this many for `processes`. */
export const AUTO_WORKERS = 2;

const PROTOCOLS: Protocol[] = ['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
const VERIFY: VerifyPolicy[] = ['off', 'on', 'optional', 'optional_no_ca'];

/** How many nodes the include expansion may visit in one analysis. */
const WALK_BUDGET = 2_000_000;

class Builder {
  readonly valueErrors: NginxSyntaxError[] = [];
  readonly budget = { left: WALK_BUDGET };

  constructor(readonly doc: NginxDocument) {}

  expand(list: readonly NginxDirective[] | undefined, anchor: NginxDirective | undefined): WalkEntry[] {
    return list ? expandIncludes(list, anchor, this.budget) : [];
  }

  /** Reports an error in a value at the node, or at its `include` in the document. */
  error(entry: { node: NginxDirective; anchor: NginxDirective }, message: string, range?: Span): void {
    if (entry.node === entry.anchor) {
      const r = range ?? { start: entry.node.nameStart, end: entry.node.args.length ? entry.node.args[entry.node.args.length - 1].end : entry.node.nameEnd };
      this.valueErrors.push({ message, start: r.start, end: r.end, fixes: [] });
    } else {
      const a = entry.anchor;
      this.valueErrors.push({ message: `in ${entry.node.file}: ${message}`, start: a.nameStart, end: a.args.length ? a.args[a.args.length - 1].end : a.nameEnd, fixes: [] });
    }
  }

  argRange(node: NginxDirective, i: number): Span {
    const a = node.args[i];
    return { start: a.start, end: a.end };
  }

  checkArgs(e: WalkEntry, ok: boolean): boolean {
    if (!ok) this.error(e, `invalid number of arguments in "${e.node.name}" directive`);
    return ok;
  }

  flag(e: WalkEntry): boolean | undefined {
    if (!this.checkArgs(e, e.node.args.length === 1)) return undefined;
    const v = e.node.args[0].value.toLowerCase();
    if (v === 'on') return true;
    if (v === 'off') return false;
    this.error(e, `invalid value "${e.node.args[0].value}" in "${e.node.name}" directive, it must be "on" or "off"`, this.argRange(e.node, 0));
    return undefined;
  }

  set<K extends keyof NginxLevel>(level: NginxLevel, key: K, e: WalkEntry, value: NonNullable<NginxLevel[K]>['value'], duplicateIsError: boolean): void {
    if (level[key] && duplicateIsError) {
      this.error(e, `"${e.node.name}" directive is duplicate`);
      return;
    }
    (level as Record<string, Located<unknown>>)[key] = { node: e.node, anchor: e.anchor, value };
  }

  /** Reads the session-related directives of one level (its own, includes expanded). */
  readLevel(entries: readonly WalkEntry[], kind: NginxBlockKind): NginxLevel {
    const level: NginxLevel = {};
    for (const e of entries) {
      const d = e.node;
      switch (d.name) {
        case 'ssl_session_cache': {
          if (!this.checkArgs(e, d.args.length >= 1)) break;
          const parsed = parseSessionCacheArgs(d.args.map((a) => a.value));
          if (parsed.invalid) {
            this.error(e, parsed.invalid.message, this.argRange(d, parsed.invalid.argIndex));
            break;
          }
          this.set(level, 'cache', e, parsed.spec!, false);
          break;
        }
        case 'ssl_session_timeout': {
          if (!this.checkArgs(e, d.args.length === 1)) break;
          const t = parseNginxTime(d.args[0].value);
          if (t === undefined) {
            this.error(e, `invalid value "${d.args[0].value}" in "ssl_session_timeout": expected a time such as 300, 5m, 1h or 1d`, this.argRange(d, 0));
            break;
          }
          this.set(level, 'timeout', e, t, true);
          break;
        }
        case 'ssl_session_tickets': {
          const v = this.flag(e);
          if (v !== undefined) this.set(level, 'tickets', e, v, true);
          break;
        }
        case 'ssl_verify_client': {
          if (!this.checkArgs(e, d.args.length === 1)) break;
          const v = d.args[0].value.toLowerCase() as VerifyPolicy;
          if (!VERIFY.includes(v)) {
            this.error(e, `invalid value "${d.args[0].value}" in "ssl_verify_client", it must be on, off, optional or optional_no_ca`, this.argRange(d, 0));
            break;
          }
          this.set(level, 'verify', e, v, true);
          break;
        }
        case 'ssl_protocols': {
          if (!this.checkArgs(e, d.args.length >= 1)) break;
          const list: Protocol[] = [];
          let bad = false;
          for (const [i, a] of d.args.entries()) {
            const p = PROTOCOLS.find((q) => q.toLowerCase() === a.value.toLowerCase());
            if (!p) {
              this.error(e, `invalid value "${a.value}" in "ssl_protocols"`, this.argRange(d, i));
              bad = true;
            } else if (!list.includes(p)) list.push(p);
          }
          if (!bad) this.set(level, 'protocols', e, list, true);
          break;
        }
        case 'ssl': {
          const v = this.flag(e);
          if (v !== undefined) this.set(level, 'ssl', e, v, true);
          break;
        }
        case 'starttls': {
          if (kind !== 'mail' || !this.checkArgs(e, d.args.length === 1)) break;
          const v = d.args[0].value.toLowerCase();
          if (v === 'on' || v === 'only' || v === 'off') this.set(level, 'starttls', e, v !== 'off', true);
          else this.error(e, `invalid value "${d.args[0].value}" in "starttls", it must be on, only or off`, this.argRange(d, 0));
          break;
        }
      }
    }
    return level;
  }

  readServer(block: NginxBlock, e: WalkEntry): NginxServer {
    const entries = this.expand(e.node.children, e.node === e.anchor ? undefined : e.anchor);
    const level = this.readLevel(entries, block.kind);
    const serverNames: string[] = [];
    const listens: { address: string; ssl: boolean }[] = [];
    let hasCertificate = false;
    for (const c of entries) {
      const d = c.node;
      if (d.name === 'server_name') serverNames.push(...d.args.map((a) => a.value));
      else if (d.name === 'listen' && d.args.length) listens.push({ address: d.args[0].value, ssl: d.args.slice(1).some((a) => a.value === 'ssl') });
      else if (d.name === 'ssl_certificate' && d.args.length) hasCertificate = true;
    }
    const ssl = (level.ssl ?? block.level.ssl)?.value === true;
    const starttls = block.kind === 'mail' && (level.starttls ?? block.level.starttls)?.value === true;
    const tls = listens.some((l) => l.ssl) || hasCertificate || ssl || starttls;
    if (serverNames.length === 0) serverNames.push(...block.serverNames);
    const server: NginxServer = { block, node: e.node, anchor: e.anchor, level, serverNames, listens, hasCertificate, tls, label: '' };
    server.label = serverLabel(server);
    return server;
  }

  readBlock(kind: NginxBlockKind, entries: readonly WalkEntry[], node: NginxDirective | undefined, anchor: NginxDirective | undefined): NginxBlock {
    const block: NginxBlock = { kind, implicit: node === undefined, level: this.readLevel(entries, kind), servers: [], serverNames: [] };
    // mail takes server_name at the block level too (the greeting name); servers inherit it.
    if (kind === 'mail') for (const e of entries) if (e.node.name === 'server_name' && !e.node.children) block.serverNames = e.node.args.map((a) => a.value);
    if (node) {
      block.node = node;
      block.anchor = anchor;
    }
    for (const e of entries) if (e.node.name === 'server' && e.node.children) block.servers.push(this.readServer(block, e));
    return block;
  }
}

/** The port (or unix socket) of a listen address: `443`, `*:443`, `[::]:443`, `unix:/run/x.sock`. */
export function listenPort(address: string): string {
  if (address.startsWith('unix:')) return address;
  const bracket = /^\[[^\]]*\](?::(\d+))?$/.exec(address);
  if (bracket) return bracket[1] ?? '';
  if (/^\d+$/.test(address)) return address;
  const colon = address.lastIndexOf(':');
  if (colon >= 0 && /^\d+$/.test(address.slice(colon + 1))) return address.slice(colon + 1);
  return '';
}

function serverLabel(server: NginxServer): string {
  const prefix = server.block.kind === 'http' ? 'server' : `${server.block.kind} server`;
  const name = server.serverNames.find((n) => n !== '') ?? '*';
  const listen = server.listens.find((l) => l.ssl) ?? server.listens[0];
  const port = listen ? listenPort(listen.address) : '';
  return port ? `${prefix} ${name}:${port}` : `${prefix} ${name}`;
}

function effectiveFor(block: NginxBlock, server: NginxServer | undefined): NginxEffective {
  const pick = <K extends keyof NginxLevel>(key: K): NginxLevel[K] => (server?.level[key] ?? block.level[key]) as NginxLevel[K];
  const cache = pick('cache');
  const timeout = pick('timeout');
  const tickets = pick('tickets');
  const verify = pick('verify');
  const protocols = pick('protocols');
  return {
    cache,
    timeout,
    tickets,
    verify,
    protocols,
    kind: cacheKind(cache?.value),
    timeoutSeconds: timeout?.value ?? NGINX_DEFAULT_TIMEOUT,
    ticketsOn: tickets?.value ?? true,
    verifyPolicy: verify?.value ?? 'off',
    protocolList: protocols?.value ?? NGINX_DEFAULT_PROTOCOLS,
  };
}

/** The cache mode, size and callbacks nginx's `ngx_ssl_session_cache` sets for a cache kind (spec §9). */
export function nginxCacheParameters(eff: Pick<NginxEffective, 'kind' | 'cache'>): { mode: number; cacheSize: number; setsSize: boolean; callbacks: boolean } {
  const spec = eff.cache?.value;
  const builtinSize = spec?.builtin && spec.builtin.size !== 'default' ? spec.builtin.size : undefined;
  switch (eff.kind) {
    case 'off':
      return { mode: 0, cacheSize: OPENSSL_DEFAULT_CACHE_SIZE, setsSize: false, callbacks: false };
    case 'none':
      return { mode: SERVER | NO_AUTO_CLEAR | NO_INTERNAL_STORE, cacheSize: 1, setsSize: true, callbacks: false };
    case 'builtin':
      return { mode: SERVER, cacheSize: builtinSize ?? OPENSSL_DEFAULT_CACHE_SIZE, setsSize: builtinSize !== undefined, callbacks: false };
    case 'shared':
      return { mode: SERVER | NO_INTERNAL_LOOKUP | NO_INTERNAL_STORE, cacheSize: OPENSSL_DEFAULT_CACHE_SIZE, setsSize: false, callbacks: true };
    case 'builtin+shared':
      return { mode: SERVER, cacheSize: builtinSize ?? OPENSSL_DEFAULT_CACHE_SIZE, setsSize: builtinSize !== undefined, callbacks: true };
  }
}

/** The OpenSSL calls of the cache part alone: mode, size, callbacks (in nginx's order). */
export function nginxCacheCalls(eff: Pick<NginxEffective, 'kind' | 'cache'>): string[] {
  const p = nginxCacheParameters(eff);
  const calls = [`SSL_CTX_set_session_cache_mode(ctx, ${decodeMode(p.mode).expression})`];
  if (p.setsSize) calls.push(`SSL_CTX_sess_set_cache_size(ctx, ${p.cacheSize})`);
  if (p.callbacks) {
    calls.push('SSL_CTX_sess_set_new_cb(ctx, ngx_ssl_new_session)');
    calls.push('SSL_CTX_sess_set_get_cb(ctx, ngx_ssl_get_cached_session)');
    calls.push('SSL_CTX_sess_set_remove_cb(ctx, ngx_ssl_remove_session)');
  }
  return calls;
}

export const NGINX_SID_CTX_CALL = 'SSL_CTX_set_session_id_context(ctx, SHA-1 of the certificates and client CA names, 20)';
export const NGINX_VERIFY_CALL = 'SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, ngx_ssl_verify_callback)';

function settingFor(eff: NginxEffective, workers: NginxWorkers, label: string, span: Span, modeSpan: Span | undefined): ConfigCacheSetting {
  const p = nginxCacheParameters(eff);
  const calls = [`SSL_CTX_set_timeout(ctx, ${eff.timeoutSeconds})`, NGINX_SID_CTX_CALL, ...nginxCacheCalls(eff)];
  if (!eff.ticketsOn) calls.push('SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET)');
  const verifyPeer = eff.verifyPolicy !== 'off';
  if (verifyPeer) calls.push(NGINX_VERIFY_CALL);
  const setting: ConfigCacheSetting = {
    span,
    label,
    role: 'server',
    protocols: eff.protocolList.filter((x): x is 'TLSv1.2' | 'TLSv1.3' => x === 'TLSv1.2' || x === 'TLSv1.3'),
    mode: p.mode,
    cacheSize: p.cacheSize,
    timeout: eff.timeoutSeconds,
    sessionIdContext: true,
    verifyPeer,
    tickets: eff.ticketsOn,
    numTickets: OPENSSL_DEFAULT_NUM_TICKETS,
    callbacks: { new: p.callbacks, get: p.callbacks, remove: p.callbacks },
    calls,
    processes: eff.kind === 'builtin' ? workers.count : 1,
  };
  if (modeSpan) setting.modeSpan = modeSpan;
  return setting;
}

function nameSpan(d: NginxDirective): Span {
  return { start: d.nameStart, end: d.nameEnd };
}

function directiveSpan(d: NginxDirective): Span {
  return { start: d.nameStart, end: d.terminated && d.children === undefined ? d.end : d.args.length ? d.args[d.args.length - 1].end : d.nameEnd };
}

const MAIN_BLOCKS = new Set(['http', 'mail', 'stream', 'events']);

/** Reads the configuration: blocks, servers, inheritance, workers, and the cache each TLS server ends up with. */
export function buildNginxModel(doc: NginxDocument): NginxModel {
  const b = new Builder(doc);
  const top = b.expand(doc.directives, undefined);
  const fragment = !top.some((e) => MAIN_BLOCKS.has(e.node.name) && e.node.children);
  const blocks: NginxBlock[] = [];
  const workers: NginxWorkers = { count: 1, auto: false };

  if (fragment) {
    blocks.push(b.readBlock('http', top, undefined, undefined));
  } else {
    for (const e of top) {
      const d = e.node;
      if ((d.name === 'http' || d.name === 'mail' || d.name === 'stream') && d.children) {
        blocks.push(b.readBlock(d.name, b.expand(d.children, d === e.anchor ? undefined : e.anchor), d, e.anchor));
      }
    }
  }
  for (const e of top) {
    if (e.node.name !== 'worker_processes' || e.node.children) continue;
    if (!b.checkArgs(e, e.node.args.length === 1)) continue;
    const v = e.node.args[0].value;
    if (v === 'auto') Object.assign(workers, { count: AUTO_WORKERS, auto: true });
    else if (/^[0-9]+$/.test(v) && Number(v) > 0) Object.assign(workers, { count: Number(v), auto: false });
    else {
      b.error(e, `invalid value "${v}" in "worker_processes": a number or auto`, b.argRange(e.node, 0));
      continue;
    }
    workers.directive = { node: e.node, anchor: e.anchor, value: v };
  }

  // Shared zones: nginx refuses one name with two sizes, or one name in two modules.
  const zones = new Map<string, { kind: NginxBlockKind; size: number }>();
  for (const block of blocks) {
    for (const level of [block.level, ...block.servers.map((s) => s.level)]) {
      const c = level.cache;
      const shared = c?.value.shared;
      if (!c || !shared) continue;
      const known = zones.get(shared.name);
      const range = c.node === c.anchor ? b.argRange(c.node, shared.argIndex) : undefined;
      if (!known) zones.set(shared.name, { kind: block.kind, size: shared.size });
      else if (known.kind !== block.kind) b.error(c, `the shared memory zone "${shared.name}" is already declared for a different use (${known.kind})`, range);
      else if (known.size !== shared.size) b.error(c, `the size ${shared.size} of shared memory zone "${shared.name}" conflicts with already declared size ${known.size}`, range);
    }
  }

  const sites: NginxSite[] = [];
  for (const block of blocks) {
    const tlsServers = block.servers.filter((s) => s.tls);
    for (const server of tlsServers) {
      const eff = effectiveFor(block, server);
      const cache = eff.cache;
      const inDoc = cache && cache.node === cache.anchor;
      const span = inDoc ? directiveSpan(cache.node) : server.node === server.anchor ? nameSpan(server.node) : directiveSpan(server.anchor);
      const modeSpan = inDoc && cache.node.args.length ? { start: cache.node.args[0].start, end: cache.node.args[cache.node.args.length - 1].end } : undefined;
      sites.push({ label: server.label, block, server, effective: eff, setting: settingFor(eff, workers, server.label, span, modeSpan) });
    }
    const l = block.level;
    if (tlsServers.length === 0 && (l.cache || l.timeout || l.tickets)) {
      const eff = effectiveFor(block, undefined);
      const first = [l.cache, l.timeout, l.tickets].filter((x): x is Located<never> => x !== undefined)[0];
      const spanNode = l.cache ?? first;
      const span = spanNode.node === spanNode.anchor ? directiveSpan(spanNode.node) : directiveSpan(spanNode.anchor);
      const cache = l.cache;
      const modeSpan =
        cache && cache.node === cache.anchor && cache.node.args.length ? { start: cache.node.args[0].start, end: cache.node.args[cache.node.args.length - 1].end } : undefined;
      sites.push({ label: block.kind, block, effective: eff, setting: settingFor(eff, workers, block.kind, span, modeSpan) });
    }
  }

  return { blocks, sites, workers, fragment, valueErrors: b.valueErrors };
}

/** The document span of a located directive: the directive, or the `include` line that brings it in. */
export function anchorSpan(l: { node: NginxDirective; anchor: NginxDirective }): Span {
  return l.node === l.anchor ? directiveSpan(l.node) : directiveSpan(l.anchor);
}

export { directiveSpan };
