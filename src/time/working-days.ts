/**
 * England and Wales working days: Monday to Friday, less the bank and public holidays of
 * England and Wales (observances such as Mother's Day are not holidays). The holidays are the
 * maintained `date-holidays` data, written out as a table by scripts/write-bank-holidays.mjs
 * (see there why the library is not loaded at run time).
 *
 * Every answer is a lookup: a running count of working days over the calendar's years makes a
 * span of any length one subtraction, where counting day by day cost 1.2 s for a row dated
 * 9999-12-31 (issue 15 item 4). A day outside the calendar is an error, not a guess.
 */
import { BANK_HOLIDAYS, FIRST_YEAR, LAST_YEAR } from './bank-holidays.js';
import { dayNumber, formatDay, weekday } from './london.js';

const FIRST_DAY = dayNumber(FIRST_YEAR, 1, 1);
const END_DAY = dayNumber(LAST_YEAR + 1, 1, 1);

interface Calendar {
  /** The holidays as day numbers, in order. */
  readonly holidays: Int32Array;
  /** 1 where the day is a holiday, by day from FIRST_DAY. */
  readonly holiday: Uint8Array;
  /** Working days from FIRST_DAY up to and including each day, by day from FIRST_DAY. */
  readonly working: Int32Array;
}

let built: Calendar | null = null;

// Built on first use (about 1 ms), so commands that count no days never pay for it.
function calendar(): Calendar {
  if (built !== null) return built;
  const days: number[] = [];
  for (const entry of BANK_HOLIDAYS) {
    const [year, list] = entry.split(':') as [string, string];
    for (const mmdd of list.split(',')) days.push(dayNumber(Number(year), Number(mmdd.slice(0, 2)), Number(mmdd.slice(2))));
  }
  const size = END_DAY - FIRST_DAY;
  const holiday = new Uint8Array(size);
  for (const d of days) holiday[d - FIRST_DAY] = 1;
  const working = new Int32Array(size);
  let count = 0;
  for (let i = 0; i < size; i++) {
    const wd = weekday(FIRST_DAY + i);
    if (wd !== 0 && wd !== 6 && holiday[i] === 0) count++;
    working[i] = count;
  }
  built = { holidays: Int32Array.from(days), holiday, working };
  return built;
}

/** The slot of a day in the calendar; a day outside it is a RangeError naming the range. */
function slot(day: number): number {
  if (!(day >= FIRST_DAY && day < END_DAY)) {
    const text = Number.isFinite(day) ? formatDay(day) : String(day);
    throw new RangeError(`${text} is outside the working-day calendar (${FIRST_YEAR}-${LAST_YEAR})`);
  }
  return day - FIRST_DAY;
}

/** Is this day a bank or public holiday in England and Wales? */
export function isBankHoliday(day: number): boolean {
  return calendar().holiday[slot(day)] === 1;
}

export function isWorkingDay(day: number): boolean {
  const wd = weekday(day);
  return wd !== 0 && wd !== 6 && !isBankHoliday(day);
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: number, to: number): number {
  if (to <= from) return 0;
  const { working } = calendar();
  return working[slot(to)]! - working[slot(from)]!;
}

/** The n-th working day after `day` (n ≥ 1; `day` itself never counts). */
export function addWorkingDays(day: number, n: number): number {
  if (n <= 0) return day;
  const { working } = calendar();
  const target = working[slot(day)]! + n;
  // The first day whose running count reaches the target is that working day.
  let lo = slot(day) + 1;
  let hi = working.length;
  if (hi === lo || working[hi - 1]! < target) throw new RangeError(`${n} working days after ${formatDay(day)} is outside the working-day calendar (${FIRST_YEAR}-${LAST_YEAR})`);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (working[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return FIRST_DAY + lo;
}

/** The next working day after `day`. */
export function nextWorkingDay(day: number): number {
  return addWorkingDays(day, 1);
}

/** Bank and public holidays on weekdays after `from` up to and including `to`, in date order. */
export function bankHolidaysBetween(from: number, to: number): number[] {
  if (to <= from) return [];
  slot(from);
  slot(to);
  const { holidays } = calendar();
  const out: number[] = [];
  // The first holiday after `from`, found by halving; the span then walks only its holidays.
  let lo = 0;
  let hi = holidays.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (holidays[mid]! <= from) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < holidays.length && holidays[i]! <= to; i++) {
    const wd = weekday(holidays[i]!);
    if (wd !== 0 && wd !== 6) out.push(holidays[i]!);
  }
  return out;
}
