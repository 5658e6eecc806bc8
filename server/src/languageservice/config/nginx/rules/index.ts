import type { NginxRule } from '../types';
import { builtinPerWorker } from './builtinPerWorker';
import { longTimeoutWithTickets } from './longTimeoutWithTickets';
import { noneVsOff } from './noneVsOff';
import { nginxSyntax } from './syntax';
import { zoneSharedAcrossVerifyPolicies } from './zoneSharedAcrossVerifyPolicies';
import { zoneTooSmall } from './zoneTooSmall';

/** The nginx rules, in the order docs list them. */
export const NGINX_RULES: readonly NginxRule[] = [
  nginxSyntax,
  builtinPerWorker,
  zoneTooSmall,
  zoneSharedAcrossVerifyPolicies,
  longTimeoutWithTickets,
  noneVsOff,
];

export { builtinPerWorker, longTimeoutWithTickets, nginxSyntax, noneVsOff, zoneSharedAcrossVerifyPolicies, zoneTooSmall };
