import type { Quote } from './types';

/** Attribution shown under every quote from the seeded man page. */
export const SEED_ATTRIBUTION =
  'SSL_CTX_set_session_cache_mode(3), OpenSSL 0.9.7d (as shipped in NetBSD 2.0). © The OpenSSL Project, OpenSSL License.';

/** Attribution for sentences of the OpenSSL 3 man pages that the spec quotes. */
export const OPENSSL3_ATTRIBUTION = 'OpenSSL 3.0 manual pages. © The OpenSSL Project Authors, Apache License 2.0.';

export function attributionFor(quote: Quote): string {
  return quote.source === 'openssl-3' ? OPENSSL3_ATTRIBUTION : SEED_ATTRIBUTION;
}

/**
 * A form of man page text for checking quotes against the formatted page: whitespace
 * collapsed, and hyphens between word characters dropped, because nroff's line-break
 * hyphenation ("inter-\n nal", but also "session-\n resume") cannot be told apart from a real hyphen.
 */
export function normaliseManText(text: string): string {
  return text
    .replace(/(\w)-\s*\n\s*(\w)/g, '$1$2')
    .replace(/(\w)-(\w)/g, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
}
