/**
 * Who a person record is: normalised names (brief section 2) and the likely-duplicate person test
 * (brief section 5), kept pure so `possible-duplicate-subject` and `check-wrong-identity` share
 * one reading of a name and a date of birth.
 */
import { compareText } from '../shared/compare.js';
import { daysInMonth } from '../time/london.js';

/**
 * Unicode NFKD, combining marks removed, upper-cased, everything outside A-Z removed.
 *
 * Letters that NFKD does not decompose into a base letter and a mark (ø, æ, œ, ł, đ, þ) are not
 * Latin A-Z afterwards and are dropped, as the brief's definition says: "Søren" is "SREN". ß is
 * kept as "SS" because upper-casing comes before the A-Z filter. A name in another script
 * normalises to the empty string, which callers treat as no name. Removing the marks is already
 * implied by the A-Z filter; it stays so the code reads as the brief's definition, step by step.
 */
export function normaliseName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
}

/**
 * The first character of the normalised first forename, or null when there is none.
 *
 * The first forename is the first whitespace-separated word, so "Mary-Jane Ann" is "MARYJANE"
 * (initial M) and a hyphenated name stays one forename. A first word that normalises to nothing
 * ("李 John", "- John") gives null rather than the next word's initial: the brief takes the
 * initial of the first forename, not of the first usable one. "Øystein" gives Y, as ø is dropped.
 */
export function forenameInitial(forenames: string | null): string | null {
  if (forenames === null) return null;
  const first = forenames.trim().split(/\s+/u)[0] ?? '';
  const normalised = normaliseName(first);
  return normalised === '' ? null : normalised.charAt(0);
}

/**
 * Index key for likely duplicates: records can only be duplicates when their keys are equal, so a
 * rule groups persons by it instead of comparing every pair. Null when the surname or the initial
 * is missing, since such a record is never a likely duplicate.
 */
export function duplicateKey(surname: string | null, forenames: string | null): string | null {
  if (surname === null) return null;
  const name = normaliseName(surname);
  const initial = forenameInitial(forenames);
  if (name === '' || initial === null) return null;
  // The separator is outside A-Z, so no surname/initial pair can collide with another.
  return `${name}/${initial}`;
}

/** A calendar date; month and day are 1-based. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const MS_PER_DAY = 86_400_000;

/** The calendar date of a London day number (days since 1970-01-01, as `dayNumber` makes them). */
export function calendarDate(day: number): CalendarDate {
  // A day number already is a London calendar day, so reading it as a UTC midnight gives its
  // date with no time-zone arithmetic.
  const date = new Date(day * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** The kinds of nearness, in the order of precedence the evidence uses. */
export const NEARNESS = ['same-date-of-birth', 'day-month-swapped', 'one-digit', 'year-apart'] as const;
export type Nearness = (typeof NEARNESS)[number];

function isCalendarDate(date: CalendarDate): boolean {
  if (!Number.isInteger(date.year) || !Number.isInteger(date.month) || !Number.isInteger(date.day)) return false;
  if (date.month < 1 || date.month > 12 || date.day < 1) return false;
  return date.day <= daysInMonth(date.year, date.month);
}

function yyyyMMdd(date: CalendarDate): string {
  return (
    String(date.year).padStart(4, '0') + String(date.month).padStart(2, '0') + String(date.day).padStart(2, '0')
  );
}

function differsInOneCharacter(a: string, b: string): boolean {
  // A year outside 0-9999 has no eight-character form, so it is never one digit from another.
  if (a.length !== 8 || b.length !== 8) return false;
  let differences = 0;
  for (let i = 0; i < 8; i++) if (a[i] !== b[i]) differences++;
  return differences === 1;
}

/**
 * How near another record's date of birth is to the subject's: the first kind that applies, in
 * `NEARNESS` order, or null when none does.
 *
 * A date that is not on the calendar (29 February 1989, month 13) is near nothing: otherwise
 * "29 February, a year apart" would match a date of birth nobody can have.
 */
export function dateNearness(subject: CalendarDate, other: CalendarDate): Nearness | null {
  if (!isCalendarDate(subject) || !isCalendarDate(other)) return null;
  if (subject.year === other.year && subject.month === other.month && subject.day === other.day) {
    return 'same-date-of-birth';
  }
  // With S's day equal to its month, a "swap" would be the same date, already answered above;
  // the brief excludes it so a swap always names two different dates.
  if (
    subject.year === other.year &&
    subject.day !== subject.month &&
    other.day === subject.month &&
    other.month === subject.day
  ) {
    return 'day-month-swapped';
  }
  if (differsInOneCharacter(yyyyMMdd(subject), yyyyMMdd(other))) return 'one-digit';
  if (subject.month === other.month && subject.day === other.day && Math.abs(subject.year - other.year) === 1) {
    return 'year-apart';
  }
  return null;
}

export interface LikelyDuplicate {
  readonly personId: string;
  readonly nearness: Nearness;
}

/**
 * The candidates that are likely duplicates of the subject's record, by person id.
 *
 * The caller passes the persons that share the subject's `duplicateKey`; the key is checked again
 * here so that a wider candidate list (every person, in a test or a plugin) gives the same answer.
 */
export function likelyDuplicates<
  P extends { person_id: string; surname: string; forenames: string | null; date_of_birth: number | null },
>(subject: P, candidates: readonly P[]): LikelyDuplicate[] {
  const key = duplicateKey(subject.surname, subject.forenames);
  if (key === null || subject.date_of_birth === null) return [];
  const born = calendarDate(subject.date_of_birth);
  const found: LikelyDuplicate[] = [];
  for (const candidate of candidates) {
    if (candidate.person_id === subject.person_id || candidate.date_of_birth === null) continue;
    if (duplicateKey(candidate.surname, candidate.forenames) !== key) continue;
    const nearness = dateNearness(born, calendarDate(candidate.date_of_birth));
    if (nearness !== null) found.push({ personId: candidate.person_id, nearness });
  }
  return found.sort((a, b) => compareText(a.personId, b.personId));
}
