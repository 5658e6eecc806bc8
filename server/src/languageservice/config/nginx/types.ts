import type { Severity } from '../../rules/types';
import type { ConfigCacheSetting, ConfigFinding, ConfigRule } from '../model';
import type { NginxDirective, NginxDocument, NginxSyntaxError } from './parser';
import type { NginxCacheKind, NginxCacheSpec } from './values';

/** A directive as it applies: the node (maybe in an included file) and where to report it in the document. */
export interface Located<T> {
  node: NginxDirective;
  /** The node itself when it is in the document, else the document's `include` that brought it in. */
  anchor: NginxDirective;
  value: T;
}

export type VerifyPolicy = 'off' | 'on' | 'optional' | 'optional_no_ca';
export type Protocol = 'SSLv2' | 'SSLv3' | 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

/** The session-related directives one level (http/mail/stream block or server) sets itself. */
export interface NginxLevel {
  cache?: Located<NginxCacheSpec>;
  timeout?: Located<number>;
  tickets?: Located<boolean>;
  verify?: Located<VerifyPolicy>;
  protocols?: Located<Protocol[]>;
  /** `ssl on|off` (removed in nginx 1.25.1, still common). */
  ssl?: Located<boolean>;
  /** `starttls on|only|off` (mail). */
  starttls?: Located<boolean>;
}

export type NginxBlockKind = 'http' | 'mail' | 'stream';

/** An `http`, `mail` or `stream` block; `implicit` for a fragment (a file of server blocks, as in sites-enabled/). */
export interface NginxBlock {
  kind: NginxBlockKind;
  implicit: boolean;
  node?: NginxDirective;
  anchor?: NginxDirective;
  level: NginxLevel;
  servers: NginxServer[];
  /** `server_name` at the block level (mail only), inherited by servers without one. */
  serverNames: string[];
}

export interface NginxServer {
  block: NginxBlock;
  node: NginxDirective;
  anchor: NginxDirective;
  level: NginxLevel;
  serverNames: string[];
  listens: { address: string; ssl: boolean }[];
  /** Own `ssl_certificate`. */
  hasCertificate: boolean;
  tls: boolean;
  label: string;
}

/** The values that apply to one cache (a TLS server, or a block with no TLS server), with their origin. */
export interface NginxEffective {
  cache?: Located<NginxCacheSpec>;
  timeout?: Located<number>;
  tickets?: Located<boolean>;
  verify?: Located<VerifyPolicy>;
  protocols?: Located<Protocol[]>;
  kind: NginxCacheKind;
  timeoutSeconds: number;
  ticketsOn: boolean;
  verifyPolicy: VerifyPolicy;
  protocolList: Protocol[];
}

/** One cache configuration: what a TLS server (or an unused block) ends up with. */
export interface NginxSite {
  label: string;
  block: NginxBlock;
  server?: NginxServer;
  effective: NginxEffective;
  setting: ConfigCacheSetting;
}

export interface NginxWorkers {
  /** Processes for the `processes` field: N, 2 for `auto`, 1 when unset. */
  count: number;
  auto: boolean;
  /** The directive, when the configuration has one. */
  directive?: Located<string>;
}

export interface NginxModel {
  blocks: NginxBlock[];
  sites: NginxSite[];
  workers: NginxWorkers;
  /** The file has no main-level structure (no http/mail/stream/events block): it is a fragment read as http. */
  fragment: boolean;
  /** Errors in values nginx would refuse (invalid session cache, time, flag …), in document offsets. */
  valueErrors: NginxSyntaxError[];
}

export interface NginxRuleContext {
  text: string;
  document: NginxDocument;
  model: NginxModel;
}

export type NginxRule = ConfigRule<NginxRuleContext>;

export type { ConfigFinding, Severity };
