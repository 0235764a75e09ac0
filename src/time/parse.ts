/**
 * ISO 8601 dates and datetimes as the export contract allows them: `2023-04-05`,
 * `2023-04-05T14:30`, seconds, fractions and an offset optional (a space may stand for `T`).
 * Without an offset a time is Europe/London wall time.
 */
import { type DateValue, dayNumber, daysInMonth, fromDay, fromInstant, londonLocalToInstant } from './london.js';

/**
 * The years a date may have: older or later is a typing slip (0023, 9999), and a day outside them
 * would be counted against a working-day calendar that does not reach it (a row dated 9999-12-31
 * cost 1.2 s). The same range applies to ISO dates and to a config's dateFormats.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** Parses an ISO date or datetime; null when the text is not one, names an impossible date or a year outside MIN_YEAR-MAX_YEAR. */
export function parseIsoDateValue(text: string): DateValue | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (m[4] === undefined) return fromDay(dayNumber(year, month, day));
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  if (hour > 23 || minute > 59 || second > 59) return null;
  const zone = m[8];
  if (zone === undefined) return fromInstant(londonLocalToInstant(year, month, day, hour, minute, second, millis));
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 18 || om > 59) return null;
    offsetMinutes = sign * (oh * 60 + om);
  }
  return fromInstant(Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000);
}

/** A report's own date (YYYY-MM-DD, e.g. a finding's firstSeen) as a London day number, or null. */
export function parseIsoDay(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  return parseIsoDateValue(text)?.day ?? null;
}
