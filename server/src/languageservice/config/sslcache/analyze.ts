/**
 * `.sslcache` analysis: the document's one server cache configuration in OpenSSL's terms (with the
 * calls it stands for), its syntax findings, and hovers.
 */
import { renderFlag, renderModeMeaning, renderUnknownFlag, renderUnknownMode } from '../../hover/render';
import { findApiFunction } from '../../knowledge/functions';
import { DEFAULT_LIBRARY, LIBRARY_NAMES } from '../../knowledge/libraries';
import type { LibraryId } from '../../knowledge/libraries';
import { explainMode } from '../../mode/meaning';
import { resolvedServer } from '../../simulator/scenario';
import { closestName } from '../../util/closest';
import { callsBlock } from '../markdown';
import type { ConfigAnalysis, ConfigCacheSetting, ConfigHover, Span } from '../model';
import { simulatedProtocol, workloadObject } from './convert';
import { DirectiveSpec, SERVER_DIRECTIVES, WORKLOAD_DIRECTIVES } from './directives';
import { formatDuration, lineHolding, parseSslcache, suggestFlag } from './parse';
import type { SslcacheDirective, SslcacheDocument, SslcacheWorkload } from './parse';

export interface SslcacheAnalysisOptions {
  /** The library when the file has no `library` line (the editor's `sesscache.library`); default openssl-3.0. */
  library?: LibraryId;
}

export type SslcacheAnalysis = ConfigAnalysis & { document: SslcacheDocument; library: LibraryId };

/** Parses and analyses a `.sslcache` document. Never throws. */
export function analyzeSslcache(text: string, options: SslcacheAnalysisOptions = {}): SslcacheAnalysis {
  const document = parseSslcache(text);
  const library = document.server.library ?? options.library ?? DEFAULT_LIBRARY;
  const setting = sslcacheSetting(document, library);
  return {
    document,
    library,
    settings: [setting],
    findings: document.findings,
    hoverAt: (offset) => sslcacheHover(document, offset, library),
  };
}

// ---------------------------------------------------------------------------------------------
// The setting

/** The C call a directive stands for, with its value; undefined for directives that are not calls. */
export function callOf(d: SslcacheDirective, library: LibraryId): string[] {
  const v = d.value;
  if (!v || !d.spec) return [];
  switch (d.spec.name) {
    case 'protocol': {
      if (v.kind !== 'protocols') return [];
      const versions = v.protocols.map((p) => (p === 'TLSv1.2' ? 'TLS1_2_VERSION' : 'TLS1_3_VERSION'));
      const sorted = [...versions].sort();
      if (library === 'openssl-1.0.2') return ['SSL_CTX_new(TLSv1_2_server_method())'];
      return [`SSL_CTX_set_min_proto_version(ctx, ${sorted[0]})`, `SSL_CTX_set_max_proto_version(ctx, ${sorted[sorted.length - 1]})`];
    }
    case 'mode': {
      const tokens = d.mode?.tokens ?? [];
      const expression = tokens.map((t) => (t.flag ? t.flag.name : t.text)).join(' | ');
      return [`SSL_CTX_set_session_cache_mode(ctx, ${expression})`];
    }
    case 'cache-size':
      return v.kind === 'number' ? [`SSL_CTX_sess_set_cache_size(ctx, ${v.value})`] : [];
    case 'timeout':
      return v.kind === 'number' ? [`SSL_CTX_set_timeout(ctx, ${v.value})`] : [];
    case 'session-id-context':
      return v.kind === 'string' ? [`SSL_CTX_set_session_id_context(ctx, (const unsigned char *)${cString(v.value)}, ${v.bytes})`] : [];
    case 'verify-peer':
      return v.kind === 'boolean' ? [v.value ? 'SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, verify_callback)' : 'SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL)'] : [];
    case 'tickets':
      return v.kind === 'boolean' ? [v.value ? 'SSL_CTX_clear_options(ctx, SSL_OP_NO_TICKET)' : 'SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET)'] : [];
    case 'num-tickets':
      return v.kind === 'number' ? [`SSL_CTX_set_num_tickets(ctx, ${v.value})`] : [];
    case 'callbacks':
      return v.kind === 'callbacks' ? v.callbacks.map((c) => `SSL_CTX_sess_set_${c}_cb(ctx, ${c}_session_cb)`) : [];
    default:
      return [];
  }
}

function cString(value: string): string {
  let out = '"';
  for (const byte of new TextEncoder().encode(value)) {
    const c = String.fromCharCode(byte);
    if (c === '"' || c === '\\') out += '\\' + c;
    else if (byte >= 0x20 && byte < 0x7f) out += c;
    else out += '\\' + byte.toString(8).padStart(3, '0');
  }
  return out + '"';
}

function spanOf(d: SslcacheDirective): Span {
  return { start: d.name.start, end: d.valueSpan?.end ?? d.name.end };
}

/** The document's server cache configuration, with library defaults for what it does not set. */
export function sslcacheSetting(doc: SslcacheDocument, library: LibraryId): ConfigCacheSetting {
  const s = doc.server;
  const resolved = resolvedServer({
    library,
    server: {
      mode: s.mode,
      cacheSize: s.cacheSize,
      timeout: s.timeout,
      sessionIdContext: s.sessionIdContext,
      verifyPeer: s.verifyPeer,
      tickets: s.tickets,
      numTickets: s.numTickets,
      callbacks: s.callbacks,
    },
  });
  const modeDirective = doc.serverDirectives.get('mode');
  const first = doc.directives.find((d) => d.spec?.scope === 'server' && !d.duplicateOf);
  const anchor = modeDirective ?? first;
  const calls: string[] = [];
  for (const d of doc.directives) {
    if (d.spec?.scope === 'server' && !d.duplicateOf) calls.push(...callOf(d, library));
  }
  return {
    span: anchor ? spanOf(anchor) : { start: 0, end: 0 },
    modeSpan: modeDirective?.valueSpan ? { ...modeDirective.valueSpan } : undefined,
    label: 'server',
    role: 'server',
    library: s.library,
    protocols: s.protocols ? [...s.protocols] : library === 'openssl-1.0.2' ? ['TLSv1.2'] : ['TLSv1.2', 'TLSv1.3'],
    mode: resolved.mode,
    cacheSize: resolved.cacheSize,
    timeout: resolved.timeout,
    sessionIdContext: resolved.sessionIdContext.length > 0,
    verifyPeer: resolved.verifyPeer,
    tickets: resolved.tickets,
    numTickets: resolved.numTickets,
    callbacks: resolved.callbacks,
    calls,
    processes: 1,
  };
}

// ---------------------------------------------------------------------------------------------
// Hovers

function inside(offset: number, span: Span | undefined): boolean {
  return !!span && offset >= span.start && offset < span.end;
}

/** The hover at `offset`: directive names and values, mode flags and the whole mode, workload fields. */
export function sslcacheHover(doc: SslcacheDocument, offset: number, library: LibraryId): ConfigHover | null {
  const hover = hoverFor(doc, offset, library);
  // The mode renderer names the editor setting; here the file's `library` line decides when it has one.
  if (hover && doc.server.library) hover.markdown = hover.markdown.replace('(setting `sesscache.library`)', '(the file\'s `library` line)');
  return hover;
}

function hoverFor(doc: SslcacheDocument, offset: number, library: LibraryId): ConfigHover | null {
  const line = lineHolding(doc.lines, offset);
  const d = line?.directive;
  if (!line || !d) return null;
  if (d.comment && offset >= d.comment.start) return null;

  if (inside(offset, d.name)) {
    const markdown = d.spec ? renderDirective(doc, d, d.spec, library) : renderUnknownDirective(d);
    return { markdown, start: d.name.start, end: d.name.end };
  }
  if (!d.spec || !inside(offset, d.valueSpan)) return null;

  if (d.spec.value === 'mode' && d.mode) {
    const token = d.mode.tokens.find((t) => inside(offset, t));
    const source = doc.text.slice(d.valueSpan!.start, d.valueSpan!.end);
    if (token && token.flag) {
      let markdown = renderFlag(token.flag, library);
      if (d.mode.tokens.length > 1 && d.mode.value !== undefined) {
        markdown += '\n\n---\n\nIn this mode: ' + renderModeMeaning(explainMode(d.mode.value, library), source);
      }
      return { markdown, start: token.start, end: token.end };
    }
    if (token && /^[A-Za-z_]/.test(token.text)) {
      return { markdown: renderUnknownFlag(token.text, suggestFlag(token.text)), start: token.start, end: token.end };
    }
    const markdown = d.mode.value !== undefined ? renderModeMeaning(explainMode(d.mode.value, library), source) : renderUnknownMode(source, d.mode.error ?? 'it is invalid');
    return { markdown, start: d.valueSpan!.start, end: d.valueSpan!.end };
  }

  if (d.spec.value === 'name' && d.workload) {
    return { markdown: renderWorkload(doc, d.workload), start: d.valueSpan!.start, end: d.valueSpan!.end };
  }
  if (d.spec.value === 'preset' && d.value?.kind === 'preset') {
    const p = d.value.preset;
    const w = p.workload;
    const markdown = [
      `**Preset \`${p.id}\`**: ${p.label}`,
      '',
      p.description,
      '',
      `clients ${w.clients} · connections ${w.connections} · rate ${w.rate}/s · resume ${w.resumeProbability} · abort ${w.abortProbability} · flush-interval ${w.flushInterval ? formatDuration(w.flushInterval) : 'never'}`,
      '',
      'Fields written in the workload replace these values.',
    ].join('\n');
    return { markdown, start: d.valueSpan!.start, end: d.valueSpan!.end };
  }
  return { markdown: renderDirective(doc, d, d.spec, library), start: d.valueSpan!.start, end: d.valueSpan!.end };
}

function renderUnknownDirective(d: SslcacheDirective): string {
  const names = d.workload && d.indent.end > d.indent.start ? WORKLOAD_DIRECTIVES.map((s) => s.name) : [...SERVER_DIRECTIVES.map((s) => s.name), 'workload'];
  const suggestion = closestName(d.name.text, [...names, ...SERVER_DIRECTIVES.map((s) => s.name), ...WORKLOAD_DIRECTIVES.map((s) => s.name)]);
  return [`**\`${d.name.text}\`** is not an sslcache directive.`, '', suggestion ? `Did you mean \`${suggestion}\`?` : `The directives are ${names.map((n) => '`' + n + '`').join(', ')}.`].join('\n');
}

function renderDirective(doc: SslcacheDocument, d: SslcacheDirective, spec: DirectiveSpec, library: LibraryId): string {
  const out: string[] = [];
  const kind = spec.scope === 'server' ? 'server directive' : spec.scope === 'header' ? 'workload' : 'workload field';
  out.push(`**\`${spec.name}\`** · ${kind}`, '');
  out.push(spec.description, '');
  if (spec.scope === 'server') {
    const calls = callOf(d, library);
    if (calls.length) {
      out.push('**OpenSSL:**', '', callsBlock(calls), '');
    } else if (spec.functions) {
      out.push(`**OpenSSL:** ${spec.functions.map((f) => '`' + f + '`').join(', ')}`, '');
    } else {
      out.push('Not an OpenSSL call.', '');
    }
    for (const name of spec.functions ?? []) {
      const fn = findApiFunction(name);
      if (fn) out.push(`*\`${fn.name}\`:* ${fn.summary}`, '');
    }
    if (spec.name === 'protocol' && d.value?.kind === 'protocols' && d.value.protocols.length > 1) {
      out.push(`A simulation runs **${simulatedProtocol(doc, library)}**, the last one listed.`, '');
    }
    if (spec.name === 'library' && d.value?.kind === 'library') out.push(`Hovers and simulations describe **${LIBRARY_NAMES[d.value.library]}**.`, '');
  } else if (spec.scope === 'workload' && d.workload) {
    const field = spec.contractField?.slice('workload.'.length);
    const effective = field ? workloadObject(d.workload)[field] : undefined;
    if (effective !== undefined) out.push(`In workload \`${d.workload.name}\`: **${describeField(spec, effective)}**.`, '');
  }
  out.push(`*When absent:* ${spec.absent}.`);
  if (spec.contractField) out.push('', `*Scenario field:* \`${spec.contractField}\``);
  return out.join('\n').trimEnd();
}

function describeField(spec: DirectiveSpec, value: unknown): string {
  if (typeof value !== 'number') return String(value);
  switch (spec.value) {
    case 'duration':
      return value === 0 && spec.name === 'flush-interval' ? 'never' : `${value} s${value >= 60 ? ` (${formatDuration(value)})` : ''}`;
    case 'rate':
      return formatRate(value);
    case 'probability':
      return `${+(value * 100).toFixed(4)}%`;
    default:
      return String(value);
  }
}

function formatRate(perSecond: number): string {
  const round = (n: number): number => +n.toPrecision(6);
  if (perSecond >= 1) return `${round(perSecond)} connections per second`;
  if (perSecond * 60 >= 1) return `${round(perSecond * 60)} connections per minute`;
  return `${round(perSecond * 3600)} connections per hour`;
}

function renderWorkload(doc: SslcacheDocument, w: SslcacheWorkload): string {
  const o = workloadObject(w);
  const rate = (o.rate as number | undefined) ?? 10;
  const connections = o.duration !== undefined ? Math.floor((o.duration as number) * rate) : ((o.connections as number | undefined) ?? 1000);
  const seconds = connections / rate;
  const lines = [
    `**Workload \`${w.name}\`**${w.preset ? ` · preset \`${w.preset.id}\`` : ''}`,
    '',
    `${(o.clients as number | undefined) ?? 100} clients, ${connections} connections at ${rate}/s (about ${formatSpan(seconds)} of virtual time).`,
    '',
    '```json',
    JSON.stringify(o),
    '```',
  ];
  if (doc.workloads[0] === w) lines.push('', 'The first workload: simulated by default.');
  return lines.join('\n');
}

function formatSpan(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172800) return `${+(seconds / 3600).toFixed(1)} h`;
  return `${+(seconds / 86400).toFixed(1)} days`;
}
