import { describe, expect, it } from 'vitest';
import {
  NEARNESS,
  calendarDate,
  dateNearness,
  duplicateKey,
  forenameInitial,
  likelyDuplicates,
  normaliseName,
  type CalendarDate,
  type Nearness,
} from '../../src/model/identity.js';
import { dayNumber } from '../../src/time/london.js';

function date(text: string): CalendarDate {
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

function born(text: string): number {
  const { year, month, day } = date(text);
  return dayNumber(year, month, day);
}

describe('normaliseName', () => {
  it.each([
    ["O'Brien-Smith", 'OBRIENSMITH'],
    ['OBRIEN SMITH', 'OBRIENSMITH'],
    ['o’brien', 'OBRIEN'],
    ['  Smith\t', 'SMITH'],
    ['mcdonald', 'MCDONALD'],
    ['José', 'JOSE'],
    ['Jose\u0301', 'JOSE'],
    ['Zoë', 'ZOE'],
    ['Ñúñez', 'NUNEZ'],
    ['İlhan', 'ILHAN'],
    ['Dvořák', 'DVORAK'],
    // ø, ł and æ have no NFKD decomposition, so they are not A-Z and are dropped.
    ['Søren', 'SREN'],
    ['Łukasz', 'UKASZ'],
    ['Æthelred', 'THELRED'],
    // ß survives as SS: upper-casing comes before the A-Z filter.
    ['Straße', 'STRASSE'],
    ['ＳＭＩＴＨ', 'SMITH'],
    ['ｓｍｉｔｈ', 'SMITH'],
    ['ﬁnn', 'FINN'],
    ['Smith 2nd', 'SMITHND'],
    ['李', ''],
    ['', ''],
  ])('%j is %j', (text, expected) => {
    expect(normaliseName(text)).toBe(expected);
  });

  it.each([
    ["O'Brien-Smith", 'OBRIEN SMITH', true],
    ['Müller', 'MULLER', true],
    ['Müller', 'Mueller', false],
    ['Søren', 'Soren', false],
    ['ＯＢＲＩＥＮ', "o'brien", true],
    ['Smith', 'Smyth', false],
  ])('%j and %j equal: %s', (a, b, equal) => {
    expect(normaliseName(a) === normaliseName(b)).toBe(equal);
  });
});

describe('forenameInitial', () => {
  it.each([
    [null, null],
    ['', null],
    ['   ', null],
    ['john', 'J'],
    ['  Mary-Jane Ann', 'M'],
    ['Anne\tMarie', 'A'],
    ['Éamon', 'E'],
    ["'Jack'", 'J'],
    ['Ｊｏｈｎ', 'J'],
    // ø is dropped (see normaliseName), so the initial comes from the next letter.
    ['Øystein', 'Y'],
    // The first forename normalises to nothing: no initial, not the second forename's.
    ['李 John', null],
    ['- John', null],
  ])('%j gives %j', (forenames, expected) => {
    expect(forenameInitial(forenames)).toBe(expected);
  });
});

describe('duplicateKey', () => {
  it('is equal for names that normalise alike and share an initial', () => {
    expect(duplicateKey("O'Brien", 'Sean')).toBe(duplicateKey('OBRIEN', 'S. Patrick'));
    expect(duplicateKey("O'Brien", 'Sean')).not.toBe(duplicateKey("O'Brien", 'Liam'));
    expect(duplicateKey('Smith', 'John')).not.toBe(duplicateKey('Smit', 'John'));
  });

  it.each([
    ['Smith', null],
    ['Smith', ''],
    ['Smith', '李'],
    ['', 'John'],
    ["'-", 'John'],
    ['李', 'John'],
  ])('is null for surname %j and forenames %j', (surname, forenames) => {
    expect(duplicateKey(surname, forenames)).toBeNull();
  });
});

describe('calendarDate', () => {
  it.each(['1900-01-01', '1969-12-31', '1970-01-01', '1988-02-29', '2000-02-29', '2024-12-31'])(
    '%s round-trips through its day number',
    (text) => {
      expect(calendarDate(born(text))).toEqual(date(text));
    },
  );
});

describe('dateNearness', () => {
  it('lists the kinds in order of precedence', () => {
    expect(NEARNESS).toEqual(['same-date-of-birth', 'day-month-swapped', 'one-digit', 'year-apart']);
  });

  it.each<[string, string, Nearness | null]>([
    ['1985-03-12', '1985-03-12', 'same-date-of-birth'],
    // Day and month swapped: 12 March and 3 December, in both directions.
    ['1985-03-12', '1985-12-03', 'day-month-swapped'],
    ['1985-12-03', '1985-03-12', 'day-month-swapped'],
    ['1990-01-02', '1990-02-01', 'day-month-swapped'],
    ['1985-03-12', '1986-12-03', null],
    // 12 March and 21 March: the day's digits reversed, not day and month swapped, and two digits.
    ['1985-03-12', '1985-03-21', null],
    // Day equal to month: the swapped date is the same date, which is the first kind.
    ['1985-05-05', '1985-05-05', 'same-date-of-birth'],
    ['1985-05-05', '1985-05-06', 'one-digit'],
    // One digit, in the day, the month and the year.
    ['1985-03-12', '1985-03-13', 'one-digit'],
    ['1985-03-12', '1985-03-19', 'one-digit'],
    ['1985-03-12', '1985-02-12', 'one-digit'],
    ['1985-03-12', '1975-03-12', 'one-digit'],
    ['1985-03-12', '1986-03-13', null],
    ['1985-03-12', '1985-04-13', null],
    // A year apart, in both directions, where the years differ in more than one digit.
    ['1989-05-20', '1990-05-20', 'year-apart'],
    ['1990-05-20', '1989-05-20', 'year-apart'],
    ['1999-12-31', '2000-12-31', 'year-apart'],
    ['2000-01-01', '1999-01-01', 'year-apart'],
    ['1989-05-20', '1990-05-21', null],
    // Two years apart is near only when the years differ in one digit.
    ['1989-05-20', '1991-05-20', null],
    ['1999-05-20', '2001-05-20', null],
    ['1980-05-20', '1982-05-20', 'one-digit'],
    // A pair that is both one digit and a year apart gives the first kind: one digit.
    ['1985-03-12', '1986-03-12', 'one-digit'],
    ['1986-03-12', '1985-03-12', 'one-digit'],
    // 29 February: near the 28th and another leap year's 29th by one digit, never a year apart.
    ['1988-02-29', '1988-02-28', 'one-digit'],
    ['1988-02-29', '1984-02-29', 'one-digit'],
    ['1988-02-29', '1988-01-29', 'one-digit'],
    ['1988-02-29', '1989-02-28', null],
    ['1988-02-29', '1989-03-01', null],
    ['1988-02-29', '1987-03-01', null],
  ])('%s and %s: %s', (subject, other, expected) => {
    expect(dateNearness(date(subject), date(other))).toBe(expected);
  });

  it.each<[CalendarDate, CalendarDate]>([
    // Would be a year apart, but 29 February 1989 is not a date.
    [{ year: 1988, month: 2, day: 29 }, { year: 1989, month: 2, day: 29 }],
    [{ year: 1989, month: 2, day: 29 }, { year: 1988, month: 2, day: 29 }],
    // Would be a swap, but there is no month 13.
    [{ year: 1985, month: 3, day: 13 }, { year: 1985, month: 13, day: 3 }],
    // Would be one digit, but there is no 32 March.
    [{ year: 1985, month: 3, day: 12 }, { year: 1985, month: 3, day: 32 }],
    [{ year: 1985, month: 3, day: 12 }, { year: 1985, month: 3, day: 0 }],
  ])('a date not on the calendar is near nothing: %j and %j', (subject, other) => {
    expect(dateNearness(subject, other)).toBeNull();
  });
});

describe('likelyDuplicates', () => {
  interface Person {
    person_id: string;
    surname: string;
    forenames: string | null;
    date_of_birth: number | null;
  }

  function person(person_id: string, surname: string, forenames: string | null, dob: string | null): Person {
    return { person_id, surname, forenames, date_of_birth: dob === null ? null : born(dob) };
  }

  const subject = person('p1', "O'Brien", 'Sean', '1985-03-12');

  it('finds each near record with the first kind that applies, ordered by person id', () => {
    const candidates = [
      subject,
      person('p3', 'OBRIEN', 'S', '1985-12-03'),
      person('p2', 'O Brien', 'sean patrick', '1985-03-12'),
      person('p4', 'obrien', 'Siobhan', '1986-03-12'),
      person('p10', 'O’Brien', 'Séan', '1984-03-12'),
      person('p11', 'OBRIEN', 'Sean', '1986-03-12'),
      person('P12', 'OBRIEN', 'Sean', '1985-03-12'),
    ];
    expect(likelyDuplicates(subject, candidates)).toEqual([
      { personId: 'P12', nearness: 'same-date-of-birth' },
      { personId: 'p10', nearness: 'one-digit' },
      { personId: 'p11', nearness: 'one-digit' },
      { personId: 'p2', nearness: 'same-date-of-birth' },
      { personId: 'p3', nearness: 'day-month-swapped' },
      { personId: 'p4', nearness: 'one-digit' },
    ]);
  });

  it.each([
    ['the same person id, other details differing', person('p1', "O'Brien", 'Sean', '1985-03-13')],
    ['a different initial (near miss)', person('p5', "O'Brien", 'Liam', '1985-03-12')],
    ['a different surname', person('p6', "O'Briens", 'Sean', '1985-03-12')],
    ['no forenames', person('p7', "O'Brien", null, '1985-03-12')],
    ['forenames with no initial', person('p8', "O'Brien", '李', '1985-03-12')],
    ['no date of birth', person('p9', "O'Brien", 'Sean', null)],
    ['a date of birth two digits off', person('p10', "O'Brien", 'Sean', '1985-03-21')],
    ['a date of birth two years off', person('p11', "O'Brien", 'Sean', '1987-05-12')],
  ])('is not found for %s', (_label, candidate) => {
    expect(likelyDuplicates(subject, [candidate])).toEqual([]);
  });

  it.each([
    ['no date of birth', person('p1', "O'Brien", 'Sean', null)],
    ['no forenames', person('p1', "O'Brien", null, '1985-03-12')],
    ['no surname', person('p1', '', 'Sean', '1985-03-12')],
  ])('finds nothing for a subject with %s, even against a record missing the same', (_label, bare) => {
    const twin = { ...bare, person_id: 'p2' };
    const full = person('p3', "O'Brien", 'Sean', '1985-03-12');
    expect(likelyDuplicates(bare, [twin, full])).toEqual([]);
  });

  it('reads 29 February against the day numbers a loader gives', () => {
    const leap = person('p1', 'Smith', 'Ann', '1988-02-29');
    // dayNumber(1989, 2, 29) is 1 March 1989: the year-apart date that does not exist.
    const noLeap = { ...person('p2', 'Smith', 'Ann', null), date_of_birth: dayNumber(1989, 2, 29) };
    expect(likelyDuplicates(leap, [noLeap, person('p3', 'Smith', 'Ann', '1988-02-28')])).toEqual([
      { personId: 'p3', nearness: 'one-digit' },
    ]);
  });
});
