/// <reference lib="dom" />
/**
 * The simulation report page, inside the "Session cache simulation" webview (bundled by esbuild
 * into dist/webview.js; client/src/report/reportPanel.ts hosts it). It says `ready`, then renders
 * whatever `show` message arrives: one report, or two side by side for a comparison. Colours come
 * from VS Code's theme variables, read when rendering and again whenever the theme changes.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import type { ChartConfiguration, ChartDataset, Plugin, TooltipItem } from 'chart.js';
import {
  CONNECTION_PATHS,
  CONNECTION_PATH_LABELS,
  COUNTER_SOURCES,
  STORED_IN,
  STORED_IN_LABELS,
  resumedPercent,
} from '../src/report/reportTypes';
import type { ConnectionPath, ReportHostMessage, ReportWebviewMessage, SimulationReport, TimelineBucket } from '../src/report/reportTypes';

Chart.register(LineController, BarController, LineElement, PointElement, BarElement, CategoryScale, LinearScale, Filler, Legend, Tooltip);

interface VsCodeApi {
  postMessage(message: ReportWebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

// ---------------------------------------------------------------------------------------------
// Theme

interface Theme {
  kind: 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';
  foreground: string;
  muted: string;
  grid: string;
  fontFamily: string;
  fontSize: number;
  hoverBackground: string;
  hoverForeground: string;
  hoverBorder: string;
  red: string;
  blue: string;
  yellow: string;
  orange: string;
  green: string;
  purple: string;
  neutral: string;
}

function themeKind(): Theme['kind'] {
  const c = document.body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (c.contains('vscode-high-contrast')) return 'high-contrast';
  if (c.contains('vscode-light')) return 'light';
  return 'dark';
}

/** The theme's colours now (VS Code sets the `--vscode-*` variables on the document). */
function readTheme(): Theme {
  const kind = themeKind();
  const light = kind === 'light' || kind === 'high-contrast-light';
  const style = getComputedStyle(document.body);
  const v = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  const foreground = v('--vscode-charts-foreground', v('--vscode-foreground', light ? '#3b3b3b' : '#cccccc'));
  return {
    kind,
    foreground,
    muted: v('--vscode-descriptionForeground', foreground),
    grid: v('--vscode-charts-lines', light ? 'rgba(59, 59, 59, 0.25)' : 'rgba(204, 204, 204, 0.25)'),
    fontFamily: v('--vscode-font-family', 'system-ui, sans-serif'),
    fontSize: parseFloat(v('--vscode-font-size', '13px')) || 13,
    hoverBackground: v('--vscode-editorHoverWidget-background', light ? '#f8f8f8' : '#202020'),
    hoverForeground: v('--vscode-editorHoverWidget-foreground', foreground),
    hoverBorder: v('--vscode-editorHoverWidget-border', v('--vscode-contrastBorder', light ? '#c8c8c8' : '#454545')),
    red: v('--vscode-charts-red', light ? '#e51400' : '#f14c4c'),
    blue: v('--vscode-charts-blue', light ? '#1a85ff' : '#3794ff'),
    yellow: v('--vscode-charts-yellow', light ? '#bf8803' : '#cca700'),
    orange: v('--vscode-charts-orange', '#d18616'),
    green: v('--vscode-charts-green', light ? '#388a34' : '#89d185'),
    purple: v('--vscode-charts-purple', light ? '#652d90' : '#b180d7'),
    neutral: v('--vscode-disabledForeground', light ? 'rgba(97, 97, 97, 0.6)' : 'rgba(204, 204, 204, 0.5)'),
  };
}

/** `color` at `alpha` opacity, for hex and rgb() colours (others are returned unchanged). */
function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{3,8})$/i.exec(color);
  if (hex) {
    let h = hex[1];
    if (h.length === 3 || h.length === 4) h = [...h].map((c) => c + c).join('');
    const [r, g, b] = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
    const a = h.length === 8 ? parseInt(h.slice(6, 8), 16) / 255 : 1;
    return `rgba(${r}, ${g}, ${b}, ${+(a * alpha).toFixed(3)})`;
  }
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$/i.exec(color);
  if (rgb) {
    const a = rgb[4] === undefined ? 1 : rgb[4].endsWith('%') ? parseFloat(rgb[4]) / 100 : parseFloat(rgb[4]);
    return `rgba(${rgb[1]}, ${rgb[2]}, ${rgb[3]}, ${+(a * alpha).toFixed(3)})`;
  }
  return color;
}

function pathColor(theme: Theme, path: ConnectionPath): string {
  const colors: Record<ConnectionPath, string> = {
    ticket: theme.purple,
    'internal-hit': theme.green,
    'external-hit': theme.blue,
    miss: theme.orange,
    timeout: theme.yellow,
    failure: theme.red,
    new: theme.neutral,
  };
  return colors[path];
}

// ---------------------------------------------------------------------------------------------
// Formatting

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const fmt = (n: number): string => integer.format(n);
const pct = (n: number | undefined): string => (n === undefined || !Number.isFinite(n) ? '—' : `${n.toFixed(1)} %`);
const share = (part: number, whole: number): number | undefined => (whole > 0 ? (100 * part) / whole : undefined);
const plural = (n: number, one: string, many = `${one}s`): string => `${fmt(n)} ${n === 1 ? one : many}`;

/** Virtual time as a clock: m:ss under an hour, h:mm under two days, then "Nd h:mm". */
function clockFormat(span: number): { unit: string; format: (seconds: number) => string } {
  const two = (n: number) => String(n).padStart(2, '0');
  if (span <= 3600) return { unit: 'm:ss', format: (s) => `${Math.floor(s / 60)}:${two(Math.floor(s % 60))}` };
  if (span < 2 * 86400) return { unit: 'h:mm', format: (s) => `${Math.floor(s / 3600)}:${two(Math.floor((s % 3600) / 60))}` };
  return {
    unit: 'days, h:mm',
    format: (s) => `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}:${two(Math.floor((s % 3600) / 60))}`,
  };
}

function duration(seconds: number): string {
  if (seconds < 120) return plural(Math.round(seconds), 'second');
  if (seconds < 2 * 3600) return `${fmt(Math.round(seconds / 60))} min`;
  if (seconds < 2 * 86400) {
    const h = Math.floor(seconds / 3600);
    const m = Math.round((seconds % 3600) / 60);
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  const d = Math.floor(seconds / 86400);
  const h = Math.round((seconds % 86400) / 3600);
  return h ? `${d} d ${h} h` : `${d} d`;
}

// ---------------------------------------------------------------------------------------------
// DOM

type Child = Node | string | number | null | undefined | false;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) e.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(typeof c === 'number' ? String(c) : c);
  return e;
}

let idCounter = 0;
const newId = (prefix: string): string => `${prefix}-${++idCounter}`;

// ---------------------------------------------------------------------------------------------
// Charts

let charts: Chart[] = [];

function destroyCharts(): void {
  for (const c of charts) c.destroy();
  charts = [];
}

/** Scales shared by the columns of a comparison, so that equal heights mean equal values. */
interface SharedScales {
  occupancyMax?: number;
  removedMax?: number;
  pathsMax?: number;
}

function tooltip(theme: Theme) {
  return {
    backgroundColor: theme.hoverBackground,
    titleColor: theme.hoverForeground,
    bodyColor: theme.hoverForeground,
    borderColor: theme.hoverBorder,
    borderWidth: 1,
    padding: 8,
    boxPadding: 4,
  };
}

const highContrast = (theme: Theme): boolean => theme.kind.startsWith('high-contrast');

/** The category axis of virtual time: no vertical grid lines, at most 9 labels. */
function timeScale(theme: Theme, title: string) {
  const a = axis(theme, title);
  return { ...a, grid: { ...a.grid, display: false }, ticks: { ...a.ticks, maxTicksLimit: 9 } };
}

function axis(theme: Theme, title?: string) {
  const grid = highContrast(theme) ? theme.grid : withAlpha(theme.grid, 0.45);
  return {
    ticks: { color: theme.muted, maxRotation: 0, autoSkipPadding: 12 },
    grid: { color: grid, tickColor: grid },
    border: { color: theme.grid },
    title: title ? { display: true, text: title, color: theme.muted } : { display: false },
  };
}

function timeAxis(timeline: TimelineBucket[]) {
  const clock = clockFormat(timeline.length ? timeline[timeline.length - 1].end : 0);
  return { clock, labels: timeline.map((b) => clock.format(b.start)), title: `virtual time (${clock.unit})` };
}

function bucketTitle<T extends 'line' | 'bar'>(timeline: TimelineBucket[], format: (s: number) => string) {
  return (items: TooltipItem<T>[]): string => {
    const b = timeline[items[0]?.dataIndex ?? 0];
    return b ? `${format(b.start)} – ${format(b.end)}` : '';
  };
}

function hitRateChart(report: SimulationReport, theme: Theme): ChartConfiguration<'line'> {
  const t = timeAxis(report.timeline);
  const rates = report.timeline.map((b) => (b.connections > 0 ? (100 * b.resumed) / b.connections : null));
  return {
    type: 'line',
    data: {
      labels: t.labels,
      datasets: [
        {
          label: 'Resumed',
          data: rates,
          borderColor: theme.blue,
          backgroundColor: withAlpha(theme.blue, highContrast(theme) ? 0 : 0.12),
          fill: 'origin',
          borderWidth: highContrast(theme) ? 3 : 2,
          pointRadius: 0,
          pointHoverRadius: 4,
          spanGaps: false,
        },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: { display: false },
        tooltip: {
          ...tooltip(theme),
          callbacks: {
            title: bucketTitle(report.timeline, t.clock.format),
            label: (item) => {
              const b = report.timeline[item.dataIndex];
              return ` ${pct(item.parsed.y ?? undefined)} resumed (${fmt(b.resumed)} of ${fmt(b.connections)})`;
            },
          },
        },
      },
      scales: {
        x: timeScale(theme, t.title),
        y: { ...axis(theme, 'resumed'), min: 0, max: 100, ticks: { ...axis(theme).ticks, callback: (v) => `${v} %`, stepSize: 25 } },
      },
    },
  };
}

function occupancyChart(report: SimulationReport, theme: Theme, shared: SharedScales): ChartConfiguration<'line'> {
  const t = timeAxis(report.timeline);
  const datasets: ChartDataset<'line', (number | null)[]>[] = [
    {
      label: 'Sessions in the internal cache',
      data: report.timeline.map((b) => b.number),
      borderColor: theme.green,
      backgroundColor: withAlpha(theme.green, highContrast(theme) ? 0 : 0.12),
      fill: 'origin',
      borderWidth: highContrast(theme) ? 3 : 2,
      pointRadius: 0,
      pointHoverRadius: 4,
    },
  ];
  if (report.capacity > 0) {
    datasets.push({
      label: `Capacity (${fmt(report.capacity)})`,
      data: report.timeline.map(() => report.capacity),
      borderColor: theme.red,
      backgroundColor: theme.red,
      borderDash: [6, 4],
      borderWidth: highContrast(theme) ? 2.5 : 1.5,
      pointRadius: 0,
      pointHoverRadius: 0,
      fill: false,
    });
  }
  return {
    type: 'line',
    data: { labels: t.labels, datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: { display: true, position: 'bottom', labels: { color: theme.foreground, boxWidth: 14, boxHeight: 2, padding: 10 } },
        tooltip: { ...tooltip(theme), callbacks: { title: bucketTitle(report.timeline, t.clock.format), label: (i) => ` ${i.dataset.label}: ${fmt(i.parsed.y ?? 0)}` } },
      },
      scales: {
        x: timeScale(theme, t.title),
        y: { ...axis(theme, 'sessions'), min: 0, suggestedMax: shared.occupancyMax, ticks: { ...axis(theme).ticks, precision: 0 } },
      },
    },
  };
}

function removalsChart(report: SimulationReport, theme: Theme, shared: SharedScales): ChartConfiguration<'bar'> {
  const t = timeAxis(report.timeline);
  const bar = (label: string, color: string, data: number[]): ChartDataset<'bar', number[]> => ({
    label,
    data,
    backgroundColor: highContrast(theme) ? withAlpha(color, 0.35) : withAlpha(color, 0.85),
    borderColor: color,
    borderWidth: highContrast(theme) ? 1.5 : 0,
    stack: 'removed',
    categoryPercentage: 0.9,
    barPercentage: 0.9,
  });
  return {
    type: 'bar',
    data: {
      labels: t.labels,
      datasets: [bar('Evicted', theme.orange, report.timeline.map((b) => b.evicted)), bar('Flushed', theme.purple, report.timeline.map((b) => b.flushed))],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: { display: true, position: 'bottom', labels: { color: theme.foreground, boxWidth: 12, padding: 10 } },
        tooltip: { ...tooltip(theme), callbacks: { title: bucketTitle(report.timeline, t.clock.format), label: (i) => ` ${i.dataset.label}: ${fmt(i.parsed.y ?? 0)}` } },
      },
      scales: {
        x: { ...timeScale(theme, t.title), stacked: true },
        y: { ...axis(theme, 'sessions removed'), stacked: true, min: 0, suggestedMax: shared.removedMax, ticks: { ...axis(theme).ticks, precision: 0 } },
      },
    },
  };
}

/** Draws each bar's value and share at its end, so the breakdown reads without hovering. */
function barValueLabels(color: string): Plugin<'bar'> {
  return {
    id: 'sesscacheBarValues',
    afterDatasetsDraw(chart) {
      const values = chart.data.datasets[0]?.data as number[] | undefined;
      if (!values) return;
      const total = values.reduce((a, b) => a + b, 0);
      const ctx = chart.ctx;
      ctx.save();
      ctx.fillStyle = color;
      ctx.textBaseline = 'middle';
      ctx.font = `${Chart.defaults.font.size ?? 12}px ${Chart.defaults.font.family ?? 'sans-serif'}`;
      chart.getDatasetMeta(0).data.forEach((element, i) => {
        const { x, y } = element.getProps(['x', 'y'], true) as { x: number; y: number };
        const value = values[i] ?? 0;
        ctx.fillText(`${fmt(value)}  ${pct(share(value, total))}`, x + 6, y);
      });
      ctx.restore();
    },
  };
}

function pathsChart(report: SimulationReport, theme: Theme, shared: SharedScales): ChartConfiguration<'bar'> {
  const values = CONNECTION_PATHS.map((p) => report.summary.paths[p] ?? 0);
  const max = Math.max(shared.pathsMax ?? 0, ...values, 1);
  const colors = CONNECTION_PATHS.map((p) => pathColor(theme, p));
  return {
    type: 'bar',
    data: {
      labels: CONNECTION_PATHS.map((p) => CONNECTION_PATH_LABELS[p]),
      datasets: [
        {
          label: 'Connections',
          data: values,
          backgroundColor: colors.map((c) => (highContrast(theme) ? withAlpha(c, 0.35) : withAlpha(c, 0.85))),
          borderColor: colors,
          borderWidth: highContrast(theme) ? 1.5 : 0,
          barPercentage: 0.8,
          categoryPercentage: 0.9,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      layout: { padding: { right: 8 } },
      plugins: {
        legend: { display: false },
        tooltip: {
          ...tooltip(theme),
          callbacks: { label: (i) => ` ${fmt(i.parsed.x ?? 0)} connections (${pct(share(i.parsed.x ?? 0, report.summary.connections))})` },
        },
      },
      scales: {
        // The values are written beside the bars, so no axis; room at the right for them.
        x: { display: false, min: 0, max: Math.ceil(max * 1.5) },
        y: { ...axis(theme), grid: { display: false }, ticks: { color: theme.foreground, autoSkip: false } },
      },
    },
    plugins: [barValueLabels(theme.foreground)],
  };
}

// ---------------------------------------------------------------------------------------------
// Text summaries (shown under each chart, and read out as the chart's label)

function hitRateSummary(r: SimulationReport): string {
  const rated = r.timeline.filter((b) => b.connections > 0);
  const overall = `Resumed ${pct(resumedPercent(r))} of ${plural(r.summary.connections, 'connection')}`;
  const ofOffered = r.summary.offered > 0 ? ` (${pct(share(r.summary.resumed, r.summary.offered))} of those that offered a session)` : '';
  if (!rated.length) return `${overall}${ofOffered}.`;
  const clock = clockFormat(r.timeline[r.timeline.length - 1].end);
  const rate = (b: TimelineBucket) => (100 * b.resumed) / b.connections;
  const low = rated.reduce((a, b) => (rate(b) < rate(a) ? b : a));
  const last = rated[rated.length - 1];
  return `${overall}${ofOffered}. Per interval the rate was lowest at ${clock.format(low.start)} (${pct(rate(low))}) and ${pct(rate(last))} in the last.`;
}

function occupancySummary(r: SimulationReport): string {
  if (!r.timeline.length) return 'No timeline was recorded.';
  const clock = clockFormat(r.timeline[r.timeline.length - 1].end);
  const peak = r.timeline.reduce((a, b) => (b.number > a.number ? b : a));
  const end = r.timeline[r.timeline.length - 1].number;
  if (r.capacity <= 0) return `The internal cache (unlimited) held at most ${plural(peak.number, 'session')}, at ${clock.format(peak.start)}, and ${fmt(end)} at the end.`;
  const full = r.timeline.find((b) => b.number >= r.capacity);
  const reached = full ? `; it reached its capacity of ${fmt(r.capacity)} at ${clock.format(full.start)}` : `, below its capacity of ${fmt(r.capacity)}`;
  return `The internal cache held at most ${plural(peak.number, 'session')}${reached}. ${fmt(end)} at the end.`;
}

function removalsSummary(r: SimulationReport): string {
  const evicted = r.timeline.reduce((a, b) => a + b.evicted, 0);
  const flushed = r.timeline.reduce((a, b) => a + b.flushed, 0);
  if (evicted + flushed === 0) return 'No session was evicted or flushed.';
  const clock = clockFormat(r.timeline[r.timeline.length - 1].end);
  const worst = r.timeline.reduce((a, b) => (b.evicted + b.flushed > a.evicted + a.flushed ? b : a));
  const auto = r.summary.autoFlushed > 0 ? ` (${fmt(r.summary.autoFlushed)} by the automatic flush)` : '';
  const parts = [
    evicted > 0 ? `${plural(evicted, 'session')} evicted to make room` : 'no session evicted',
    flushed > 0 ? `${fmt(flushed)} flushed${auto}` : 'none flushed',
  ];
  const text = parts.join(' and ');
  return `${text[0].toUpperCase()}${text.slice(1)}; the most removed in one interval, ${fmt(worst.evicted + worst.flushed)}, at ${clock.format(worst.start)}.`;
}

function pathsSummary(r: SimulationReport): string {
  const parts = CONNECTION_PATHS.filter((p) => (r.summary.paths[p] ?? 0) > 0)
    .sort((a, b) => r.summary.paths[b] - r.summary.paths[a])
    .map((p) => `${CONNECTION_PATH_LABELS[p].toLowerCase()} ${fmt(r.summary.paths[p])} (${pct(share(r.summary.paths[p], r.summary.connections))})`);
  return parts.length ? `Of ${plural(r.summary.connections, 'connection')}: ${parts.join(', ')}.` : 'No connections.';
}

// ---------------------------------------------------------------------------------------------
// Page

interface Pending {
  canvas: HTMLCanvasElement;
  config: ChartConfiguration<'line'> | ChartConfiguration<'bar'>;
}

function figure(title: string, summary: string, config: Pending['config'], pending: Pending[], className: string): HTMLElement {
  const headingId = newId('chart');
  const summaryId = newId('summary');
  const canvas = el('canvas', { role: 'img', 'aria-label': `${title}. ${summary}` }, summary);
  pending.push({ canvas, config });
  return el(
    'figure',
    { class: `chart ${className}`, 'aria-labelledby': headingId, 'aria-describedby': summaryId },
    el('h3', { id: headingId }, title),
    el('div', { class: 'chart-box' }, canvas),
    el('figcaption', { id: summaryId, class: 'chart-summary' }, summary),
  );
}

function tile(label: string, value: string, detail: string, extra?: HTMLElement, className = ''): HTMLElement {
  return el('div', { class: `kpi ${className}`.trim(), role: 'listitem' }, el('div', { class: 'kpi-label' }, label), el('div', { class: 'kpi-value' }, value), el('div', { class: 'kpi-detail' }, detail), extra);
}

/** How much higher the right report's resumed % is than the left one's, in points. */
function resumedDelta(reports: SimulationReport[]): number | undefined {
  if (reports.length !== 2) return undefined;
  const [a, b] = reports.map(resumedPercent);
  return a === undefined || b === undefined ? undefined : b - a;
}

function deltaChip(delta: number, text: string, highlight: boolean): HTMLElement {
  const sign = Math.abs(delta) < 0.05 ? 'same' : delta > 0 ? 'up' : 'down';
  const arrow = sign === 'up' ? '▲' : sign === 'down' ? '▼' : '=';
  return el('div', { class: `delta delta-${sign}${highlight ? ' delta-highlight' : ''}` }, `${arrow} ${text}`);
}

function signed(n: number, digits = 0): string {
  const s = digits ? Math.abs(n).toFixed(digits) : fmt(Math.abs(n));
  return `${n > 0 ? '+' : n < 0 ? '−' : '±'}${s}`;
}

function kpis(report: SimulationReport, index: number, reports: SimulationReport[]): HTMLElement {
  const s = report.summary;
  const other = index === 1 ? reports[0] : undefined;
  const vsLeft = (mine: number, theirs: number) => (other ? deltaChip(mine - theirs, `${signed(mine - theirs)} vs left`, false) : undefined);
  const flushedSessions = report.timeline.reduce((a, b) => a + b.flushed, 0);
  const delta = resumedDelta(reports);
  const resumedTile = tile(
    'Resumed',
    pct(resumedPercent(report)),
    `${fmt(s.resumed)} of ${fmt(s.connections)}; ${pct(share(s.resumed, s.offered))} of offered`,
    other && delta !== undefined ? deltaChip(delta, `${signed(delta, 1)} points vs left`, true) : undefined,
    other && delta !== undefined ? `kpi-highlight kpi-${Math.abs(delta) < 0.05 ? 'same' : delta > 0 ? 'up' : 'down'}` : 'kpi-primary',
  );
  return el(
    'div',
    { class: 'kpis', role: 'list', 'aria-label': 'Key figures' },
    tile('Connections', fmt(s.connections), `${fmt(s.offered)} offered a session · ${duration(s.durationSeconds)}`, vsLeft(s.connections, other?.summary.connections ?? 0)),
    resumedTile,
    tile('Failed', fmt(s.failed), `${pct(share(s.failed, s.connections))} of connections`, vsLeft(s.failed, other?.summary.failed ?? 0)),
    tile('Evictions', fmt(s.evicted), report.capacity > 0 ? `capacity ${fmt(report.capacity)} sessions` : 'unlimited capacity', vsLeft(s.evicted, other?.summary.evicted ?? 0)),
    tile('Flushes', fmt(s.flushes), `${plural(flushedSessions, 'session')} flushed, ${fmt(s.autoFlushed)} automatically`, vsLeft(s.flushes, other?.summary.flushes ?? 0)),
  );
}

function table(caption: string, head: string[], rows: (string | Node)[][], numeric: boolean[], swatches?: (string | undefined)[]): HTMLElement {
  return el(
    'section',
    { class: 'table-card' },
    el('h3', {}, caption),
    el(
      'table',
      { 'aria-label': caption },
      el('thead', {}, el('tr', {}, ...head.map((h, i) => el('th', { scope: 'col', class: numeric[i] ? 'num' : undefined }, h)))),
      el(
        'tbody',
        {},
        ...rows.map((row, r) =>
          el(
            'tr',
            {},
            ...row.map((cell, i) => {
              const c = el(i === 0 ? 'th' : 'td', { scope: i === 0 ? 'row' : undefined, class: numeric[i] ? 'num' : undefined });
              const swatch = i === 0 ? swatches?.[r] : undefined;
              if (swatch) {
                const s = el('span', { class: 'swatch', 'aria-hidden': 'true' });
                s.style.backgroundColor = swatch;
                c.append(s);
              }
              c.append(cell);
              return c;
            }),
          ),
        ),
      ),
    ),
  );
}

function tables(report: SimulationReport, theme: Theme): HTMLElement {
  const stored = STORED_IN.map((k) => report.summary.storedIn[k] ?? 0);
  const storedTotal = stored.reduce((a, b) => a + b, 0);
  const counters = Object.entries(report.counters);
  const storedColors: Record<string, string> = { internal: theme.green, external: theme.blue, 'internal+external': theme.purple, nowhere: theme.neutral };
  return el(
    'div',
    { class: 'tables' },
    table(
      'Where new sessions were stored',
      ['Stored in', 'Sessions', 'Share'],
      STORED_IN.map((k, i) => [STORED_IN_LABELS[k], fmt(stored[i]), pct(share(stored[i], storedTotal))]),
      [false, true, true],
      STORED_IN.map((k) => storedColors[k]),
    ),
    table(
      'Configuration',
      ['Setting', 'Value'],
      report.configuration.map((c) => [c.label, el('code', {}, c.value)]),
      [false, false],
    ),
    table(
      'Counters',
      ['Counter', 'Value', 'Read with'],
      counters.map(([name, value]) => [el('code', {}, name), fmt(value), COUNTER_SOURCES[name] ? el('code', {}, COUNTER_SOURCES[name]) : '']),
      [false, true, false],
    ),
  );
}

function reportColumn(report: SimulationReport, index: number, reports: SimulationReport[], theme: Theme, shared: SharedScales, pending: Pending[]): HTMLElement {
  const titleId = newId('report');
  const side = reports.length === 2 ? (index === 0 ? 'Left' : 'Right') : undefined;
  return el(
    'section',
    { class: 'report', 'aria-labelledby': titleId },
    el(
      'header',
      { class: 'report-header' },
      side ? el('div', { class: 'side' }, side) : undefined,
      el('h2', { id: titleId }, report.title),
      el(
        'p',
        { class: 'meta' },
        ...[report.library, report.protocol, report.preset].flatMap((part, i) => (i ? [el('span', { class: 'sep', 'aria-hidden': 'true' }, '·'), part] : [part])),
      ),
    ),
    kpis(report, index, reports),
    el(
      'div',
      { class: 'charts' },
      figure('Hit rate over time', hitRateSummary(report), hitRateChart(report, theme), pending, 'chart-time'),
      figure('Internal cache occupancy', occupancySummary(report), occupancyChart(report, theme, shared), pending, 'chart-time'),
      figure('Evictions and flushes', removalsSummary(report), removalsChart(report, theme, shared), pending, 'chart-time'),
      figure('How connections went', pathsSummary(report), pathsChart(report, theme, shared), pending, 'chart-paths'),
    ),
    tables(report, theme),
  );
}

function toolbar(): HTMLElement {
  const button = (label: string, type: ReportWebviewMessage['type'], title: string, secondary = true) => {
    const b = el('button', { type: 'button', class: secondary ? 'secondary' : undefined, title, 'data-action': type }, label);
    b.addEventListener('click', () => vscode.postMessage({ type } as ReportWebviewMessage));
    return b;
  };
  return el(
    'div',
    { class: 'toolbar', role: 'toolbar', 'aria-label': 'Report actions' },
    button('Re-run', 'rerun', 'Run the simulation again', false),
    button('Compare…', 'compare', 'Compare with another configuration or workload'),
    button('Export JSON', 'exportJson', 'Save the report as JSON'),
    button('Export scenario', 'exportScenario', 'Save the scenario that produced this report'),
  );
}

function comparisonBanner(reports: SimulationReport[]): HTMLElement | undefined {
  const delta = resumedDelta(reports);
  if (delta === undefined) return undefined;
  const [a, b] = reports.map(resumedPercent);
  const sign = Math.abs(delta) < 0.05 ? 'same' : delta > 0 ? 'up' : 'down';
  const verdict = sign === 'same' ? 'the same resumption rate' : sign === 'up' ? 'resumes more' : 'resumes less';
  return el(
    'p',
    { class: `comparison delta-${sign}`, role: 'status' },
    el('strong', {}, `Resumed ${pct(a)} → ${pct(b)}: ${signed(delta, 1)} points`),
    ` (the right ${verdict})`,
  );
}

function sharedScales(reports: SimulationReport[]): SharedScales {
  if (reports.length < 2) return {};
  const max = (f: (r: SimulationReport) => number) => Math.max(...reports.map(f));
  return {
    occupancyMax: max((r) => Math.max(r.capacity, ...r.timeline.map((b) => b.number))),
    removedMax: max((r) => Math.max(0, ...r.timeline.map((b) => b.evicted + b.flushed))),
    pathsMax: max((r) => Math.max(0, ...CONNECTION_PATHS.map((p) => r.summary.paths[p] ?? 0))),
  };
}

let shown: SimulationReport[] | undefined;

function render(reports: SimulationReport[]): void {
  const app = document.getElementById('app');
  if (!app) return;
  const scrollY = window.scrollY;
  destroyCharts();
  idCounter = 0;
  const theme = readTheme();
  Chart.defaults.color = theme.foreground;
  Chart.defaults.borderColor = theme.grid;
  Chart.defaults.font.family = theme.fontFamily;
  Chart.defaults.font.size = Math.max(11, theme.fontSize - 1);

  const pending: Pending[] = [];
  const compare = reports.length > 1;
  const shared = sharedScales(reports);
  const page = el(
    'div',
    { class: `page${compare ? ' compare' : ''}` },
    el('header', { class: 'page-header' }, el('h1', {}, compare ? 'Session cache simulation: comparison' : 'Session cache simulation'), toolbar()),
    comparisonBanner(reports),
    reports.length === 0
      ? el('p', { class: 'placeholder' }, 'No simulation to show.')
      : el('div', { class: `reports columns-${Math.min(reports.length, 2)}` }, ...reports.slice(0, 2).map((r, i) => reportColumn(r, i, reports, theme, shared, pending))),
  );
  app.replaceChildren(page);
  app.classList.toggle('compare', compare);
  // Charts are created once their canvases are in the document, so they size to their boxes.
  charts = pending.map((p) => new Chart(p.canvas, p.config as ChartConfiguration));
  window.scrollTo(0, scrollY);
  document.body.dataset.rendered = String(reports.length);
}

// Re-render when VS Code switches theme (it changes the body's class and the variables on <html>).
let rerenderQueued = false;
function rerenderSoon(): void {
  if (rerenderQueued || !shown) return;
  rerenderQueued = true;
  requestAnimationFrame(() => {
    rerenderQueued = false;
    if (shown) render(shown);
  });
}
new MutationObserver(rerenderSoon).observe(document.body, { attributes: true, attributeFilter: ['class'] });
new MutationObserver(rerenderSoon).observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });

window.addEventListener('message', (event: MessageEvent<ReportHostMessage>) => {
  const message = event.data;
  if (message?.type === 'show' && Array.isArray(message.reports)) {
    shown = message.reports;
    render(shown);
  }
});

vscode.postMessage({ type: 'ready' });
