/**
 * Calendar helpers the generator needs to place cases on the dates that test the rules: London
 * clock changes, England and Wales bank holidays, real hours between two wall-clock times.
 */
import { dayNumber, londonLocalToInstant, weekday } from '../time/london.js';
import { isBankHoliday } from '../time/working-days.js';

const MS_PER_DAY = 86_400_000;

export function yearOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** Instant of a London wall-clock time given as a day number and minutes after midnight. */
export function wallInstant(day: number, minute: number): number {
  const date = new Date(day * MS_PER_DAY);
  return londonLocalToInstant(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), Math.floor(minute / 60), minute % 60);
}

const changeDays = new Map<number, readonly [number, number]>();

/** Is one of London's two clock-change Sundays within [from, to]? */
export function clockChangeBetween(from: number, to: number): boolean {
  for (let year = yearOf(from); year <= yearOf(to); year++) {
    let days = changeDays.get(year);
    if (!days) {
      days = [lastSunday(year, 3), lastSunday(year, 10)];
      changeDays.set(year, days);
    }
    if (days.some((d) => d >= from && d <= to)) return true;
  }
  return false;
}

/** Real hours between two London wall-clock times (clock changes counted). */
export function realHours(day1: number, minute1: number, day2: number, minute2: number): number {
  // Without a clock change between them, real time is wall time (and a time-zone lookup is costly).
  if (!clockChangeBetween(day1, day2)) return ((day2 - day1) * 1440 + minute2 - minute1) / 60;
  return (wallInstant(day2, minute2) - wallInstant(day1, minute1)) / 3_600_000;
}

/** Last Sunday of a month: the day London's clocks change (March forward, October back). */
function lastSunday(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  let day = dayNumber(year, month + 1, 0);
  while (weekday(day) !== 0) day -= 1;
  return day;
}

/**
 * The latest Saturday before a clock change that is on or before `day` and not before `floor`,
 * or null. `month` 3: clocks go forward that night; 10: back.
 */
export function clockChangeEveOnOrBefore(day: number, floor: number, month: 3 | 10): number | null {
  for (let year = yearOf(day); year >= yearOf(floor); year--) {
    const eve = lastSunday(year, month) - 1;
    if (eve <= day && eve >= floor) return eve;
  }
  return null;
}

/** The latest England and Wales bank holiday on or before `day` and not before `floor`, or null. */
export function bankHolidayOnOrBefore(day: number, floor: number): number | null {
  for (let d = day; d >= floor; d--) if (isBankHoliday(d)) return d;
  return null;
}
