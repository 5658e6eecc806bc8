import type { ConfigCacheSetting, ConfigRule } from '../model';
import type { ApacheDirective, ApacheDocument, ApacheSyntaxError } from './parser';
import type { ApacheCacheSpec, ApacheProtocol, ApacheVerify } from './values';

export interface Located<T> {
  node: ApacheDirective;
  /** The node itself when it is in the document, else the document's `Include` that brought it in. */
  anchor: ApacheDirective;
  value: T;
}

/** `SSLEngine`: on/off/optional, or a list of addresses (httpd 2.4.30+) that turns TLS on for matching virtual hosts. */
export type ApacheEngine = { kind: 'on' | 'off' | 'optional' } | { kind: 'addresses'; ports: string[] };

/** The session directives one level (server config or a virtual host) sets. */
export interface ApacheLevel {
  cache?: Located<ApacheCacheSpec>;
  timeout?: Located<number>;
  tickets?: Located<boolean>;
  verify?: Located<ApacheVerify>;
  protocols?: Located<ApacheProtocol[]>;
  engine?: Located<ApacheEngine>;
}

export interface ApacheVirtualHost {
  node: ApacheDirective;
  anchor: ApacheDirective;
  level: ApacheLevel;
  addresses: string[];
  serverName?: string;
  tls: boolean;
  label: string;
}

export interface ApacheEffective {
  cache?: Located<ApacheCacheSpec>;
  timeout?: Located<number>;
  tickets?: Located<boolean>;
  verify?: Located<ApacheVerify>;
  protocols?: Located<ApacheProtocol[]>;
  spec: ApacheCacheSpec;
  timeoutSeconds: number;
  ticketsOn: boolean;
  verifyPolicy: ApacheVerify;
  protocolList: ApacheProtocol[];
}

export interface ApacheSite {
  label: string;
  /** Undefined for the main server and for the server config alone. */
  vhost?: ApacheVirtualHost;
  effective: ApacheEffective;
  setting: ConfigCacheSetting;
}

export interface ApacheModel {
  global: ApacheLevel;
  vhosts: ApacheVirtualHost[];
  sites: ApacheSite[];
  /** `SSLSessionCache` written outside the server config (ignored by the analysis, httpd refuses it). */
  misplacedCaches: { located: Located<string>; section: ApacheDirective; vhost?: ApacheDirective }[];
  /** `LoadModule ssl_module …`, when the configuration shows it (then the whole server configuration is in view). */
  sslModule?: Located<string>;
  valueErrors: ApacheSyntaxError[];
}

export interface ApacheRuleContext {
  text: string;
  document: ApacheDocument;
  model: ApacheModel;
}

export type ApacheRule = ConfigRule<ApacheRuleContext>;
