import type { ConfigCacheSetting, ConfigRule } from '../model';
import type { StunnelDocument, StunnelOption, StunnelSection, StunnelSyntaxError } from './parser';

/** The session options in force for a service: its own, else the global section's (stunnel's defaults). */
export interface StunnelEffective {
  cacheSize?: StunnelOption;
  timeout?: StunnelOption;
  resume?: StunnelOption;
  sessiond?: StunnelOption;
  /** The `options = NO_TICKET` that turns tickets off. */
  noTicket?: StunnelOption;
}

export interface StunnelService {
  section: StunnelSection;
  effective: StunnelEffective;
  setting: ConfigCacheSetting;
}

export interface StunnelModel {
  services: StunnelService[];
  valueErrors: StunnelSyntaxError[];
}

export interface StunnelRuleContext {
  text: string;
  document: StunnelDocument;
  model: StunnelModel;
}

export type StunnelRule = ConfigRule<StunnelRuleContext>;
