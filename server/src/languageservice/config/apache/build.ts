import { NO_INTERNAL_LOOKUP, NO_INTERNAL_STORE, SERVER, decodeMode } from '../../mode/decode';
import type { ConfigCacheSetting, Span } from '../model';
import type { ApacheDirective, ApacheDocument, ApacheSyntaxError, ApacheWalkEntry } from './parser';
import { expandApache } from './parser';
import type { ApacheEffective, ApacheEngine, ApacheLevel, ApacheModel, ApacheSite, ApacheVirtualHost, Located } from './types';
import type { ApacheCacheSpec, ApacheProtocol } from './values';
import { parseApacheCache, parseApacheProtocols, parseApacheSeconds, parseApacheVerify } from './values';

/** mod_ssl's defaults (spec §9): `SSLSessionCache none`, `SSLSessionCacheTimeout 300`, tickets on, `SSLProtocol all -SSLv3`. */
export const APACHE_DEFAULT_TIMEOUT = 300;
export const APACHE_DEFAULT_PROTOCOLS: ApacheProtocol[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
export const OPENSSL_DEFAULT_CACHE_SIZE = 20480;
export const OPENSSL_DEFAULT_NUM_TICKETS = 2;

const WALK_BUDGET = 2_000_000;

export const APACHE_SID_CTX_CALL = 'SSL_set_session_id_context(ssl, hex MD5 of the virtual host id, 32) /* per connection */';

export function apacheVerifyCall(policy: 'optional' | 'require' | 'optional_no_ca'): string {
  return `SSL_CTX_set_verify(ctx, ${policy === 'require' ? 'SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT' : 'SSL_VERIFY_PEER'}, ssl_callback_SSLVerify)`;
}

/** The mode and callbacks mod_ssl's `ssl_init_ctx_session_cache` sets (spec §9). */
export function apacheCacheParameters(spec: ApacheCacheSpec): { mode: number; callbacks: boolean } {
  if (spec.kind === 'none') return { mode: 0, callbacks: false };
  return { mode: SERVER | NO_INTERNAL_LOOKUP | NO_INTERNAL_STORE, callbacks: spec.kind === 'provider' };
}

export function apacheCacheCalls(spec: ApacheCacheSpec): string[] {
  const p = apacheCacheParameters(spec);
  const calls = [`SSL_CTX_set_session_cache_mode(ctx, ${decodeMode(p.mode).expression})`];
  if (p.callbacks) {
    calls.push('SSL_CTX_sess_set_new_cb(ctx, ssl_callback_NewSessionCacheEntry)');
    calls.push('SSL_CTX_sess_set_get_cb(ctx, ssl_callback_GetSessionCacheEntry)');
    calls.push('SSL_CTX_sess_set_remove_cb(ctx, ssl_callback_DelSessionCacheEntry)');
  }
  return calls;
}

/** The span to report a located directive at: the directive's line, or the `Include` line. */
export function lineSpan(d: ApacheDirective): Span {
  if (d.section) return { start: d.start, end: d.section.openEnd };
  return { start: d.nameStart, end: d.end };
}

export function anchorSpan(l: { node: ApacheDirective; anchor: ApacheDirective }): Span {
  return lineSpan(l.node === l.anchor ? l.node : l.anchor);
}

/** The port of a virtual host address (`*:443`, `[::1]:443`, `_default_:443`), or ''. */
export function addressPort(address: string): string {
  const bracket = /^\[[^\]]*\](?::(\d+|\*))?$/.exec(address);
  if (bracket) return bracket[1] ?? '';
  const colon = address.lastIndexOf(':');
  return colon >= 0 ? address.slice(colon + 1) : '';
}

function addressHost(address: string): string {
  const bracket = /^(\[[^\]]*\])/.exec(address);
  if (bracket) return bracket[1];
  const colon = address.lastIndexOf(':');
  return colon >= 0 ? address.slice(0, colon) : address;
}

class Builder {
  readonly valueErrors: ApacheSyntaxError[] = [];
  readonly budget = { left: WALK_BUDGET };
  readonly misplaced: ApacheModel['misplacedCaches'] = [];

  error(e: ApacheWalkEntry, message: string, range?: Span): void {
    if (e.node === e.anchor) {
      const r = range ?? lineSpan(e.node);
      this.valueErrors.push({ message, start: r.start, end: r.end, fixes: [] });
    } else {
      const r = lineSpan(e.anchor);
      this.valueErrors.push({ message: `in ${e.node.file}: ${message}`, start: r.start, end: r.end, fixes: [] });
    }
  }

  argRange(d: ApacheDirective, i: number): Span {
    return { start: d.args[i].start, end: d.args[i].end };
  }

  take1(e: ApacheWalkEntry): string | undefined {
    if (e.node.args.length !== 1) {
      this.error(e, `${e.node.name} takes one argument`);
      return undefined;
    }
    return e.node.args[0].value;
  }

  set<K extends keyof ApacheLevel>(level: ApacheLevel, key: K, e: ApacheWalkEntry, value: NonNullable<ApacheLevel[K]>['value']): void {
    // httpd: the last occurrence wins.
    (level as Record<string, Located<unknown>>)[key] = { node: e.node, anchor: e.anchor, value };
  }

  /** Reads one level; `global` tells whether SSLSessionCache is allowed here. */
  readLevel(entries: readonly ApacheWalkEntry[], global: boolean, vhost?: ApacheDirective): ApacheLevel {
    const level: ApacheLevel = {};
    for (const e of entries) {
      const d = e.node;
      if (d.section) {
        if (d.lower !== 'virtualhost') this.findMisplaced(d, e.node === e.anchor ? undefined : e.anchor, vhost);
        continue;
      }
      switch (d.lower) {
        case 'sslsessioncache': {
          if (!global) {
            this.misplaced.push({ located: { node: d, anchor: e.anchor, value: d.args[0]?.value ?? '' }, section: vhost!, vhost: vhost! });
            break;
          }
          const v = this.take1(e);
          if (v === undefined) break;
          const spec = parseApacheCache(v);
          if ('invalid' in spec) this.error(e, spec.invalid, this.argRange(d, 0));
          else this.set(level, 'cache', e, spec);
          break;
        }
        case 'sslsessioncachetimeout': {
          const v = this.take1(e);
          if (v === undefined) break;
          const t = parseApacheSeconds(v);
          if (t === undefined) this.error(e, `SSLSessionCacheTimeout: invalid argument "${v}": expected seconds`, this.argRange(d, 0));
          else this.set(level, 'timeout', e, t);
          break;
        }
        case 'sslsessiontickets': {
          const v = this.take1(e);
          if (v === undefined) break;
          const l = v.toLowerCase();
          if (l === 'on' || l === 'off') this.set(level, 'tickets', e, l === 'on');
          else this.error(e, `SSLSessionTickets must be On or Off, not "${v}"`, this.argRange(d, 0));
          break;
        }
        case 'sslverifyclient': {
          const v = this.take1(e);
          if (v === undefined) break;
          const p = parseApacheVerify(v);
          if (p) this.set(level, 'verify', e, p);
          else this.error(e, `SSLVerifyClient: invalid argument "${v}": expected none, optional, require or optional_no_ca`, this.argRange(d, 0));
          break;
        }
        case 'sslprotocol': {
          if (d.args.length === 0) {
            this.error(e, 'SSLProtocol needs at least one protocol');
            break;
          }
          const p = parseApacheProtocols(d.args.map((a) => a.value));
          if ('invalid' in p) this.error(e, p.invalid);
          else this.set(level, 'protocols', e, p.list);
          break;
        }
        case 'sslengine': {
          if (d.args.length === 0) {
            this.error(e, 'SSLEngine needs an argument: on, off, optional or addresses');
            break;
          }
          const first = d.args[0].value.toLowerCase();
          let engine: ApacheEngine;
          if (d.args.length === 1 && (first === 'on' || first === 'off' || first === 'optional')) engine = { kind: first };
          else if (d.args.every((a) => /^(\*|_default_|\[[^\]]*\]|[A-Za-z0-9.\-]+)(:(\d+|\*))?$/.test(a.value) && !/^(on|off|optional)$/i.test(a.value))) {
            engine = { kind: 'addresses', ports: d.args.map((a) => addressPort(a.value) || '443') };
          } else {
            this.error(e, `SSLEngine: invalid argument "${d.args.map((a) => a.value).join(' ')}": expected on, off, optional or addresses`);
            break;
          }
          this.set(level, 'engine', e, engine);
          break;
        }
      }
    }
    return level;
  }

  /** SSLSessionCache inside a non-conditional section other than VirtualHost (Directory, Location …), at any depth. */
  findMisplaced(section: ApacheDirective, anchor: ApacheDirective | undefined, vhost: ApacheDirective | undefined): void {
    const work: { section: ApacheDirective; anchor: ApacheDirective | undefined }[] = [{ section, anchor }];
    while (work.length) {
      const w = work.pop()!;
      for (const e of expandApache(w.section.section!.children, w.anchor, this.budget)) {
        if (e.node.section) work.push({ section: e.node, anchor: e.node === e.anchor ? undefined : e.anchor });
        else if (e.node.lower === 'sslsessioncache') {
          const m: ApacheModel['misplacedCaches'][number] = { located: { node: e.node, anchor: e.anchor, value: e.node.args[0]?.value ?? '' }, section: w.section };
          if (vhost) m.vhost = vhost;
          this.misplaced.push(m);
        }
      }
    }
  }
}

function vhostLabel(vh: Pick<ApacheVirtualHost, 'addresses' | 'serverName'>): string {
  const address = vh.addresses[0] ?? '';
  const port = addressPort(address);
  let name = vh.serverName?.replace(/^[a-z]+:\/\//i, '');
  if (name && /:\d+$/.test(name)) name = name.replace(/:\d+$/, '');
  const host = name ?? (addressHost(address) || '*');
  return port && port !== '*' ? `VirtualHost ${host}:${port}` : `VirtualHost ${host}`;
}

function effective(global: ApacheLevel, level: ApacheLevel | undefined): ApacheEffective {
  const pick = <K extends keyof ApacheLevel>(key: K): ApacheLevel[K] => (level?.[key] ?? global[key]) as ApacheLevel[K];
  const cache = global.cache;
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
    spec: cache?.value ?? { kind: 'none' },
    timeoutSeconds: timeout?.value ?? APACHE_DEFAULT_TIMEOUT,
    ticketsOn: tickets?.value ?? true,
    verifyPolicy: verify?.value ?? 'none',
    protocolList: protocols?.value ?? APACHE_DEFAULT_PROTOCOLS,
  };
}

function settingFor(eff: ApacheEffective, label: string, span: Span, modeSpan: Span | undefined): ConfigCacheSetting {
  const p = apacheCacheParameters(eff.spec);
  const calls = [...apacheCacheCalls(eff.spec), `SSL_CTX_set_timeout(ctx, ${eff.timeoutSeconds})`];
  if (!eff.ticketsOn) calls.push('SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET)');
  if (eff.verifyPolicy !== 'none') calls.push(apacheVerifyCall(eff.verifyPolicy));
  calls.push(APACHE_SID_CTX_CALL);
  const setting: ConfigCacheSetting = {
    span,
    label,
    role: 'server',
    protocols: eff.protocolList.filter((x): x is 'TLSv1.2' | 'TLSv1.3' => x === 'TLSv1.2' || x === 'TLSv1.3'),
    mode: p.mode,
    cacheSize: OPENSSL_DEFAULT_CACHE_SIZE,
    timeout: eff.timeoutSeconds,
    sessionIdContext: true,
    verifyPeer: eff.verifyPolicy !== 'none',
    tickets: eff.ticketsOn,
    numTickets: OPENSSL_DEFAULT_NUM_TICKETS,
    callbacks: { new: p.callbacks, get: p.callbacks, remove: p.callbacks },
    calls,
    processes: 1,
  };
  if (modeSpan) setting.modeSpan = modeSpan;
  return setting;
}

function engineOn(engine: ApacheEngine | undefined, addresses: readonly string[]): boolean {
  if (!engine) return false;
  if (engine.kind === 'addresses') return addresses.some((a) => engine.ports.includes(addressPort(a)));
  return engine.kind === 'on' || engine.kind === 'optional';
}

/** Reads the configuration: the server config, the virtual hosts, and the cache each TLS host ends up with. */
export function buildApacheModel(doc: ApacheDocument): ApacheModel {
  const b = new Builder();
  const top = expandApache(doc.directives, undefined, b.budget);
  const global = b.readLevel(top, true);
  const vhosts: ApacheVirtualHost[] = [];
  let sslModule: Located<string> | undefined;
  for (const e of top) {
    const d = e.node;
    if (d.lower === 'loadmodule' && d.args[0]?.value === 'ssl_module') sslModule = { node: d, anchor: e.anchor, value: d.args[1]?.value ?? '' };
    if (d.lower !== 'virtualhost' || !d.section) continue;
    const entries = expandApache(d.section.children, d === e.anchor ? undefined : e.anchor, b.budget);
    const level = b.readLevel(entries, false, d);
    let serverName: string | undefined;
    for (const c of entries) if (c.node.lower === 'servername' && c.node.args.length) serverName = c.node.args[0].value;
    const addresses = d.args.map((a) => a.value);
    const vh: ApacheVirtualHost = { node: d, anchor: e.anchor, level, addresses, tls: false, label: '' };
    if (serverName !== undefined) vh.serverName = serverName;
    vh.tls = engineOn(level.engine?.value ?? global.engine?.value, addresses);
    vh.label = vhostLabel(vh);
    vhosts.push(vh);
  }

  const cache = global.cache;
  const cacheInDoc = cache && cache.node === cache.anchor;
  const modeSpan = cacheInDoc && cache.node.args.length ? { start: cache.node.args[0].start, end: cache.node.args[0].end } : undefined;
  const sites: ApacheSite[] = [];
  for (const vh of vhosts) {
    if (!vh.tls) continue;
    const eff = effective(global, vh.level);
    const span = cacheInDoc ? lineSpan(cache.node) : lineSpan(vh.node === vh.anchor ? vh.node : vh.anchor);
    sites.push({ label: vh.label, vhost: vh, effective: eff, setting: settingFor(eff, vh.label, span, modeSpan) });
  }
  const mainTls = global.engine && engineOn(global.engine.value, []) && global.engine.value.kind !== 'addresses';
  if (mainTls) {
    const eff = effective(global, undefined);
    const span = cacheInDoc ? lineSpan(cache.node) : anchorSpan(global.engine!);
    sites.push({ label: 'main server', effective: eff, setting: settingFor(eff, 'main server', span, modeSpan) });
  }
  if (sites.length === 0 && (global.cache || global.timeout || global.tickets)) {
    const eff = effective(global, undefined);
    const first = global.cache ?? global.timeout ?? global.tickets!;
    sites.push({ label: 'server config', effective: eff, setting: settingFor(eff, 'server config', anchorSpan(first), modeSpan) });
  }
  const model: ApacheModel = { global, vhosts, sites, misplacedCaches: b.misplaced, valueErrors: b.valueErrors };
  if (sslModule) model.sslModule = sslModule;
  return model;
}
