/**
 * The figures behind the HTML charts (src/report/model.ts `Statistics`), computed once here so
 * no formatter derives them: days to outcome by year received against the limit(s) in force,
 * service failures by month received, and the handler funnel plot with exact binomial limits.
 */
import type { Finding } from '../engine/types.js';
import type { Dataset } from '../model/dataset.js';
import { outcomeDate } from '../model/outcome.js';
import type { Statistics } from '../model/report.js';
import { binomialQuantile } from '../stats/binomial.js';
import { dayNumber } from '../time/london.js';
import { limitFor } from '../time/limits.js';
import { compareText } from '../shared/compare.js';
import type { DeadlineSettings } from './limit.js';

/**
 * `failing`: ids of the applications with a service failure, when the caller has them already
 * (else they are found from the findings).
 */
export function computeStatistics(
  dataset: Dataset,
  findings: readonly Finding[],
  deadline: DeadlineSettings,
  /** Ids of the applications with a service failure. */
  failing: ReadonlySet<string>,
): Omit<Statistics, 'reviewProgress'> {
  // One pass over the applications for the failure counts by month and by handler.
  const months = new MonthCache();
  const byMonth = new Map<string, { applications: number; failures: number }>();
  const byHandler = new Map<string, number>();
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (const app of dataset.applications) {
    const day = app.received_at.day;
    if (day < minDay) minDay = day;
    if (day > maxDay) maxDay = day;
    const key = months.key(day);
    let entry = byMonth.get(key);
    if (entry === undefined) {
      entry = { applications: 0, failures: 0 };
      byMonth.set(key, entry);
    }
    entry.applications += 1;
    if (failing.has(app.application_id)) {
      entry.failures += 1;
      if (app.handler_id !== null) byHandler.set(app.handler_id, (byHandler.get(app.handler_id) ?? 0) + 1);
    }
  }
  return {
    outcomeDaysByYear: outcomeDaysByYear(dataset, deadline, months),
    failuresByMonth: failuresByMonth(dataset, byMonth, minDay, maxDay),
    handlerFunnel: handlerFunnel(dataset, byHandler),
  };
}

function yearMonth(day: number): { year: number; month: number } {
  const date = new Date(day * 86_400_000);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1 };
}

/** Year and month key of a day, worked out once per day (a national export has a million receipts on a few thousand days). */
class MonthCache {
  private readonly years = new Map<number, number>();
  private readonly keys = new Map<number, string>();

  year(day: number): number {
    let year = this.years.get(day);
    if (year === undefined) {
      year = yearMonth(day).year;
      this.years.set(day, year);
    }
    return year;
  }

  key(day: number): string {
    let key = this.keys.get(day);
    if (key === undefined) {
      const { year, month } = yearMonth(day);
      key = monthKey(year, month);
      this.keys.set(day, key);
    }
    return key;
  }
}

/** Nearest-rank percentile of sorted values (whole days, so the figures stay whole). */
function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}

function outcomeDaysByYear(dataset: Dataset, deadline: DeadlineSettings, months: MonthCache): Statistics['outcomeDaysByYear'] {
  const byYear = new Map<number, { days: number[]; over: number }>();
  for (const app of dataset.applications) {
    const outcome = outcomeDate(app);
    if (outcome === null) continue;
    const days = outcome.day - app.received_at.day;
    // An outcome dated before receipt is a date-order finding, not a duration to chart.
    if (days < 0) continue;
    const year = months.year(app.received_at.day);
    let entry = byYear.get(year);
    if (!entry) {
      entry = { days: [], over: 0 };
      byYear.set(year, entry);
    }
    entry.days.push(days);
    // effectiveLimit(app, deadline).days, without the description text it also builds.
    if (days > limitFor(app.received_at, deadline.schedule).days + deadline.graceDays) entry.over += 1;
  }
  return [...byYear.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([year, { days, over }]) => {
      const sorted = Float64Array.from(days).sort();
      return {
        year,
        limitDays: limitsInYear(year, deadline),
        cases: sorted.length,
        overLimit: over,
        medianDays: percentile(sorted, 0.5),
        p90Days: percentile(sorted, 0.9),
        maxDays: sorted[sorted.length - 1] ?? 0,
      };
    });
}

/** The limits (plus grace days) in force on some day of the year, in the order they took effect. */
function limitsInYear(year: number, deadline: DeadlineSettings): number[] {
  const first = dayNumber(year, 1, 1);
  const last = dayNumber(year, 12, 31);
  const out = [limitFor(first, deadline.schedule).days + deadline.graceDays];
  for (const entry of deadline.schedule) {
    const [y, m, d] = entry.from.split('-').map(Number) as [number, number, number];
    const from = dayNumber(y, m, d);
    if (from > first && from <= last) {
      const days = entry.days + deadline.graceDays;
      if (out[out.length - 1] !== days) out.push(days);
    }
  }
  return out;
}

function monthKey(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

function failuresByMonth(
  dataset: Dataset,
  counts: ReadonlyMap<string, { applications: number; failures: number }>,
  minDay: number,
  maxDay: number,
): Statistics['failuresByMonth'] {
  if (dataset.applications.length === 0) return [];
  // Every month from the first receipt to the last, so a quiet month shows as a zero, not a gap.
  const out: { month: string; applications: number; failures: number }[] = [];
  let { year, month } = yearMonth(minDay);
  const end = yearMonth(maxDay);
  while (year < end.year || (year === end.year && month <= end.month)) {
    const key = monthKey(year, month);
    out.push({ month: key, ...(counts.get(key) ?? { applications: 0, failures: 0 }) });
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return out;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

interface Limits {
  readonly lower998: number;
  readonly lower95: number;
  readonly upper95: number;
  readonly upper998: number;
}

/** Two-sided 95% and 99.8% control limits of a proportion at n, from exact binomial quantiles. */
function funnelLimits(n: number, p0: number): Limits {
  if (n === 0) return { lower998: 0, lower95: 0, upper95: 0, upper998: 0 };
  const at = (q: number) => round6(binomialQuantile(q, n, p0) / n);
  return { lower998: at(0.001), lower95: at(0.025), upper95: at(0.975), upper998: at(0.999) };
}

/** n values to draw the curves through: every n up to 30, then about 10% apart, and the largest n. */
function curvePoints(maxN: number): number[] {
  const points: number[] = [];
  for (let n = 1; n <= Math.min(maxN, 30); n++) points.push(n);
  let n = 30;
  while (n < maxN) {
    n = Math.min(maxN, Math.max(n + 1, Math.round(n * 1.1)));
    points.push(n);
  }
  return points;
}

function handlerFunnel(dataset: Dataset, failuresByHandler: ReadonlyMap<string, number>): Statistics['handlerFunnel'] {
  const handlers = dataset.handlerIds().sort(compareText);
  let cases = 0;
  let failures = 0;
  const perHandler = handlers.map((staffId) => {
    const apps = dataset.applicationsByHandler(staffId);
    const f = failuresByHandler.get(staffId) ?? 0;
    cases += apps.length;
    failures += f;
    return { staffId, cases: apps.length, failures: f };
  });
  const p0 = cases === 0 ? 0 : failures / cases;
  // Many handlers share a caseload size, and the curve passes through the same n again.
  const limitsByN = new Map<number, Limits>();
  const limitsAt = (n: number): Limits => {
    let limits = limitsByN.get(n);
    if (limits === undefined) {
      limits = funnelLimits(n, p0);
      limitsByN.set(n, limits);
    }
    return limits;
  };
  const maxN = Math.max(0, ...perHandler.map((h) => h.cases));
  return {
    p0: round6(p0),
    handlers: perHandler.map((h) => {
      const limits = limitsAt(h.cases);
      return {
        staffId: h.staffId,
        cases: h.cases,
        failures: h.failures,
        rate: round6(h.cases === 0 ? 0 : h.failures / h.cases),
        upper95: limits.upper95,
        upper998: limits.upper998,
        lower95: limits.lower95,
        lower998: limits.lower998,
      };
    }),
    curve: curvePoints(maxN).map((n) => {
      const limits = limitsAt(n);
      return { n, lower998: limits.lower998, lower95: limits.lower95, upper95: limits.upper95, upper998: limits.upper998 };
    }),
  };
}
