/**
 * (v2) The persons table. Each subject has one person record whose surname, forenames and date
 * of birth are a function of the seed and the person number alone (a stream of their own per
 * person), so writing them moves no other table's draws. Surnames are distinct per person
 * (syllables spelling its number), so no two background records are likely duplicates. After
 * them, the planted second records of a subject (`Case.duplicate`): the same normalised surname,
 * a date of birth near the subject's, or near misses that are not likely duplicates.
 */
import { dayNumber } from '../time/london.js';
import { DUPLICATE_KINDS, type DuplicateKind } from './case.js';
import { pad, personId } from './ids.js';
import type { Layout } from './layout.js';
import { createRng } from './prng.js';
import type { ApplicationState } from './state.js';
import type { TableWriter } from './table-writer.js';

const SYLLABLES = ['ka', 'lo', 'mi', 're', 'tu', 'sa', 'ne', 'vo', 'di', 'ba', 'fe', 'go', 'hu', 'ja', 'pi', 'ro', 'ze', 'wy', 'ca', 'te'];
const FORENAMES = ['Alex', 'Sam', 'Jordan', 'Chris', 'Lee', 'Robin', 'Dana', 'Jamie', 'Morgan', 'Kit', 'Pat', 'Toni', 'Ellis', 'Rory', 'Nico', 'Ash'];
const DOB_FROM = dayNumber(1950, 1, 1);
const DOB_TO = dayNumber(2002, 12, 31);
const MS_PER_DAY = 86_400_000;

export interface PersonDetails {
  readonly surname: string;
  readonly forenames: string;
  readonly dateOfBirth: number;
}

/** Two letters per digit in base 20: a distinct surname per person number. */
export function surnameOf(person: number): string {
  let n = person;
  let name = '';
  do {
    name = SYLLABLES[n % SYLLABLES.length]! + name;
    n = Math.floor(n / SYLLABLES.length);
  } while (n > 0);
  return name.charAt(0).toUpperCase() + name.slice(1);
}

export function personDetails(seed: number, person: number): PersonDetails {
  const rng = createRng((seed ^ Math.imul(person, 0x9e3779b1)) >>> 0, 6);
  const first = rng.pick(FORENAMES);
  const second = rng.chance(0.4) ? ` ${rng.pick(FORENAMES)}` : '';
  return { surname: surnameOf(person), forenames: first + second, dateOfBirth: rng.between(DOB_FROM, DOB_TO) };
}

/** The first vowel with an accent (é, á …): the same normalised surname. */
export function accented(surname: string): string {
  const accents: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ú' };
  const k = [...surname].findIndex((c) => c in accents);
  return k < 0 ? surname.toLowerCase() : surname.slice(0, k) + accents[surname[k]!]! + surname.slice(k + 1);
}

/** The id of the second person record planted for application i's subject. */
export const duplicateId = (i: number): string => `PD${pad(i + 1, 8)}`;

/** yyyyMMdd of a day number (a day number is a calendar day: read as UTC midnight). */
function digits(day: number): string {
  const d = new Date(day * MS_PER_DAY);
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}`;
}

/** The day number of a yyyyMMdd text, or null when it is not a calendar date. */
function fromDigits(text: string): number | null {
  const [y, m, d] = [Number(text.slice(0, 4)), Number(text.slice(4, 6)), Number(text.slice(6, 8))];
  if (m < 1 || m > 12 || d < 1) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? Date.UTC(y, m - 1, d) / MS_PER_DAY : null;
}

/**
 * The calendar dates whose yyyyMMdd differs from `born`'s in exactly `count` of its last six
 * characters (the year's last two digits, the month, the day), in a fixed order.
 */
function datesDiffering(born: number, count: 1 | 2): number[] {
  const text = digits(born);
  const out: number[] = [];
  const positions = [2, 3, 4, 5, 6, 7];
  const replace = (s: string, p: number, c: string): string => s.slice(0, p) + c + s.slice(p + 1);
  for (const p of positions) {
    for (let a = 0; a <= 9; a++) {
      if (String(a) === text[p]) continue;
      const once = replace(text, p, String(a));
      if (count === 1) {
        const day = fromDigits(once);
        if (day !== null) out.push(day);
        continue;
      }
      for (const q of positions.filter((x) => x > p)) {
        for (let b = 0; b <= 9; b++) {
          if (String(b) === text[q]) continue;
          const day = fromDigits(replace(once, q, String(b)));
          if (day !== null) out.push(day);
        }
      }
    }
  }
  return out;
}

/** Day and month swapped (a different date), or null when the swap is no date. */
function swapped(born: number): number | null {
  const t = digits(born);
  const [month, day] = [t.slice(4, 6), t.slice(6, 8)];
  return month === day ? null : fromDigits(t.slice(0, 4) + day + month);
}

/** The same day and month a year later (null for a 29 February). */
function yearLater(born: number): number | null {
  const t = digits(born);
  return fromDigits(pad(Number(t.slice(0, 4)) + 1, 4) + t.slice(4));
}

/**
 * A date two digits off `born` that no reading of a likely duplicate takes: not a swap of day and
 * month, not the same day and month a year apart (BRIEF section 5, written out here again).
 */
function twoDigitsOff(born: number, pick: number): number {
  const t = digits(born);
  const candidates = datesDiffering(born, 2).filter((day) => {
    const o = digits(day);
    const swap = o.slice(0, 4) === t.slice(0, 4) && o.slice(6, 8) === t.slice(4, 6) && o.slice(4, 6) === t.slice(6, 8);
    const yearApart = o.slice(4) === t.slice(4) && Math.abs(Number(o.slice(0, 4)) - Number(t.slice(0, 4))) === 1;
    return !swap && !yearApart;
  });
  return candidates[pick % candidates.length]!;
}

/** The date of birth of a planted second record of this kind (a kind with no such date here takes one digit off). */
function duplicateBirth(born: number, kind: DuplicateKind, pick: number): number {
  const oneDigit = (): number => {
    const candidates = datesDiffering(born, 1);
    return candidates[pick % candidates.length]!;
  };
  switch (kind) {
    case 'same-date-of-birth':
    case 'other-initial':
      return born;
    case 'day-month-swapped':
      return swapped(born) ?? oneDigit();
    case 'one-digit':
      return oneDigit();
    case 'year-apart':
      return yearLater(born) ?? oneDigit();
    case 'two-digits':
      return twoDigitsOff(born, pick);
  }
}

/** Forenames with the initial of the subject's first forename (or, for `other-initial`, another one). */
function duplicateForenames(forenames: string, kind: DuplicateKind, pick: number): string {
  const first = forenames.split(' ')[0]!;
  if (kind === 'other-initial') {
    const others = FORENAMES.filter((f) => f[0] !== first[0]);
    return others[pick % others.length]!;
  }
  const same = FORENAMES.filter((f) => f[0] === first[0] && f !== first);
  return same.length > 0 ? same[pick % same.length]! : `${first[0]!}.`;
}

/**
 * The second record of a subject, as a records system might hold it: the surname in capitals or
 * with an accent (the same normalised surname), other forenames, a near date of birth.
 */
export function duplicateDetails(subject: PersonDetails, kind: DuplicateKind, pick: number): PersonDetails {
  return {
    surname: pick % 2 === 0 ? subject.surname.toUpperCase() : accented(subject.surname),
    forenames: duplicateForenames(subject.forenames, kind, pick),
    dateOfBirth: duplicateBirth(subject.dateOfBirth, kind, pick),
  };
}

/** One record per subject, in the order the subjects first appear; then the planted second records. */
export async function writePersons(writer: TableWriter, layout: Layout, state: ApplicationState, seed: number): Promise<void> {
  const done = new Uint8Array(state.personCapacity);
  const row = (id: string, p: PersonDetails): void => writer.line([id, p.surname, p.forenames, layout.date(p.dateOfBirth), '']);
  for (let i = 0; i < state.count; i++) {
    const subject = state.subject[i]!;
    if (done[subject]) continue;
    done[subject] = 1;
    row(personId(subject), personDetails(seed, subject));
    if (writer.full) await writer.flush();
  }
  for (let i = 0; i < state.count; i++) {
    if (state.duplicateKind[i] === 0) continue;
    const kind = DUPLICATE_KINDS[state.duplicateKind[i]! - 1]!;
    row(duplicateId(i), duplicateDetails(personDetails(seed, state.subject[i]!), kind, i));
    if (writer.full) await writer.flush();
  }
  await writer.close();
}
