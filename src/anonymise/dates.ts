/**
 * Dates as the anonymised copy writes them: ISO 8601, a date as `YYYY-MM-DD`, a time with its
 * London offset (so the repeated hour in October stays exact), optionally moved by whole days
 * of London wall-clock time (so weekdays and calendar days keep their meaning).
 */
import { type DateValue, formatDay, londonLocalToInstant, londonOffsetMinutes } from '../time/london.js';

const MS_PER_DAY = 86_400_000;

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** An instant as London local time with its offset, seconds and milliseconds only when present. */
export function formatInstant(instant: number): string {
  const offset = londonOffsetMinutes(instant);
  const local = new Date(instant + offset * 60_000).toISOString();
  const precision = instant % 60_000 === 0 ? 16 : instant % 1000 === 0 ? 19 : 23;
  return `${local.slice(0, precision)}${offsetText(offset)}`;
}

/**
 * The value moved `days` earlier (0: unchanged) and written. A time keeps its London wall-clock
 * reading on the new day; in the skipped hour of March it moves forward as any London time does.
 */
export function writeDate(value: DateValue | null, days: number): string {
  if (value === null) return '';
  if (value.instant === null) return formatDay(value.day - days);
  if (days === 0) return formatInstant(value.instant);
  const offset = londonOffsetMinutes(value.instant);
  const local = new Date(value.instant + offset * 60_000 - days * MS_PER_DAY);
  return formatInstant(
    londonLocalToInstant(
      local.getUTCFullYear(),
      local.getUTCMonth() + 1,
      local.getUTCDate(),
      local.getUTCHours(),
      local.getUTCMinutes(),
      local.getUTCSeconds(),
      local.getUTCMilliseconds(),
    ),
  );
}
