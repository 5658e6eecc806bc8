import type { ConfigCacheSetting, ConfigRule } from '../model';
import type { PostfixDocument, PostfixParam, PostfixSyntaxError } from './parser';

/** The smtpd session parameters (the last assignment of each wins, as in Postfix). */
export interface PostfixModel {
  database?: PostfixParam;
  timeout?: PostfixParam;
  ticketCipher?: PostfixParam;
  /** Seconds; 0 disables caching and tickets (spec §9). */
  timeoutSeconds: number;
  /** The smtpd server context, when the file configures smtpd TLS. */
  setting?: ConfigCacheSetting;
  valueErrors: PostfixSyntaxError[];
}

export interface PostfixRuleContext {
  text: string;
  document: PostfixDocument;
  model: PostfixModel;
}

export type PostfixRule = ConfigRule<PostfixRuleContext>;
