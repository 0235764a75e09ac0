/**
 * London calendar dates and instants.
 *
 * Every date in the tool is a `DateValue`: the London calendar day it falls on (as a day number,
 * days since 1970-01-01, so day arithmetic is integer subtraction) and, when the source gave a
 * time, the instant (epoch milliseconds). A local time without an offset is Europe/London wall
 * time; the conversion goes through @date-fns/tz so the March and October clock changes are right.
 */
import { tzOffset } from '@date-fns/tz';

export const LONDON = 'Europe/London';
const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;

export interface DateValue {
  /** London calendar date, as days since 1970-01-01. */
  readonly day: number;
  /** The instant in epoch milliseconds when the source gave a time, else null (a date only). */
  readonly instant: number | null;
}

/** Day number of a calendar date; month is 1-based. */
export function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

// Reports write the same few thousand days hundreds of thousands of times (1M applications:
// ~4 s in Date#toISOString); the text of a day is computed once.
const dayTexts = new Map<number, string>();

/** `YYYY-MM-DD` of a day number. */
export function formatDay(day: number): string {
  let text = dayTexts.get(day);
  if (text === undefined) {
    text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    if (dayTexts.size < 100_000) dayTexts.set(day, text);
  }
  return text;
}

/** Day of week of a day number: 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// Clock changes in London happen on whole UTC hours, so the offset is constant within a UTC hour.
const offsetCache = new Map<number, number>();

/** Europe/London offset from UTC, in minutes, at an instant. */
export function londonOffsetMinutes(instant: number): number {
  const hour = Math.floor(instant / MS_PER_HOUR);
  let offset = offsetCache.get(hour);
  if (offset === undefined) {
    offset = tzOffset(LONDON, new Date(hour * MS_PER_HOUR));
    offsetCache.set(hour, offset);
  }
  return offset;
}

/** A DateValue for an instant; its day is the London calendar day at that instant. */
export function fromInstant(instant: number): DateValue {
  const local = instant + londonOffsetMinutes(instant) * 60_000;
  return { day: Math.floor(local / MS_PER_DAY), instant };
}

/** A DateValue for a date without a time. */
export function fromDay(day: number): DateValue {
  return { day, instant: null };
}

/**
 * The instant of a London wall-clock time. An ambiguous time (the repeated hour in October) is
 * read as the earlier instant; a time in the skipped hour in March is moved forward by the gap,
 * as an ISO 8601 / Temporal "compatible" reading does.
 */
export function londonLocalToInstant(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second = 0,
  millisecond = 0,
): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  let best: number | null = null;
  for (const offset of [60, 0]) {
    const candidate = asUtc - offset * 60_000;
    if (londonOffsetMinutes(candidate) === offset && (best === null || candidate < best)) best = candidate;
  }
  if (best !== null) return best;
  // Skipped hour: keep the offset in force before the change.
  return asUtc - londonOffsetMinutes(asUtc - 12 * MS_PER_HOUR) * 60_000;
}

/** A London local time as `YYYY-MM-DDTHH:mm` with its offset, e.g. `2023-03-26T09:30+01:00`. */
export function formatInstantLondon(instant: number): string {
  const offset = londonOffsetMinutes(instant);
  const local = new Date(instant + offset * 60_000).toISOString().slice(0, 16);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}

/** The value as an analyst reads it: the London date, with the London time when one is known. */
export function formatDateValue(value: DateValue): string {
  return value.instant === null ? formatDay(value.day) : formatInstantLondon(value.instant);
}

/** Whole London calendar days from `a` to `b` (b − a). */
export function daysBetween(a: DateValue, b: DateValue): number {
  return b.day - a.day;
}

/** Elapsed real hours between two instants (clock changes counted). */
export function hoursBetween(fromInstant: number, toInstant: number): number {
  return (toInstant - fromInstant) / MS_PER_HOUR;
}
