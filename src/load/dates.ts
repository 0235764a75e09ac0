/**
 * Reading date cells: ISO 8601 first (src/time/parse.ts), then the config's date-fns patterns in
 * order. A pattern's fields are parsed in UTC so the machine's timezone never matters, then read
 * as the export meant them: with a time, a Europe/London wall time; date only, a London calendar
 * date; with an offset (X, x) or a timestamp (t, T), an absolute instant.
 *
 * Exports repeat the same dates on many rows, so results are cached per distinct text.
 */
import { tz } from '@date-fns/tz';
import { parse } from 'date-fns/parse';
import { type DateValue, dayNumber, fromDay, fromInstant, londonLocalToInstant } from '../time/london.js';
import { MAX_YEAR, MIN_YEAR, parseIsoDateValue } from '../time/parse.js';
import { detached } from './detach.js';

interface Pattern {
  readonly text: string;
  readonly hasTime: boolean;
  readonly absolute: boolean;
}

function analyse(pattern: string): Pattern {
  const letters = pattern.replace(/'(?:[^']|'')*'?/g, '').replace(/[^A-Za-z]/g, '');
  return {
    text: pattern,
    hasTime: /[HhKkmsSaBbp]/.test(letters),
    absolute: /[XxtT]/.test(letters),
  };
}

// A reference date in 2000 puts two-digit years (yy) in 1951-2050, so `23` is 2023.
const REFERENCE = new Date(Date.UTC(2000, 0, 1));
const UTC = tz('UTC');
const CACHE_LIMIT = 200_000;

export class DateReader {
  private readonly patterns: readonly Pattern[];
  private cache = new Map<string, DateValue | null>();
  /** What the reader accepts, for a rejected row's reason. */
  readonly expected: string;

  constructor(formats: readonly string[]) {
    this.patterns = formats.map(analyse);
    this.expected = formats.length === 0 ? 'ISO 8601, e.g. 2023-04-05 or 2023-04-05T14:30' : `ISO 8601 or ${formats.join(' or ')}`;
  }

  /** The date a trimmed, non-empty cell holds, or null when it is not one. */
  read(text: string): DateValue | null {
    const cached = this.cache.get(text);
    if (cached !== undefined) return cached;
    const value = this.readUncached(text);
    // A bounded cache: a file with very many distinct datetimes must not hold them all twice.
    if (this.cache.size >= CACHE_LIMIT) this.cache = new Map();
    this.cache.set(detached(text), value);
    return value;
  }

  /** The year of a text that reads as a date but for a year outside MIN_YEAR-MAX_YEAR, else null. */
  yearOutOfRange(text: string): number | null {
    const iso = /^(\d{4})-\d{2}-\d{2}(?:[T ]|$)/.exec(text);
    if (iso !== null) {
      const year = Number(iso[1]);
      return year < MIN_YEAR || year > MAX_YEAR ? year : null;
    }
    for (const pattern of this.patterns) {
      if (pattern.absolute) continue;
      const parsed = parse(text, pattern.text, REFERENCE, { in: UTC });
      if (Number.isNaN(parsed.getTime())) continue;
      const year = parsed.getUTCFullYear();
      if (year < MIN_YEAR || year > MAX_YEAR) return year;
    }
    return null;
  }

  private readUncached(text: string): DateValue | null {
    const iso = parseIsoDateValue(text);
    if (iso !== null) return iso;
    for (const pattern of this.patterns) {
      const parsed = parse(text, pattern.text, REFERENCE, { in: UTC });
      const ms = parsed.getTime();
      if (Number.isNaN(ms)) continue;
      if (pattern.absolute) return fromInstant(ms);
      const year = parsed.getUTCFullYear();
      // `yyyy` also takes 1-3 digits; a year such as 0023 is a typing slip, not a date.
      if (year < MIN_YEAR || year > MAX_YEAR) continue;
      const month = parsed.getUTCMonth() + 1;
      const day = parsed.getUTCDate();
      if (!pattern.hasTime) return fromDay(dayNumber(year, month, day));
      return fromInstant(
        londonLocalToInstant(year, month, day, parsed.getUTCHours(), parsed.getUTCMinutes(), parsed.getUTCSeconds(), parsed.getUTCMilliseconds()),
      );
    }
    return null;
  }
}
