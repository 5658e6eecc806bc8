/** Values of mod_ssl's session directives, read as mod_ssl reads them (keywords without case). */

/** The socache providers httpd ships (`mod_socache_*`); `shm` is mod_ssl's old alias of shmcb. */
export const KNOWN_PROVIDERS: Record<string, string> = {
  shmcb: 'a cyclic buffer in shared memory (mod_socache_shmcb), shared by all child processes',
  shm: "mod_ssl's old alias of shmcb (mod_socache_shmcb)",
  dbm: 'a DBM file on disk (mod_socache_dbm)',
  memcache: 'memcached servers (mod_socache_memcache), shareable between machines',
  redis: 'Redis servers (mod_socache_redis, httpd 2.4.39+), shareable between machines',
  dc: 'the distcache daemon (mod_socache_dc)',
};

export type ApacheCacheSpec =
  | { kind: 'none' }
  | { kind: 'nonenotnull' }
  | { kind: 'provider'; provider: string; argument: string; /** shmcb size in bytes, when given. */ size?: number };

/** Reads `SSLSessionCache`'s argument. */
export function parseApacheCache(arg: string): ApacheCacheSpec | { invalid: string } {
  const lower = arg.toLowerCase();
  if (lower === 'none') return { kind: 'none' };
  if (lower === 'nonenotnull') return { kind: 'nonenotnull' };
  const colon = arg.indexOf(':');
  const provider = (colon < 0 ? arg : arg.slice(0, colon)).toLowerCase();
  const argument = colon < 0 ? '' : arg.slice(colon + 1);
  if (!/^[a-z][a-z0-9_]*$/.test(provider)) return { invalid: `SSLSessionCache: invalid argument "${arg}": expected none, nonenotnull or provider[:arguments]` };
  const spec: ApacheCacheSpec = { kind: 'provider', provider, argument };
  if (provider === 'shmcb' || provider === 'shm') {
    const m = /\((\d+)\)\s*$/.exec(argument);
    if (m) spec.size = Number(m[1]);
  }
  return spec;
}

export type ApacheVerify = 'none' | 'optional' | 'require' | 'optional_no_ca';

/** `SSLVerifyClient`: none|off, optional, require|on, optional_no_ca. */
export function parseApacheVerify(arg: string): ApacheVerify | undefined {
  const v = arg.toLowerCase();
  if (v === 'none' || v === 'off') return 'none';
  if (v === 'require' || v === 'on') return 'require';
  if (v === 'optional' || v === 'optional_no_ca') return v;
  return undefined;
}

export type ApacheProtocol = 'SSLv3' | 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
const ALL: ApacheProtocol[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
const NAMES: ApacheProtocol[] = ['SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

/** `SSLProtocol`: `all`, `+X`, `-X`, `X`; a name without + or - replaces what came before (mod_ssl warns, AH02532). */
export function parseApacheProtocols(args: readonly string[]): { list: ApacheProtocol[] } | { invalid: string } {
  let set = new Set<ApacheProtocol>();
  for (const raw of args) {
    const sign = raw[0] === '+' || raw[0] === '-' ? raw[0] : '';
    const name = sign ? raw.slice(1) : raw;
    const items = name.toLowerCase() === 'all' ? ALL : NAMES.filter((p) => p.toLowerCase() === name.toLowerCase());
    if (items.length === 0) return { invalid: `SSLProtocol: illegal protocol "${raw}"` };
    if (sign === '-') for (const p of items) set.delete(p);
    else if (sign === '+') for (const p of items) set.add(p);
    else set = new Set(items);
  }
  return { list: NAMES.filter((p) => set.has(p)) };
}

/** `SSLSessionCacheTimeout`: seconds. */
export function parseApacheSeconds(arg: string): number | undefined {
  return /^[0-9]+$/.test(arg) ? Number(arg) : undefined;
}

export function formatSeconds(s: number): string {
  if (s % 86400 === 0 && s >= 86400) return `${s / 86400} day${s === 86400 ? '' : 's'}`;
  if (s % 3600 === 0 && s >= 3600) return `${s / 3600} hour${s === 3600 ? '' : 's'}`;
  if (s % 60 === 0 && s >= 60) return `${s / 60} minute${s === 60 ? '' : 's'}`;
  return `${s} s`;
}
