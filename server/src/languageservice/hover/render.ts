import { attributionFor } from '../knowledge/manpage';
import { LIBRARY_IDS, LIBRARY_NAMES, LibraryId } from '../knowledge/libraries';
import type { ApiFunctionInfo, Fact, FlagInfo, Quote } from '../knowledge/types';
import { formatHex } from '../mode/decode';
import type { ModeMeaning } from '../mode/meaning';

/** Markdown for hovers. Plain CommonMark, so that every LSP client renders it. */

function factsFor(facts: readonly Fact[], library: LibraryId): Fact[] {
  return facts.filter((f) => !f.libraries || f.libraries.includes(library));
}

function renderQuotes(quotes: readonly Quote[], note: string | undefined): string[] {
  const out: string[] = [];
  for (const quote of quotes) {
    out.push('> ' + quote.text.replace(/\s+/g, ' '));
    out.push('>');
    out.push(`> — *${attributionFor(quote)}*`);
    out.push('');
    if (quote.correction) out.push(`**Where the man page is wrong:** ${quote.correction}`, '');
  }
  if (note) out.push(`*Man page:* ${note}`, '');
  return out;
}

function renderFacts(facts: readonly Fact[], library: LibraryId): string[] {
  const selected = factsFor(facts, library);
  if (selected.length === 0) return [];
  return [
    `**What really happens** (${LIBRARY_NAMES[library]})`,
    '',
    ...selected.map((f) => `- ${f.text} *(spec ${f.section})*`),
    '',
  ];
}

export function renderFlag(flag: FlagInfo, library: LibraryId): string {
  const out: string[] = [];
  out.push(`**\`${flag.name}\`** = \`${formatHex(flag.value)}\``);
  out.push('');
  const availability = LIBRARY_IDS.map((id) => `${LIBRARY_NAMES[id]} ${flag.availability[id] ? '✓' : '✗'}`).join(' · ');
  const kind =
    flag.kind === 'alias' && flag.aliasOf
      ? `alias for ${flag.aliasOf.map((n) => '`' + n.replace('SSL_SESS_CACHE_', '') + '`').join(' | ')}`
      : flag.kind === 'role'
        ? 'role bit'
        : flag.kind === 'none'
          ? 'no role bit'
          : 'modifier';
  out.push(`${kind} · since ${flag.introduced} · ${availability}`);
  out.push('');
  if (!flag.availability[library]) {
    out.push(`⚠ **Not defined by ${LIBRARY_NAMES[library]}**: the bit is stored silently and has no effect.`, '');
  }
  out.push(flag.summary, '');
  out.push(...renderFacts(flag.facts, library));
  out.push(...renderQuotes(flag.manPage, flag.manPageNote));
  return out.join('\n').trimEnd();
}

export function renderApiFunction(fn: ApiFunctionInfo, library: LibraryId): string {
  const out: string[] = [];
  out.push('```c', fn.signature, '```', '');
  out.push(`${fn.summary}`, '');
  out.push(`*${fn.implementation}*`, '');
  out.push(`**Returns** ${fn.returns}`, '');
  out.push(...renderFacts(fn.facts, library));
  out.push(...renderQuotes(fn.manPage, fn.manPageNote));
  if (fn.related && fn.related.length > 0) out.push(`See also: ${fn.related.map((r) => '`' + r + '`').join(', ')}`);
  return out.join('\n').trimEnd();
}

export function renderModeMeaning(meaning: ModeMeaning, sourceText?: string): string {
  const { decoded } = meaning;
  const out: string[] = [];
  out.push(`**Session cache mode** \`${decoded.hex}\` (${decoded.value})`, '');
  out.push('`' + decoded.expression + '`', '');
  if (sourceText && normaliseSpaces(sourceText) !== decoded.expression && !/^[0-9]/.test(sourceText.trim())) {
    out.push(`from \`${normaliseSpaces(sourceText)}\``, '');
  }
  out.push(meaning.headline, '');
  const side = (title: string, s: ModeMeaning['server']): void => {
    out.push(`**${title}**${s.enabled ? '' : ' (bit not set)'}`, '');
    for (const step of s.steps) out.push(`- *${step.label}:* ${step.text} *(spec ${step.section})*`);
    out.push('');
  };
  side('Server', meaning.server);
  side('Client', meaning.client);
  if (meaning.notes.length > 0) {
    out.push('**Notes**', '');
    for (const note of meaning.notes) out.push(`- ${note}`);
    out.push('');
  }
  out.push(`*Target library: ${LIBRARY_NAMES[meaning.library]} (setting \`sesscache.library\`).*`);
  return out.join('\n').trimEnd();
}

export function renderUnknownMode(sourceText: string, reason: string): string {
  return [
    `**Session cache mode** \`${normaliseSpaces(sourceText)}\``,
    '',
    `The value is not known here: ${reason}.`,
  ].join('\n');
}

export function renderUnknownFlag(name: string, suggestion: string | undefined): string {
  return [
    `**\`${name}\`** is not a session cache flag.`,
    '',
    suggestion ? `Did you mean \`${suggestion}\`?` : 'The flags are OFF, CLIENT, SERVER, BOTH, NO_AUTO_CLEAR, NO_INTERNAL_LOOKUP, NO_INTERNAL_STORE, NO_INTERNAL and UPDATE_TIME.',
  ].join('\n');
}

function normaliseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/ ?\| ?/g, ' | ').trim();
}
