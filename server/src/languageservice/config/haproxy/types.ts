import type { ConfigCacheSetting, ConfigRule } from '../model';
import type { HaproxyDocument, HaproxyLine, HaproxySection, HaproxySyntaxError, HaproxyWord } from './parser';

export interface Valued<T> {
  line: HaproxyLine;
  value: T;
}

/** A `bind … ssl …` line of a frontend or listen section: one server-side SSL_CTX (spec §9). */
export interface HaproxyBind {
  section: HaproxySection;
  line: HaproxyLine;
  /** The `no-tls-tickets` that turns tickets off: on the bind or in `ssl-default-bind-options`. */
  noTickets?: HaproxyWord;
  setting: ConfigCacheSetting;
}

/** A `server … ssl` line of a backend or listen section: HAProxy as a TLS client, one SSL_CTX (spec §9). */
export interface HaproxyServer {
  section: HaproxySection;
  line: HaproxyLine;
  /** `no-tls-tickets` on the line, its `default-server`, or the global `ssl-default-server-options`. */
  noTickets?: HaproxyWord;
  /** `no-ssl-reuse`: HAProxy keeps no session to hand back. */
  noReuse?: HaproxyWord;
  setting: ConfigCacheSetting;
}

export interface HaproxyModel {
  cachesize?: Valued<number>;
  lifetime?: Valued<number>;
  /** `no-tls-tickets` in the global `ssl-default-bind-options`. */
  defaultNoTickets?: HaproxyWord;
  binds: HaproxyBind[];
  /** The global `ssl-server-verify` (`none` or `required`), lower-cased. */
  serverVerify?: string;
  /** `no-tls-tickets` in the global `ssl-default-server-options`. */
  defaultServerNoTickets?: HaproxyWord;
  servers: HaproxyServer[];
  /** Whether a frontend or listen section is in view (then the binds list is the whole story). */
  frontends: boolean;
  valueErrors: HaproxySyntaxError[];
}

export interface HaproxyRuleContext {
  text: string;
  document: HaproxyDocument;
  model: HaproxyModel;
}

export type HaproxyRule = ConfigRule<HaproxyRuleContext>;
