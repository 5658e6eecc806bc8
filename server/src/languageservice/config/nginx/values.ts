/**
 * nginx's value syntaxes, as its own parsers read them: times (`ngx_parse_time`), sizes
 * (`ngx_parse_size`) and the arguments of `ssl_session_cache`
 * (`ngx_http_ssl_session_cache`, the same in mail and stream).
 */

const TIME_UNITS: { unit: string; seconds: number }[] = [
  { unit: 'y', seconds: 365 * 86400 },
  { unit: 'M', seconds: 30 * 86400 },
  { unit: 'w', seconds: 7 * 86400 },
  { unit: 'd', seconds: 86400 },
  { unit: 'h', seconds: 3600 },
  { unit: 'm', seconds: 60 },
  { unit: 's', seconds: 1 },
];

/**
 * Seconds for an nginx time (`300`, `5m`, `1h30m`, `1d 12h`), or undefined when nginx would reject
 * it. Units must come from the largest down (y, M, w, d, h, m, s), each at most once; a number
 * without a unit counts as seconds; `ms` is not allowed where nginx wants seconds.
 */
export function parseNginxTime(value: string): number | undefined {
  if (!/^[0-9yMwdhms ]+$/.test(value) || !/[0-9]/.test(value)) return undefined;
  let total = 0;
  let lastRank = -1;
  let i = 0;
  const s = value;
  while (i < s.length) {
    if (s[i] === ' ') {
      i++;
      continue;
    }
    const m = /^([0-9]+)([yMwdhs]|m(?!s)|ms)?/.exec(s.slice(i));
    if (!m) return undefined;
    const n = Number(m[1]);
    const unit = m[2];
    i += m[0].length;
    if (unit === 'ms') return undefined;
    if (unit === undefined) {
      // A bare number: seconds, and it must be last.
      if (lastRank >= TIME_UNITS.length - 1) return undefined;
      if (s.slice(i).trim() !== '') return undefined;
      total += n;
      lastRank = TIME_UNITS.length;
      continue;
    }
    const rank = TIME_UNITS.findIndex((u) => u.unit === unit);
    if (rank <= lastRank) return undefined;
    lastRank = rank;
    total += n * TIME_UNITS[rank].seconds;
  }
  return Number.isFinite(total) ? total : undefined;
}

/** A compact nginx spelling of a number of seconds: 86400 → `1d`, 5400 → `1h30m`, 301 → `301s`. */
export function formatNginxTime(seconds: number): string {
  if (seconds === 0) return '0s';
  let rest = seconds;
  let out = '';
  for (const { unit, seconds: size } of TIME_UNITS.slice(3)) {
    if (rest >= size) {
      const n = Math.floor(rest / size);
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}

/** Bytes for an nginx size (`10m`, `512k`, `1048576`), or undefined. */
export function parseNginxSize(value: string): number | undefined {
  const m = /^([0-9]+)([kKmMgG]?)$/.exec(value);
  if (!m) return undefined;
  const scale = { '': 1, k: 1024, m: 1024 * 1024, g: 1024 * 1024 * 1024 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Number(m[1]) * scale;
}

/** `10485760` → `10 MB`, `524288` → `512 KB`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

/** What `ssl_session_cache` was given, argument by argument, the way nginx merges them. */
export interface NginxCacheSpec {
  /** `off` was given (wins over everything else). */
  off: boolean;
  /** `none` was given. */
  none: boolean;
  /** `builtin` (`size: 'default'`, OpenSSL's 20480) or `builtin:N`; the index of the argument. */
  builtin?: { size: number | 'default'; argIndex: number };
  /** `shared:name:size`; the index of the argument. */
  shared?: { name: string; size: number; argIndex: number };
}

export interface NginxCacheParse {
  spec?: NginxCacheSpec;
  /** The first argument nginx rejects, with nginx's message. */
  invalid?: { argIndex: number; message: string };
}

function invalidCache(a: string): string {
  return `invalid session cache "${a}": expected off, none, builtin, builtin:N or shared:name:size (e.g. shared:SSL:10m)`;
}

/** Reads the arguments of `ssl_session_cache` like `ngx_http_ssl_session_cache`. */
export function parseSessionCacheArgs(args: readonly string[]): NginxCacheParse {
  const spec: NginxCacheSpec = { off: false, none: false };
  for (const [i, a] of args.entries()) {
    if (a === 'off') {
      spec.off = true;
      continue;
    }
    if (a === 'none') {
      spec.none = true;
      continue;
    }
    if (a === 'builtin') {
      spec.builtin = { size: 'default', argIndex: i };
      continue;
    }
    if (a.startsWith('builtin:') && a.length > 'builtin:'.length) {
      const n = a.slice('builtin:'.length);
      if (!/^[0-9]+$/.test(n)) return { invalid: { argIndex: i, message: invalidCache(a) } };
      spec.builtin = { size: Number(n), argIndex: i };
      continue;
    }
    if (a.startsWith('shared:') && a.length > 'shared:'.length) {
      const rest = a.slice('shared:'.length);
      const colon = rest.indexOf(':');
      if (colon <= 0) return { invalid: { argIndex: i, message: invalidCache(a) } };
      const size = parseNginxSize(rest.slice(colon + 1));
      if (size === undefined) return { invalid: { argIndex: i, message: invalidCache(a) } };
      spec.shared = { name: rest.slice(0, colon), size, argIndex: i };
      continue;
    }
    return { invalid: { argIndex: i, message: invalidCache(a) } };
  }
  return { spec };
}

/** Which kind of cache a spec amounts to (nginx's `ngx_ssl_session_cache`, spec §9). */
export type NginxCacheKind = 'off' | 'none' | 'builtin' | 'shared' | 'builtin+shared';

export function cacheKind(spec: NginxCacheSpec | undefined): NginxCacheKind {
  if (!spec) return 'none';
  if (spec.off) return 'off';
  if (spec.none) return 'none';
  if (spec.shared && spec.builtin) return 'builtin+shared';
  if (spec.shared) return 'shared';
  if (spec.builtin) return 'builtin';
  return 'none';
}

/** nginx documents that one megabyte of a shared session cache holds about 4000 sessions. */
export const SESSIONS_PER_MEGABYTE = 4000;
/** The smallest shared zone nginx accepts: 8 pages (32 KB with 4 KB pages). */
export const MIN_ZONE_BYTES = 8 * 4096;

export function sessionsInZone(bytes: number): number {
  return Math.floor((bytes / (1024 * 1024)) * SESSIONS_PER_MEGABYTE);
}
