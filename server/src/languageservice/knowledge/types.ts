import type { LibraryId } from './libraries';

/**
 * A statement about real behaviour, with the section of the behavioural spec
 * (docs/spec: "openssl-session-cache.md") that backs it.
 */
export interface Fact {
  text: string;
  /** Spec section, e.g. "§3.2". */
  section: string;
  /** When set, the fact only holds for these libraries. */
  libraries?: readonly LibraryId[];
}

/** A sentence quoted verbatim from a man page (whitespace and hyphenation may differ). */
export interface Quote {
  text: string;
  /** Which man page and edition; defaults to the seeded 0.9.7d page. */
  source?: 'seed' | 'openssl-3';
  /** Set when the man page is wrong or misleading about this, explained. */
  correction?: string;
}

export interface FlagInfo {
  name: string;
  /** The name without the SSL_SESS_CACHE_ prefix. */
  shortName: string;
  value: number;
  /** role: CLIENT/SERVER bits; alias: a union of other flags; modifier: changes the store/lookup paths. */
  kind: 'none' | 'role' | 'alias' | 'modifier';
  /** For aliases, the flags it stands for. */
  aliasOf?: readonly string[];
  introduced: string;
  /** Per library: the version that has it, or false when the library does not define it. */
  availability: Record<LibraryId, string | false>;
  summary: string;
  manPage: readonly Quote[];
  /** Why the quote is incomplete or absent, if it is. */
  manPageNote?: string;
  facts: readonly Fact[];
}

export interface ApiFunctionInfo {
  name: string;
  signature: string;
  /** Macro or real function, and over what. */
  implementation: string;
  summary: string;
  returns: string;
  manPage: readonly Quote[];
  manPageNote?: string;
  facts: readonly Fact[];
  /** Related names shown as "see also". */
  related?: readonly string[];
}
