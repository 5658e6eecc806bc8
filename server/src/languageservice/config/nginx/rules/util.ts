import type { Fix, Severity } from '../../../rules/types';
import { ConfigReport, reportLocated } from '../../model';
import { anchorSpan } from '../build';
import type { NginxDirective } from '../parser';
import type { Located, NginxBlockKind, NginxModel, NginxSite } from '../types';

export type Report = ConfigReport;

/** Reports at the directive when it is in the document (with fixes), else at the include that brings it in. */
export function reportAt(report: Report, at: { node: NginxDirective; anchor: NginxDirective }, message: string, fixes: Fix[] = [], severity?: Severity): void {
  reportLocated(report, at, anchorSpan(at), message, fixes, severity);
}

export function inDocument(at: { node: NginxDirective; anchor: NginxDirective }): boolean {
  return at.node === at.anchor;
}

/** The distinct directives (by node) among the located values of the sites, with the sites using each. */
export function groupByDirective<T>(sites: readonly NginxSite[], pick: (site: NginxSite) => Located<T> | undefined): { located: Located<T>; sites: NginxSite[] }[] {
  const groups = new Map<NginxDirective, { located: Located<T>; sites: NginxSite[] }>();
  for (const site of sites) {
    const l = pick(site);
    if (!l) continue;
    let g = groups.get(l.node);
    if (!g) groups.set(l.node, (g = { located: l, sites: [] }));
    g.sites.push(site);
  }
  return [...groups.values()];
}

/** Default zone names per module (one name cannot serve two modules). */
const DEFAULT_ZONE: Record<NginxBlockKind, string> = { http: 'SSL', mail: 'MAIL_SSL', stream: 'STREAM_SSL' };

/**
 * The shared cache argument to suggest for a block kind: the zone the configuration already declares
 * for that module (sharing a zone between servers is how nginx is meant to be used), else `shared:SSL:10m`.
 */
export function suggestedSharedZone(model: NginxModel, kind: NginxBlockKind): string {
  for (const block of model.blocks) {
    if (block.kind !== kind) continue;
    for (const level of [block.level, ...block.servers.map((s) => s.level)]) {
      const c = level.cache;
      const shared = c?.value.shared;
      if (c && shared) return c.node.args[shared.argIndex].value;
    }
  }
  return `shared:${DEFAULT_ZONE[kind]}:10m`;
}

/** Replaces all arguments of a directive with new text. */
export function replaceArgs(d: NginxDirective, newText: string, title: string, preferred?: boolean): Fix {
  const fix: Fix = { title, edits: [{ start: d.args[0].start, end: d.args[d.args.length - 1].end, newText }] };
  if (preferred) fix.preferred = true;
  return fix;
}

/** Inserts a directive on a new line after another one, with the same indentation. */
export function insertAfter(text: string, d: NginxDirective, line: string, title: string): Fix {
  const lineStart = text.lastIndexOf('\n', d.nameStart - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, d.nameStart))![0];
  return { title, edits: [{ start: d.end, end: d.end, newText: `\n${indent}${line}` }] };
}

export function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}
