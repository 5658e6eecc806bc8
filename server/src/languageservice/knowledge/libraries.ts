/** The TLS libraries whose session cache behaviour the product describes. */
export const LIBRARY_IDS = ['openssl-3.0', 'openssl-1.1.1', 'openssl-1.0.2', 'libressl', 'boringssl'] as const;
export type LibraryId = (typeof LIBRARY_IDS)[number];

export const DEFAULT_LIBRARY: LibraryId = 'openssl-3.0';

export const LIBRARY_NAMES: Record<LibraryId, string> = {
  'openssl-3.0': 'OpenSSL 3.x',
  'openssl-1.1.1': 'OpenSSL 1.1.1',
  'openssl-1.0.2': 'OpenSSL 1.0.2',
  libressl: 'LibreSSL',
  boringssl: 'BoringSSL',
};

export function isLibraryId(value: unknown): value is LibraryId {
  return typeof value === 'string' && (LIBRARY_IDS as readonly string[]).includes(value);
}

/** Parses a user-supplied library name; the error lists the accepted names. */
export function parseLibraryId(value: string): LibraryId {
  if (isLibraryId(value)) return value;
  throw new Error(`unknown library "${value}"; expected one of: ${LIBRARY_IDS.join(', ')}`);
}
