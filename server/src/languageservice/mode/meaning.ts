import type { LibraryId } from '../knowledge/libraries';
import { LIBRARY_NAMES } from '../knowledge/libraries';
import {
  CLIENT,
  DecodedMode,
  NO_AUTO_CLEAR,
  NO_INTERNAL_LOOKUP,
  NO_INTERNAL_STORE,
  SERVER,
  UPDATE_TIME,
  decodeMode,
  formatHex,
} from './decode';

/**
 * What a mode value does on each side, in the terms of the store and lookup paths
 * (spec §3 and §4), for one library. Every line names the spec section behind it.
 */
export interface SideMeaning {
  /** Whether the side's role bit is set. */
  enabled: boolean;
  steps: { label: string; text: string; section: string }[];
}

export interface ModeMeaning {
  decoded: DecodedMode;
  library: LibraryId;
  /** One sentence. */
  headline: string;
  server: SideMeaning;
  client: SideMeaning;
  /** Things to know about this value: unknown bits, meaningless modifiers, flags the library lacks. */
  notes: string[];
}

export function explainMode(value: number, library: LibraryId): ModeMeaning {
  const decoded = decodeMode(value);
  const v = decoded.value;
  const has = (bit: number): boolean => (v & bit) === bit;
  const noStore = has(NO_INTERNAL_STORE);
  const noLookup = has(NO_INTERNAL_LOOKUP);
  const updateTime = has(UPDATE_TIME) && library === 'openssl-3.0';
  const autoClear = !has(NO_AUTO_CLEAR);
  const notes: string[] = [];

  // Server.
  const server: SideMeaning = { enabled: has(SERVER), steps: [] };
  if (server.enabled) {
    server.steps.push({
      label: 'announce',
      text: 'a TLS ≤1.2 server sends a non-empty session ID, so clients can offer it back',
      section: '§3.2',
    });
    server.steps.push({
      label: 'store',
      text: noStore
        ? 'new sessions go to `new_session_cb` only; the internal cache is not written'
        : 'new sessions go into the internal cache and to `new_session_cb`',
      section: '§3.2',
    });
    if (noStore) {
      server.steps.push({
        label: 'store',
        text: 'without a `new_session_cb` nothing is kept anywhere, and every offered ID misses',
        section: '§8',
      });
    }
    server.steps.push({
      label: 'except',
      text:
        library === 'boringssl'
          ? 'TLS 1.3 sessions are never stored (stateless tickets only)'
          : 'TLS 1.2 ticket sessions have no ID and are not stored; TLS 1.3 stateless-ticket sessions are stored internally only with a `remove_session_cb`, `SSL_OP_NO_TICKET` or early data',
      section: library === 'boringssl' ? '§13' : '§3.2',
    });
  } else {
    server.steps.push({
      label: 'announce',
      text: 'a TLS ≤1.2 server sends an empty session ID; nothing is stored and `new_session_cb` never fires on the server',
      section: '§1',
    });
  }
  server.steps.push({
    label: 'lookup',
    text:
      (noLookup
        ? 'an offered ID goes straight to `get_session_cb`; the internal cache is not read'
        : 'an offered ID is looked up in the internal cache, then in `get_session_cb`') +
      (server.enabled ? '' : ' (the lookup runs whatever the mode)'),
    section: '§4.2',
  });
  server.steps.push({
    label: 'tickets',
    text: 'TLS 1.2 tickets and TLS 1.3 stateless tickets are decrypted without any cache, and resume even with OFF',
    section: '§4.1',
  });
  if (!noStore) {
    server.steps.push({
      label: 'copy-back',
      text:
        '`get_session_cb` hits are copied into the internal cache' +
        (updateTime ? ', with their time reset (`UPDATE_TIME`): expired external sessions come back to life' : ''),
      section: updateTime ? '§3.4' : '§4.2',
    });
  }
  server.steps.push(autoFlushStep(server.enabled, autoClear, library, 'server'));

  // Client.
  const client: SideMeaning = { enabled: has(CLIENT), steps: [] };
  if (client.enabled) {
    if (library === 'boringssl') {
      client.steps.push({
        label: 'store',
        text: 'new client sessions go to `new_session_cb`; BoringSSL never stores client sessions internally',
        section: '§10',
      });
    } else {
      client.steps.push({
        label: 'store',
        text: noStore
          ? 'new client sessions go to `new_session_cb` only'
          : 'new client sessions go into the client ctx cache (which nothing reads back automatically) and to `new_session_cb`',
        section: '§6',
      });
    }
  } else {
    client.steps.push({
      label: 'store',
      text: 'nothing is stored and the client `new_session_cb` never fires',
      section: '§6',
    });
  }
  client.steps.push({
    label: 'lookup',
    text: 'none: a client resumes only the session the application passes to `SSL_set_session`',
    section: '§6',
  });
  if (client.enabled) client.steps.push(autoFlushStep(true, autoClear, library, 'client'));

  // Notes.
  if (!server.enabled && !client.enabled) {
    const modifiers = decoded.flags.filter((f) => f.kind === 'modifier' || (f.kind === 'alias' && f.value !== 3));
    if (modifiers.length > 0) {
      notes.push(
        `With neither CLIENT nor SERVER, ${modifiers.map((f) => f.shortName).join(', ')} ` +
          (modifiers.length > 1 ? 'change' : 'changes') +
          ' nothing in the store path' +
          (noLookup ? ' (NO_INTERNAL_LOOKUP still stops the internal lookup of offered IDs)' : '') +
          '.',
      );
    }
  }
  if (has(UPDATE_TIME) && library !== 'openssl-3.0') {
    notes.push(`UPDATE_TIME (0x0400) is not defined by ${LIBRARY_NAMES[library]}: the bit is stored and ignored.`);
  }
  if (has(UPDATE_TIME) && library === 'openssl-3.0' && noStore) {
    notes.push('UPDATE_TIME only acts in `SSL_CTX_add_session`; with NO_INTERNAL_STORE it only affects sessions you add by hand.');
  }
  if (decoded.unknownBits) {
    notes.push(
      `Unknown bit${decoded.unknownBitList.length > 1 ? 's' : ''} ${decoded.unknownBitList.map((b) => formatHex(b)).join(', ')}: ` +
        'stored without complaint and ignored. Was an `SSL_OP_*` or `SSL_MODE_*` value passed by mistake?',
    );
  }

  return { decoded, library, headline: headline(v, library), server, client, notes };
}

function autoFlushStep(
  enabled: boolean,
  autoClear: boolean,
  library: LibraryId,
  side: 'server' | 'client',
): { label: string; text: string; section: string } {
  if (!enabled) return { label: 'flush', text: 'no automatic flush (the side bit is not set)', section: '§3.3' };
  if (!autoClear) {
    return {
      label: 'flush',
      text: 'never automatic (`NO_AUTO_CLEAR`): call `SSL_CTX_flush_sessions` yourself',
      section: '§3.3',
    };
  }
  if (library === 'boringssl') {
    return {
      label: 'flush',
      text: side === 'server' ? 'expired sessions are flushed after every 255 sessions stored internally' : 'no automatic flush on a BoringSSL client',
      section: '§3.3',
    };
  }
  return {
    label: 'flush',
    text:
      side === 'server'
        ? 'expired sessions are flushed during every 256th good handshake (255th on TLS 1.3) that reaches the store path'
        : 'expired sessions are flushed during every 256th good client handshake',
    section: '§3.3',
  };
}

function headline(v: number, library: LibraryId): string {
  const role = v & (CLIENT | SERVER);
  const noStore = (v & NO_INTERNAL_STORE) !== 0;
  const noLookup = (v & NO_INTERNAL_LOOKUP) !== 0;
  if (role === 0) return 'No automatic session caching on either side (tickets still resume; offered IDs are still looked up).';
  const parts: string[] = [];
  if (role & SERVER) {
    if (noStore && noLookup) parts.push('server: external cache only (callbacks), the internal cache is unused');
    else if (noStore) parts.push('server: sessions are not stored internally, but the internal cache is still read');
    else if (noLookup) parts.push('server: sessions are stored internally but never looked up there');
    else parts.push('server: internal cache for storing and lookup, plus any callbacks');
  }
  if (role & CLIENT) {
    if (library === 'boringssl' || noStore) parts.push('client: sessions are only handed to `new_session_cb`');
    else parts.push('client: sessions are kept in the client ctx cache and handed to `new_session_cb`');
  }
  const text = parts.join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1) + '.';
}
