/**
 * The overall time limit, application to outcome, as a schedule: each entry applies to
 * applications received on or after its date, until the next entry. The defaults follow the
 * DVDS guidance: 35 calendar days, then 28 from 5 April 2023 when s.77 Domestic Abuse Act 2021
 * came into force (SI 2023/406). A force can change the schedule in a rule's options.
 */
import { z } from 'zod';
import { type DateValue, dayNumber, formatDay } from './london.js';
import { parseIsoDateValue } from './parse.js';

/**
 * Upper bounds of the day counts a config may set (issue 15 item 4: `graceDays: 1e8` ran dates
 * past what a Date holds). Ten years is far beyond any limit the scheme has had, and keeps every
 * deadline inside the working-day calendar.
 */
export const MAX_LIMIT_DAYS = 3650;

export const LimitScheduleEntry = z.object({
  /** Applications received on or after this date (YYYY-MM-DD). */
  from: z
    .string()
    .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && parseIsoDateValue(s) !== null, 'expected a date YYYY-MM-DD'),
  days: z.number().int().positive().max(MAX_LIMIT_DAYS),
  /** Where the limit comes from, shown in evidence. */
  source: z.string().max(500).default(''),
});
export type LimitScheduleEntry = z.output<typeof LimitScheduleEntry>;

export const DEFAULT_SCHEDULE: LimitScheduleEntry[] = [
  { from: '1900-01-01', days: 35, source: 'DVDS guidance 2014/2016: 35 calendar days' },
  { from: '2023-04-05', days: 28, source: 'DVDS statutory guidance, s.77 DA Act 2021 in force 5 April 2023: 28 calendar days' },
];

export const LimitSchedule = z
  .array(LimitScheduleEntry)
  .min(1)
  .max(50)
  .refine((s) => s.every((e, i) => i === 0 || e.from > (s[i - 1]?.from ?? '')), 'entries must be in date order')
  .default(DEFAULT_SCHEDULE);
export type LimitSchedule = z.output<typeof LimitSchedule>;

/**
 * The options of the `deadline-missed` rule, declared once here: the decisions judge "a service
 * failure already existed" against the same limit (src/decide/limit.ts), so the two cannot drift.
 */
export const DeadlineMissedOptions = z.strictObject({
  schedule: LimitSchedule.describe('overall limit in calendar days, by received date'),
  graceDays: z.number().int().min(0).max(MAX_LIMIT_DAYS).default(0).describe('days allowed beyond the limit before a finding'),
});
export type DeadlineMissedOptions = z.output<typeof DeadlineMissedOptions>;

export interface AppliedLimit {
  readonly days: number;
  /** The schedule entry's start date and source, for evidence. */
  readonly from: string;
  readonly source: string;
  /** The next entry's start date (this limit applies before it), or null for the last entry. */
  readonly until: string | null;
  /** Whether this is the schedule's first entry (its start date is only a floor). */
  readonly first: boolean;
}

/**
 * The limit for an application received on this London day. A receipt before the first entry
 * takes the first entry's limit (the schedule starts before the scheme existed by default).
 */
export function limitFor(received: DateValue | number, schedule: LimitSchedule = DEFAULT_SCHEDULE): AppliedLimit {
  const day = typeof received === 'number' ? received : received.day;
  let index = 0;
  for (let i = 1; i < schedule.length; i++) {
    if (entryDay(schedule[i]!) <= day) index = i;
    else break;
  }
  const chosen = schedule[index]!;
  const next = schedule[index + 1];
  return { days: chosen.days, from: chosen.from, source: chosen.source, until: next?.from ?? null, first: index === 0 };
}

const entryDays = new WeakMap<LimitScheduleEntry, number>();
function entryDay(entry: LimitScheduleEntry): number {
  let d = entryDays.get(entry);
  if (d === undefined) {
    const [y, m, dd] = entry.from.split('-').map(Number) as [number, number, number];
    d = dayNumber(y, m, dd);
    entryDays.set(entry, d);
  }
  return d;
}

/**
 * Evidence text of an applied limit, naming the schedule entry, e.g.
 * `28 days (received on or after 2023-04-05: …)` or `35 days (received before 2023-04-05: …)`.
 * The first entry's start date is a floor, not a fact about the guidance, so it is not shown.
 */
export function describeLimit(limit: AppliedLimit): string {
  const when =
    limit.first && limit.until !== null
      ? `received before ${limit.until}`
      : limit.first
        ? 'every application'
        : limit.until !== null
          ? `received on or after ${limit.from} and before ${limit.until}`
          : `received on or after ${limit.from}`;
  return `${limit.days} days (${when}${limit.source ? `: ${limit.source}` : ''})`;
}

export { formatDay };
