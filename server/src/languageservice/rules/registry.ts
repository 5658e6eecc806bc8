import { announcedNeverStored } from './all/announcedNeverStored';
import { bitTestAgainstOff } from './all/bitTestAgainstOff';
import { cacheSizeInvalid } from './all/cacheSizeInvalid';
import { clientCacheUnused } from './all/clientCacheUnused';
import { clientNewCbWithoutClientBit } from './all/clientNewCbWithoutClientBit';
import { copyBackWaste } from './all/copyBackWaste';
import { earlyDataWithoutInternalCache } from './all/earlyDataWithoutInternalCache';
import { externalCacheNeverWritten } from './all/externalCacheNeverWritten';
import { lookupFlagOnClient } from './all/lookupFlagOnClient';
import { modifierWithoutRole } from './all/modifierWithoutRole';
import { noAutoClearNothingStored } from './all/noAutoClearNothingStored';
import { noAutoClearWithoutFlush } from './all/noAutoClearWithoutFlush';
import { notACacheMode } from './all/notACacheMode';
import { numericMode } from './all/numericMode';
import { offStillResumes } from './all/offStillResumes';
import { redundantFlag } from './all/redundantFlag';
import { removeSessionInRemoveCb } from './all/removeSessionInRemoveCb';
import { returnValueAsSuccess } from './all/returnValueAsSuccess';
import { roleMismatch } from './all/roleMismatch';
import { serverCbWithoutServerBit } from './all/serverCbWithoutServerBit';
import { storedNeverLookedUp } from './all/storedNeverLookedUp';
import { unknownFlag } from './all/unknownFlag';
import { updateTimeNoEffect, updateTimeRevivesExpired, updateTimeUnsupported } from './all/updateTime';
import { verifyPeerWithoutSidCtx } from './all/verifyPeerWithoutSidCtx';
import type { Rule } from './rule';

/** Every rule, in the order of docs/rules.md. */
export const allRules: readonly Rule[] = [
  unknownFlag,
  notACacheMode,
  numericMode,
  modifierWithoutRole,
  redundantFlag,
  noAutoClearNothingStored,
  lookupFlagOnClient,
  announcedNeverStored,
  storedNeverLookedUp,
  copyBackWaste,
  externalCacheNeverWritten,
  clientNewCbWithoutClientBit,
  serverCbWithoutServerBit,
  clientCacheUnused,
  roleMismatch,
  noAutoClearWithoutFlush,
  verifyPeerWithoutSidCtx,
  updateTimeRevivesExpired,
  updateTimeNoEffect,
  updateTimeUnsupported,
  returnValueAsSuccess,
  bitTestAgainstOff,
  cacheSizeInvalid,
  offStillResumes,
  removeSessionInRemoveCb,
  earlyDataWithoutInternalCache,
];

export function findRule(id: string): Rule | undefined {
  return allRules.find((r) => r.id === id);
}
