import { FLAGS, KNOWN_MODE_BITS, findFlag } from '../knowledge/flags';
import type { FlagInfo } from '../knowledge/types';

export const CLIENT = 0x0001;
export const SERVER = 0x0002;
export const NO_AUTO_CLEAR = 0x0080;
export const NO_INTERNAL_LOOKUP = 0x0100;
export const NO_INTERNAL_STORE = 0x0200;
export const UPDATE_TIME = 0x0400;

export interface DecodedMode {
  value: number;
  /** `0x0302`: at least four hex digits. */
  hex: string;
  /** The flags that make up the value, using BOTH and NO_INTERNAL where both halves are set; OFF when no role bit. */
  flags: FlagInfo[];
  /** Bits no library gives a meaning to. */
  unknownBits: number;
  /** Each unknown bit on its own, lowest first. */
  unknownBitList: number[];
  /** `SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL` (unknown bits appended as hex). */
  expression: string;
  /** `SERVER | NO_INTERNAL`. */
  shortExpression: string;
}

export function formatHex(value: number, minDigits = 4): string {
  return '0x' + value.toString(16).toUpperCase().padStart(minDigits, '0');
}

function flag(name: string): FlagInfo {
  const found = findFlag('SSL_SESS_CACHE_' + name);
  if (!found) throw new Error('missing flag ' + name);
  return found;
}

export function decodeMode(value: number): DecodedMode {
  value = value >>> 0;
  const flags: FlagInfo[] = [];
  const roles = value & (CLIENT | SERVER);
  if (roles === (CLIENT | SERVER)) flags.push(flag('BOTH'));
  else if (roles === CLIENT) flags.push(flag('CLIENT'));
  else if (roles === SERVER) flags.push(flag('SERVER'));
  else flags.push(flag('OFF'));
  if (value & NO_AUTO_CLEAR) flags.push(flag('NO_AUTO_CLEAR'));
  const internal = value & (NO_INTERNAL_LOOKUP | NO_INTERNAL_STORE);
  if (internal === (NO_INTERNAL_LOOKUP | NO_INTERNAL_STORE)) flags.push(flag('NO_INTERNAL'));
  else if (internal === NO_INTERNAL_LOOKUP) flags.push(flag('NO_INTERNAL_LOOKUP'));
  else if (internal === NO_INTERNAL_STORE) flags.push(flag('NO_INTERNAL_STORE'));
  if (value & UPDATE_TIME) flags.push(flag('UPDATE_TIME'));

  const unknownBits = (value & ~KNOWN_MODE_BITS) >>> 0;
  const unknownBitList: number[] = [];
  for (let bit = 0; bit < 32; bit++) {
    const mask = 2 ** bit;
    if (Math.floor(unknownBits / mask) % 2 === 1) unknownBitList.push(mask);
  }
  // OFF is only spelled out when nothing else is set, or to make "no role bit" explicit before modifiers.
  const parts = flags.map((f) => f.name);
  const shortParts = flags.map((f) => f.shortName);
  for (const bit of unknownBitList) {
    parts.push(formatHex(bit));
    shortParts.push(formatHex(bit));
  }
  return {
    value,
    hex: formatHex(value),
    flags,
    unknownBits,
    unknownBitList,
    expression: parts.join(' | '),
    shortExpression: shortParts.join(' | '),
  };
}

/** The flags whose bits are all set in value (aliases included), e.g. for "has NO_INTERNAL_STORE". */
export function flagsSetIn(value: number): FlagInfo[] {
  return FLAGS.filter((f) => f.value !== 0 && (value & f.value) === f.value);
}
