/**
 * The HTML report's charts as inline SVG, drawn here (no script runs in the report) from
 * `report.statistics` only: days to outcome against the limit by year, service failures by
 * month, the funnel plot of handler failure rates, and (v2) the review's progress per suggested type. Each is an `<svg role="img">` with a title
 * and an aria-label; html.ts puts a data table beside each. Coordinates are rounded to one decimal
 * so the output is byte-stable.
 */
import { percent } from '../shared/percent.js';
import { escapeHtml as h } from './escape.js';
import { humanDate } from './human-date.js';
import type { Statistics } from './model.js';

const W = 720;
const H = 320;
const M = { left: 58, right: 24, top: 34, bottom: 56 };
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;

export const CHART_COLOURS = {
  median: '#4a78b5',
  p90: '#1f3d66',
  limit: '#c0392b',
  applications: '#d5dbe3',
  failures: '#c4572a',
  point: '#1f3d66',
  above95: '#d68910',
  above998: '#c0392b',
  p0: '#555',
  band95: '#7f8c8d',
  band998: '#34495e',
  concluded: '#2e7d4f',
  awaiting: '#e0a526',
} as const;

const r1 = (x: number): string => {
  const s = (Math.round(x * 10) / 10).toFixed(1);
  return s === '-0.0' ? '0.0' : s;
};

/** A "nice" upper bound and tick step for an axis from 0 to at least max. */
export function niceScale(max: number, ticks = 5): { top: number; step: number } {
  if (!(max > 0)) return { top: 1, step: 0.2 };
  const raw = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  return { top: Math.ceil(max / step - 1e-9) * step, step };
}

function frame(id: string, title: string, description: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="${h(id)}" role="img" aria-labelledby="${h(id)}-title ${h(id)}-desc" ` +
    `aria-label="${h(title)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="system-ui, sans-serif" font-size="12">` +
    `<title id="${h(id)}-title">${h(title)}</title><desc id="${h(id)}-desc">${h(description)}</desc>${body}</svg>`
  );
}

function noData(id: string, title: string): string {
  return frame(id, title, 'No data for this chart.', `<text x="${W / 2}" y="${H / 2}" text-anchor="middle" fill="#666">No data</text>`);
}

/** The y axis with grid lines; `format` writes a tick value. */
function yAxis(top: number, step: number, label: string, format: (v: number) => string): string {
  let out = '';
  for (let v = 0; v <= top + step / 1000; v += step) {
    const y = M.top + PLOT_H - (v / top) * PLOT_H;
    out += `<line x1="${M.left}" x2="${W - M.right}" y1="${r1(y)}" y2="${r1(y)}" stroke="#e3e3e3"/>`;
    out += `<text x="${M.left - 6}" y="${r1(y + 4)}" text-anchor="end" fill="#333">${h(format(v))}</text>`;
  }
  out += `<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${M.top + PLOT_H}" stroke="#333"/>`;
  out += `<line x1="${M.left}" x2="${W - M.right}" y1="${M.top + PLOT_H}" y2="${M.top + PLOT_H}" stroke="#333"/>`;
  out += `<text transform="translate(14 ${r1(M.top + PLOT_H / 2)}) rotate(-90)" text-anchor="middle" fill="#333">${h(label)}</text>`;
  return out;
}

function legend(items: readonly { label: string; colour: string; kind: 'box' | 'line' | 'dash' | 'dot' }[]): string {
  let x = M.left;
  let out = '';
  for (const item of items) {
    const y = 14;
    if (item.kind === 'box') out += `<rect x="${x}" y="${y - 9}" width="12" height="12" fill="${item.colour}"/>`;
    else if (item.kind === 'dot') out += `<circle cx="${x + 6}" cy="${y - 3}" r="5" fill="${item.colour}"/>`;
    else out += `<line x1="${x}" x2="${x + 16}" y1="${y - 3}" y2="${y - 3}" stroke="${item.colour}" stroke-width="2"${item.kind === 'dash' ? ' stroke-dasharray="5 3"' : ''}/>`;
    out += `<text x="${x + 20}" y="${y + 1}" fill="#333">${h(item.label)}</text>`;
    x += 30 + item.label.length * 6.8;
  }
  return `<g class="legend">${out}</g>`;
}

/** (1) Median and 90th-percentile days to outcome per year received, with the limit(s) in force. */
export function outcomeDaysChart(stats: Statistics['outcomeDaysByYear']): string {
  const id = 'chart-outcome-days';
  const title = 'Days from receipt to outcome by year received, against the time limit';
  if (stats.length === 0) return noData(id, title);
  const max = Math.max(...stats.flatMap((s) => [s.p90Days, s.medianDays, ...s.limitDays]));
  const { top, step } = niceScale(max * 1.1);
  const y = (v: number): number => M.top + PLOT_H - (v / top) * PLOT_H;
  const group = PLOT_W / stats.length;
  const bar = Math.min(48, (group * 0.7) / 2);
  let marks = '';
  stats.forEach((s, i) => {
    const x0 = M.left + i * group + (group - 2 * bar) / 2;
    const bars: [number, string, string][] = [
      [s.medianDays, CHART_COLOURS.median, 'median'],
      [s.p90Days, CHART_COLOURS.p90, '90th percentile'],
    ];
    bars.forEach(([v, colour, name], j) => {
      const x = x0 + j * bar;
      marks += `<rect class="mark" x="${r1(x)}" y="${r1(y(v))}" width="${r1(bar - 2)}" height="${r1(y(0) - y(v))}" fill="${colour}"><title>${h(`${s.year} ${name}: ${v} days`)}</title></rect>`;
      marks += `<text x="${r1(x + (bar - 2) / 2)}" y="${r1(y(v) - 4)}" text-anchor="middle" font-size="11" fill="#333">${v}</text>`;
    });
    // The limit spans the whole year's slot, so years under one limit read as one line; its value
    // is written where it starts or changes.
    const previous = stats[i - 1]?.limitDays.join(',');
    for (const limit of s.limitDays) {
      const ly = y(limit);
      const gx = M.left + i * group;
      marks += `<line class="limit" x1="${r1(gx + 1)}" x2="${r1(gx + group - 1)}" y1="${r1(ly)}" y2="${r1(ly)}" stroke="${CHART_COLOURS.limit}" stroke-width="2" stroke-dasharray="5 3"><title>${h(`${s.year} limit: ${limit} days`)}</title></line>`;
      if (previous !== s.limitDays.join(',')) marks += `<text x="${r1(gx + 3)}" y="${r1(ly - 4)}" font-size="11" font-weight="600" fill="${CHART_COLOURS.limit}" stroke="#fff" stroke-width="3" paint-order="stroke">${limit}</text>`;
    }
    const cx = M.left + i * group + group / 2;
    marks += `<text x="${r1(cx)}" y="${M.top + PLOT_H + 18}" text-anchor="middle" fill="#333">${s.year}</text>`;
    // Counts under each year only when there is room; the data table always has them.
    if (group >= 90) marks += `<text x="${r1(cx)}" y="${M.top + PLOT_H + 33}" text-anchor="middle" font-size="11" fill="#666">${h(`n=${s.cases}, over ${s.overLimit}`)}</text>`;
  });
  const body =
    legend([
      { label: 'median', colour: CHART_COLOURS.median, kind: 'box' },
      { label: '90th percentile', colour: CHART_COLOURS.p90, kind: 'box' },
      { label: 'limit in force (days)', colour: CHART_COLOURS.limit, kind: 'dash' },
    ]) +
    yAxis(top, step, 'days to outcome', (v) => String(Math.round(v))) +
    marks +
    `<text x="${M.left + PLOT_W / 2}" y="${H - 6}" text-anchor="middle" fill="#333">year received</text>`;
  const description = stats.map((s) => `${s.year}: median ${s.medianDays}, 90th percentile ${s.p90Days} days, limit ${s.limitDays.join(' then ')}`).join('; ');
  return frame(id, title, description, body);
}

/** (2) Applications received and those with a service failure, by month received. */
export function failuresByMonthChart(stats: Statistics['failuresByMonth']): string {
  const id = 'chart-failures-by-month';
  const title = 'Applications with a service failure, by month received';
  if (stats.length === 0) return noData(id, title);
  const max = Math.max(...stats.map((s) => Math.max(s.applications, s.failures)));
  const { top, step } = niceScale(max);
  const y = (v: number): number => M.top + PLOT_H - (v / top) * PLOT_H;
  const slot = PLOT_W / stats.length;
  const bar = Math.max(1, slot * 0.8);
  const every = Math.max(1, Math.ceil(stats.length / 12));
  let marks = '';
  stats.forEach((s, i) => {
    const x = M.left + i * slot + (slot - bar) / 2;
    marks += `<rect x="${r1(x)}" y="${r1(y(s.applications))}" width="${r1(bar)}" height="${r1(y(0) - y(s.applications))}" fill="${CHART_COLOURS.applications}"><title>${h(`${s.month}: ${s.applications} applications`)}</title></rect>`;
    marks += `<rect class="mark" x="${r1(x)}" y="${r1(y(s.failures))}" width="${r1(bar)}" height="${r1(y(0) - y(s.failures))}" fill="${CHART_COLOURS.failures}"><title>${h(`${s.month}: ${s.failures} with a service failure`)}</title></rect>`;
    if (i % every === 0) {
      const cx = x + bar / 2;
      marks += `<line x1="${r1(cx)}" x2="${r1(cx)}" y1="${M.top + PLOT_H}" y2="${M.top + PLOT_H + 4}" stroke="#333"/>`;
      marks += `<text x="${r1(cx)}" y="${M.top + PLOT_H + 18}" text-anchor="middle" font-size="11" fill="#333">${h(s.month)}</text>`;
    }
  });
  const body =
    legend([
      { label: 'applications received', colour: CHART_COLOURS.applications, kind: 'box' },
      { label: 'with a service failure', colour: CHART_COLOURS.failures, kind: 'box' },
    ]) +
    yAxis(top, step, 'applications', (v) => String(Math.round(v))) +
    marks +
    `<text x="${M.left + PLOT_W / 2}" y="${H - 6}" text-anchor="middle" fill="#333">month received</text>`;
  const total = stats.reduce((sum, s) => sum + s.failures, 0);
  return frame(id, title, `${stats.length} months from ${stats[0]?.month ?? ''} to ${stats.at(-1)?.month ?? ''}; ${total} applications with a service failure in all.`, body);
}

/** (3) Each handler's failure rate against p0, with the 95% and 99.8% funnel limits over n. */
export function handlerFunnelChart(funnel: Statistics['handlerFunnel']): string {
  const id = 'chart-handler-funnel';
  const title = 'Funnel plot: handler service-failure rates against the overall rate, with 95% and 99.8% limits';
  if (funnel.handlers.length === 0) return noData(id, title);
  const maxN = Math.max(...funnel.handlers.map((p) => p.cases), ...funnel.curve.map((c) => c.n));
  const xs = niceScale(maxN);
  const visibleCurve = funnel.curve.filter((c) => c.n <= xs.top);
  const maxRate = Math.max(...funnel.handlers.map((p) => p.rate), funnel.p0, ...visibleCurve.filter((c) => c.n >= Math.min(...funnel.handlers.map((p) => p.cases))).map((c) => c.upper998));
  const ys = niceScale(Math.min(1, maxRate * 1.1));
  const x = (n: number): number => M.left + (n / xs.top) * PLOT_W;
  const y = (rate: number): number => M.top + PLOT_H - (Math.min(rate, ys.top) / ys.top) * PLOT_H;
  const line = (key: 'lower998' | 'lower95' | 'upper95' | 'upper998'): string =>
    visibleCurve.map((c) => `${r1(x(c.n))},${r1(y(c[key]))}`).join(' ');
  let marks = '<g clip-path="url(#funnel-clip)">';
  marks += `<line class="p0" x1="${M.left}" x2="${W - M.right}" y1="${r1(y(funnel.p0))}" y2="${r1(y(funnel.p0))}" stroke="${CHART_COLOURS.p0}" stroke-width="1.5"><title>${h(`overall rate p0 = ${percent(funnel.p0)}`)}</title></line>`;
  if (visibleCurve.length > 1) {
    for (const [key, colour, dash] of [
      ['upper95', CHART_COLOURS.band95, ' stroke-dasharray="5 3"'],
      ['lower95', CHART_COLOURS.band95, ' stroke-dasharray="5 3"'],
      ['upper998', CHART_COLOURS.band998, ''],
      ['lower998', CHART_COLOURS.band998, ''],
    ] as const) {
      marks += `<polyline class="limit" points="${line(key)}" fill="none" stroke="${colour}" stroke-width="1.5"${dash}/>`;
    }
  }
  marks += '</g>';
  for (const p of funnel.handlers) {
    const colour = p.rate > p.upper998 ? CHART_COLOURS.above998 : p.rate > p.upper95 ? CHART_COLOURS.above95 : CHART_COLOURS.point;
    const label = `${p.staffId}: ${p.failures} of ${p.cases} cases failed (${percent(p.rate)}); 95% limit ${percent(p.upper95)}, 99.8% limit ${percent(p.upper998)}`;
    marks += `<circle class="mark" cx="${r1(x(p.cases))}" cy="${r1(y(p.rate))}" r="5" fill="${colour}" stroke="#fff" stroke-width="1"><title>${h(label)}</title></circle>`;
    if (p.rate > p.upper95) {
      const shown = p.staffId.length > 24 ? `${p.staffId.slice(0, 23)}…` : p.staffId;
      marks += `<text x="${r1(x(p.cases) + 8)}" y="${r1(y(p.rate) + 4)}" font-size="11" fill="${colour}">${h(shown)}</text>`;
    }
  }
  let xTicks = '';
  for (let n = 0; n <= xs.top + xs.step / 1000; n += xs.step) {
    xTicks += `<line x1="${r1(x(n))}" x2="${r1(x(n))}" y1="${M.top + PLOT_H}" y2="${M.top + PLOT_H + 4}" stroke="#333"/>`;
    xTicks += `<text x="${r1(x(n))}" y="${M.top + PLOT_H + 18}" text-anchor="middle" fill="#333">${Math.round(n)}</text>`;
  }
  const body =
    `<defs><clipPath id="funnel-clip"><rect x="${M.left}" y="${M.top}" width="${PLOT_W}" height="${PLOT_H}"/></clipPath></defs>` +
    legend([
      { label: `p0 ${percent(funnel.p0)}`, colour: CHART_COLOURS.p0, kind: 'line' },
      { label: '95% limits', colour: CHART_COLOURS.band95, kind: 'dash' },
      { label: '99.8% limits', colour: CHART_COLOURS.band998, kind: 'line' },
      { label: 'handler', colour: CHART_COLOURS.point, kind: 'dot' },
      { label: 'above 95%', colour: CHART_COLOURS.above95, kind: 'dot' },
      { label: 'above 99.8%', colour: CHART_COLOURS.above998, kind: 'dot' },
    ]) +
    yAxis(ys.top, ys.step, 'service-failure rate', (v) => `${Math.round(v * 1000) / 10}%`) +
    xTicks +
    marks +
    `<text x="${M.left + PLOT_W / 2}" y="${H - 6}" text-anchor="middle" fill="#333">cases handled (n)</text>`;
  return frame(id, title, `${funnel.handlers.length} handlers against the overall rate p0 ${percent(funnel.p0)}.`, body);
}

/**
 * (4) The review's progress: per suggested type, applications concluded and awaiting a conclusion,
 * stacked in one horizontal bar per type. Each bar is the type's share, not its count: `none` holds
 * nearly every application, and on one count scale the failure types would be slivers.
 */
export function reviewProgressChart(stats: Statistics['reviewProgress']): string {
  const id = 'chart-review-progress';
  const title = 'Review progress: applications concluded and awaiting a conclusion, by suggested type';
  const shown = stats.filter((s) => s.concluded + s.awaiting > 0);
  if (shown.length === 0) return noData(id, title);
  const labelW = 110;
  const x0 = M.left + labelW;
  const plotW = W - x0 - M.right - 150;
  const slot = PLOT_H / shown.length;
  const bar = Math.min(40, slot * 0.7);
  let marks = '';
  shown.forEach((s, i) => {
    const total = s.concluded + s.awaiting;
    const y = M.top + i * slot + (slot - bar) / 2;
    const wc = (s.concluded / total) * plotW;
    marks += `<text x="${x0 - 8}" y="${r1(y + bar / 2 + 4)}" text-anchor="end" fill="#333">${h(s.suggested)}</text>`;
    marks += `<rect class="mark concluded" x="${x0}" y="${r1(y)}" width="${r1(wc)}" height="${r1(bar)}" fill="${CHART_COLOURS.concluded}"><title>${h(`${s.suggested}: ${s.concluded} concluded`)}</title></rect>`;
    marks += `<rect class="mark awaiting" x="${r1(x0 + wc)}" y="${r1(y)}" width="${r1(plotW - wc)}" height="${r1(bar)}" fill="${CHART_COLOURS.awaiting}"><title>${h(`${s.suggested}: ${s.awaiting} awaiting a conclusion`)}</title></rect>`;
    marks += `<text x="${x0 + plotW + 8}" y="${r1(y + bar / 2 + 4)}" fill="#333">${h(`${s.concluded} of ${total} concluded`)}</text>`;
  });
  let ticks = '';
  for (const share of [0, 0.25, 0.5, 0.75, 1]) {
    const x = x0 + share * plotW;
    ticks += `<line x1="${r1(x)}" x2="${r1(x)}" y1="${M.top}" y2="${M.top + PLOT_H}" stroke="#e3e3e3"/>`;
    ticks += `<text x="${r1(x)}" y="${M.top + PLOT_H + 18}" text-anchor="middle" fill="#333">${share * 100}%</text>`;
  }
  const body =
    legend([
      { label: 'concluded', colour: CHART_COLOURS.concluded, kind: 'box' },
      { label: 'awaiting a conclusion', colour: CHART_COLOURS.awaiting, kind: 'box' },
    ]) +
    ticks +
    marks +
    `<text x="${r1(x0 + plotW / 2)}" y="${H - 6}" text-anchor="middle" fill="#333">share of the type's applications</text>`;
  const description = shown.map((s) => `${s.suggested}: ${s.concluded} concluded, ${s.awaiting} awaiting`).join('; ');
  return frame(id, title, description, body);
}

const TIMELINE_W = 720;
const TIMELINE_H = 64;
const TIMELINE_M = 16;

/** Day number of an ISO date or date-time's date part: where on the line an event sits. */
function dayOf(iso: string): number {
  return Math.floor(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000);
}

/** Incidents and conduct referrals stand out; the limit is a line, as in the other charts. */
function timelineColour(event: string): string {
  if (event === 'incident') return CHART_COLOURS.limit;
  if (event === 'conduct-referral') return CHART_COLOURS.above95;
  return CHART_COLOURS.point;
}

/**
 * A referral's chronology as a small timeline: one mark per entry on a line from its first to its
 * last date, each with a tooltip (SVG title, no script), the first and last dates under the ends.
 * The card's chronology table holds the same entries.
 */
export function chronologyTimeline(id: string, entries: readonly { date: string; event: string; label: string }[]): string {
  if (entries.length === 0) return '';
  const days = entries.map((e) => dayOf(e.date));
  const first = Math.min(...days);
  const last = Math.max(...days);
  const span = Math.max(1, last - first);
  const x = (day: number): string => r1(TIMELINE_M + ((day - first) / span) * (TIMELINE_W - 2 * TIMELINE_M));
  const y = 24;
  const marks = entries
    .map((e, i) => {
      const at = x(days[i]!);
      const tip = `<title>${h(e.label)}</title>`;
      return e.event === 'limit-ends'
        ? `<line x1="${at}" x2="${at}" y1="${y - 12}" y2="${y + 12}" stroke="${CHART_COLOURS.limit}" stroke-dasharray="3 2">${tip}</line>`
        : `<circle cx="${at}" cy="${y}" r="5" fill="${timelineColour(e.event)}" fill-opacity="0.8">${tip}</circle>`;
    })
    .join('');
  const title = `Chronology, ${humanDate(entries[0]!.date.slice(0, 10))} to ${humanDate(entries[entries.length - 1]!.date.slice(0, 10))}`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="timeline" id="${h(id)}" role="img" aria-label="${h(title)}" viewBox="0 0 ${TIMELINE_W} ${TIMELINE_H}" ` +
    `width="${TIMELINE_W}" height="${TIMELINE_H}" font-family="system-ui, sans-serif" font-size="11"><title>${h(title)}</title>` +
    `<line x1="${TIMELINE_M}" x2="${TIMELINE_W - TIMELINE_M}" y1="${y}" y2="${y}" stroke="#999"/>${marks}` +
    `<text x="${TIMELINE_M}" y="${TIMELINE_H - 8}" fill="#555">${h(humanDate(entries[0]!.date.slice(0, 10)))}</text>` +
    `<text x="${TIMELINE_W - TIMELINE_M}" y="${TIMELINE_H - 8}" text-anchor="end" fill="#555">${h(humanDate(entries[entries.length - 1]!.date.slice(0, 10)))}</text></svg>`
  );
}
