import type { SimConfig } from './model';
import type { PathPrediction } from './predict';

/**
 * The paths of a client context, from the spec's client side (§6), not from the simulator: the
 * simulator models a server's cache, and a client's cache is a different thing. A client stores
 * sessions (CLIENT bit: the internal client cache unless NO_INTERNAL_STORE, and its
 * new_session_cb) but never looks them up: it resumes only when the application hands a saved
 * session back with SSL_set_session.
 */

const CLIENT = 0x1;
const SERVER = 0x2;
const NO_AUTO_CLEAR = 0x80;
const NO_INTERNAL_STORE = 0x200;

/** What of a context's simulator configuration the client side reads. */
export type ClientConfig = Pick<SimConfig, 'library' | 'protocol' | 'mode'> & { callbacks: { new: boolean } };

/** Whether a context acts as a client: said by its code (connect, a client method), or by a mode with only the CLIENT role bit. */
export function isClientContext(role: 'client' | 'server' | 'unknown', mode: number): boolean {
  return role === 'client' || (role === 'unknown' && (mode & CLIENT) !== 0 && (mode & SERVER) === 0);
}

/** Why a client context is not simulated, for the Simulate command and `sesscache simulate`. */
export function clientNotSimulated(label: string): string {
  return `${label} is a TLS client: the simulator models a server's session cache. A client stores its sessions (see the inline paths) but never looks them up; it resumes only with the sessions the application passes to SSL_set_session. Simulate the server it connects to instead.`;
}

/** `offersSavedSessions`: the application hands saved sessions back (SSL_set_session, or the binding's equivalent). */
export function predictClientPaths(c: ClientConfig, offersSavedSessions: boolean): PathPrediction {
  const explanation: string[] = [];
  const boring = c.library === 'boringssl';
  const clientBit = (c.mode & CLIENT) !== 0;
  const internal = clientBit && !boring && (c.mode & NO_INTERNAL_STORE) === 0;
  const callback = clientBit && c.callbacks.new;
  const perHandshake = c.protocol === 'TLSv1.3' ? ' (one per ticket, 2 by default, after the handshake)' : '';

  let store: string;
  if (!clientBit) {
    store = 'nothing';
    explanation.push(
      c.callbacks.new
        ? 'Without the CLIENT bit a client stores nothing, and its new_session_cb is never called (spec §6).'
        : 'Without the CLIENT bit a client stores nothing in its context (spec §6); the application can still keep SSL_get1_session.',
    );
  } else {
    store = internal && callback ? 'internal + new_cb' : internal ? 'internal' : callback ? 'new_cb' : 'nothing';
    const where = internal && callback ? 'the client cache and the new_session_cb' : internal ? 'the client cache' : callback ? 'the new_session_cb' : 'nowhere';
    explanation.push(`Each new session goes to ${where}${perHandshake}.`);
    if (boring) explanation.push('BoringSSL never stores client sessions internally: the CLIENT bit only enables the callback (spec §6).');
    else if (internal) explanation.push('Nothing ever reads the internal client cache (only SSL_CTX_sessions could): it costs memory; NO_INTERNAL_STORE with a new_session_cb is what curl, Postfix and HAProxy use (spec §6).');
    if (c.protocol === 'TLSv1.3') explanation.push('TLS 1.3 sessions arrive with NewSessionTicket messages, when the client reads after the handshake (spec §6).');
    if (c.protocol === 'TLSv1.3' && internal) explanation.push('After a TLS 1.3 resumption the client removes the session it used from its cache: tickets are meant to be used once (spec §3.1).');
  }

  const lookup = offersSavedSessions ? 'SSL_set_session' : 'none';
  explanation.push(
    offersSavedSessions
      ? 'A client never looks its cache up: it resumes the session the application passes to SSL_set_session (spec §6).'
      : 'A client never looks its cache up, and nothing here passes a saved session to SSL_set_session: this client never resumes (spec §6).',
  );

  // Client auto-flush counts good client handshakes (sess_connect_good), on the internal cache only
  // (spec §3.3). TLS ≤1.2 stores before the count goes up: the 256th connect; a TLS 1.3 ticket is
  // stored after it: the 255th, when its tickets are read (§3.1), once per ticket.
  const nth = c.protocol === 'TLSv1.3' ? '255th' : '256th';
  const flush = !internal ? 'nothing to flush' : c.mode & NO_AUTO_CLEAR ? 'never (NO_AUTO_CLEAR)' : `every ${nth} connect`;
  if (internal) {
    explanation.push(
      c.mode & NO_AUTO_CLEAR
        ? 'NO_AUTO_CLEAR: expired client sessions stay until SSL_CTX_flush_sessions or eviction (spec §3.3).'
        : c.protocol === 'TLSv1.3'
          ? 'Expired client sessions are flushed when the tickets of every 255th successful connect are stored (sess_connect_good counts first; spec §3.1, §3.3).'
          : 'Expired client sessions are flushed during every 256th successful connect, counted by sess_connect_good (spec §3.3).',
    );
  }
  return { protocol: c.protocol, text: `client · store: ${store} · lookup: ${lookup} · flush: ${flush}`, store, lookup, flush, explanation, client: true };
}
