import type { LibraryId } from '../knowledge/libraries';
import type { Finding, Fix, Severity } from '../rules/types';

/**
 * Session cache configurations found in configuration files (our .sslcache language, nginx,
 * Apache httpd), in OpenSSL's terms: what the server ends up calling. Every analyser returns
 * these; the language server turns them into hovers, diagnostics, inline paths and simulations.
 */

export interface Span {
  start: number;
  end: number;
}

export interface ConfigCacheSetting {
  /** The directive (or block) that decides the cache, offsets into the document. */
  span: Span;
  /** Where the mode comes from, for flag-level diagnostics (`.sslcache`: the mode value). */
  modeSpan?: Span;
  /** A short name for the context, e.g. `server example.com:443`, `http`, `mail`. */
  label: string;
  role: 'server' | 'client';
  /** The library the product is built with, when the file says (`.sslcache`); otherwise the setting applies. */
  library?: LibraryId;
  protocols: ('TLSv1.2' | 'TLSv1.3')[];
  mode: number;
  /** 0 = unlimited. */
  cacheSize: number;
  timeout: number;
  sessionIdContext: boolean;
  verifyPeer: boolean;
  tickets: boolean;
  numTickets: number;
  callbacks: { new: boolean; get: boolean; remove: boolean };
  /** The OpenSSL calls this amounts to, one per line, for hovers (e.g. `SSL_CTX_set_timeout(ctx, 300)`). */
  calls: string[];
  /** How many independent copies of this cache exist (nginx `builtin` with N worker processes). */
  processes: number;
  /** A client hands saved sessions back (SSL_set_session): what makes it resume (spec §6). */
  offersSavedSessions?: boolean;
}

/** A finding in a configuration file: the same shape as the C rules' findings. */
export type ConfigFinding = Finding;

export interface ConfigHover {
  markdown: string;
  start: number;
  end: number;
}

export interface ConfigAnalysis {
  settings: ConfigCacheSetting[];
  /** Syntax problems and the product-specific rules. */
  findings: ConfigFinding[];
  hoverAt(offset: number): ConfigHover | null;
}

/** Reads an included file (nginx `include`, Apache `Include`) by the name written, relative to the document; undefined if absent. */
export type ConfigIncludeLoader = (name: string) => { text: string; name: string }[] | undefined;

/**
 * A rule over a configuration language, like the C rules (rules/rule.ts): one per file, with its id,
 * default severity, spec section, description and examples; `docs/rules.md` lists them too.
 */
export interface ConfigRule<Context> {
  id: string;
  language: 'nginx' | 'apache' | 'sslcache' | 'haproxy' | 'stunnel' | 'postfix';
  defaultSeverity: Severity;
  title: string;
  section: string;
  description: string;
  bad: readonly { code: string }[];
  good: readonly { code: string }[];
  check(context: Context, report: (finding: Omit<ConfigFinding, 'ruleId' | 'severity'> & { severity?: Severity }) => void): void;
}

/**
 * The session lifetime above which every product's long-timeout-with-tickets rule speaks while
 * tickets are on: one day, the value Mozilla's server-side TLS guidelines use (spec §8 L2).
 */
export const MAX_TICKET_TIMEOUT = 86400;

export type ConfigReport = (finding: Omit<ConfigFinding, 'ruleId' | 'severity'> & { severity?: Severity }) => void;

/**
 * Reports at a directive found through includes: the directive itself when it is in the document
 * (with the fixes), else the include line that brings it in (message prefixed with the file, no
 * fixes: they would edit another file).
 */
export function reportLocated<D extends { file?: string }>(
  report: ConfigReport,
  at: { node: D; anchor: D },
  span: Span,
  message: string,
  fixes: Fix[] = [],
  severity?: Severity,
): void {
  const inDocument = at.node === at.anchor;
  const finding: Omit<ConfigFinding, 'ruleId' | 'severity'> & { severity?: Severity } = {
    message: inDocument ? message : `in ${at.node.file}: ${message}`,
    start: span.start,
    end: span.end,
    fixes: inDocument ? fixes : [],
  };
  if (severity) finding.severity = severity;
  report(finding);
}
