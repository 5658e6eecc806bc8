import type { Fix, Severity } from '../../../rules/types';
import { ConfigReport, reportLocated } from '../../model';
import { anchorSpan } from '../build';
import type { ApacheDirective } from '../parser';
import type { ApacheSite } from '../types';

export type Report = ConfigReport;

/** Reports at the directive when it is in the document (with fixes), else at the include that brings it in. */
export function reportAt(report: Report, at: { node: ApacheDirective; anchor: ApacheDirective }, message: string, fixes: Fix[] = [], severity?: Severity): void {
  reportLocated(report, at, anchorSpan(at), message, fixes, severity);
}

export function inDocument(at: { node: ApacheDirective; anchor: ApacheDirective }): boolean {
  return at.node === at.anchor;
}

/** The shmcb cache to suggest: Debian's spelling when the file uses ${APACHE_RUN_DIR}, else httpd-ssl.conf's. */
export function suggestedProvider(text: string): string {
  return text.includes('${APACHE_RUN_DIR}') ? 'shmcb:${APACHE_RUN_DIR}/ssl_scache(512000)' : 'shmcb:logs/ssl_scache(512000)';
}

export function replaceArg(d: ApacheDirective, index: number, newText: string, title: string, preferred?: boolean): Fix {
  const a = d.args[index];
  const fix: Fix = { title, edits: [{ start: a.start, end: a.end, newText }] };
  if (preferred) fix.preferred = true;
  return fix;
}

/** Offset of the start of the line holding offset, and of the next line. */
export function lineBounds(text: string, d: ApacheDirective): { start: number; next: number } {
  const start = text.lastIndexOf('\n', d.start - 1) + 1;
  const nl = text.indexOf('\n', d.end);
  return { start, next: nl < 0 ? text.length : nl + 1 };
}

export function indentation(text: string, d: ApacheDirective): string {
  const start = text.lastIndexOf('\n', d.start - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start, d.start))![0];
}

/** How tickets stand across the sites: all on, all off, or mixed. */
export function ticketState(sites: readonly ApacheSite[]): 'on' | 'off' | 'mixed' {
  const on = sites.filter((s) => s.effective.ticketsOn).length;
  return on === sites.length ? 'on' : on === 0 ? 'off' : 'mixed';
}
