/**
 * England and Wales working days: Monday to Friday, less the bank and public holidays of
 * England and Wales from the maintained `date-holidays` data (observances such as Mother's Day
 * are not holidays).
 */
import Holidays from 'date-holidays';
import { dayNumber, weekday } from './london.js';

const calendar = new Holidays('GB', 'ENG');
const holidaysByYear = new Map<number, Set<number>>();

function holidaysOf(year: number): Set<number> {
  let set = holidaysByYear.get(year);
  if (!set) {
    set = new Set();
    for (const h of calendar.getHolidays(year)) {
      if (h.type !== 'public' && h.type !== 'bank') continue;
      const [y, m, d] = h.date.slice(0, 10).split('-').map(Number) as [number, number, number];
      set.add(dayNumber(y, m, d));
    }
    holidaysByYear.set(year, set);
  }
  return set;
}

function yearOf(day: number): number {
  return new Date(day * 86_400_000).getUTCFullYear();
}

/** Is this day a bank or public holiday in England and Wales? */
export function isBankHoliday(day: number): boolean {
  return holidaysOf(yearOf(day)).has(day);
}

// Deadlines walk day by day (face-to-face-late: ~14 days per application, 1M applications), so
// each day's answer is kept: 0 not yet known, 1 working, 2 not. Days 1900-2199 cover any export.
const FIRST_CACHED = dayNumber(1900, 1, 1);
const workingFlags = new Uint8Array(dayNumber(2200, 1, 1) - FIRST_CACHED);

export function isWorkingDay(day: number): boolean {
  const slot = day - FIRST_CACHED;
  const cached = slot >= 0 && slot < workingFlags.length ? workingFlags[slot]! : -1;
  if (cached > 0) return cached === 1;
  const wd = weekday(day);
  const working = wd !== 0 && wd !== 6 && !isBankHoliday(day);
  if (cached === 0) workingFlags[slot] = working ? 1 : 2;
  return working;
}

/** The n-th working day after `day` (n ≥ 1; `day` itself never counts). */
export function addWorkingDays(day: number, n: number): number {
  let d = day;
  let left = n;
  while (left > 0) {
    d += 1;
    if (isWorkingDay(d)) left -= 1;
  }
  return d;
}

/** The next working day after `day`. */
export function nextWorkingDay(day: number): number {
  return addWorkingDays(day, 1);
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: number, to: number): number {
  let count = 0;
  for (let d = from + 1; d <= to; d++) if (isWorkingDay(d)) count += 1;
  return count;
}

/** Bank and public holidays on weekdays after `from` up to and including `to`, in date order. */
export function bankHolidaysBetween(from: number, to: number): number[] {
  const out: number[] = [];
  for (let d = from + 1; d <= to; d++) {
    const wd = weekday(d);
    if (wd !== 0 && wd !== 6 && isBankHoliday(d)) out.push(d);
  }
  return out;
}
