import { describe, expect, it } from 'vitest';
import { DateReader } from '../../src/load/dates.js';
import { formatDay, formatInstantLondon } from '../../src/time/london.js';

/** A DateValue as text: the London date, and the instant in UTC when there is one. */
function show(reader: DateReader, text: string): string | null {
  const v = reader.read(text);
  if (v === null) return null;
  return v.instant === null ? formatDay(v.day) : `${formatDay(v.day)} ${new Date(v.instant).toISOString()}`;
}

describe('DateReader', () => {
  const uk = new DateReader(['dd/MM/yyyy HH:mm', 'dd/MM/yyyy', 'dd/MM/yy', "yyyy-MM-dd'T'HH:mmXXX", 'dd/MM/yyyy HH:mm XXX']);

  it.each([
    // ISO first
    ['2023-04-05', '2023-04-05'],
    ['2023-04-05T14:30', '2023-04-05 2023-04-05T13:30:00.000Z'], // BST
    ['2023-01-05 14:30:15', '2023-01-05 2023-01-05T14:30:15.000Z'], // GMT
    // An offset time whose London date differs from its UTC date
    ['2023-07-01T23:30Z', '2023-07-02 2023-07-01T23:30:00.000Z'],
    ['2023-07-01T23:30:00+00:00', '2023-07-02 2023-07-01T23:30:00.000Z'],
    ['2023-01-01T23:30Z', '2023-01-01 2023-01-01T23:30:00.000Z'],
    // Across the 2023 clock changes (26 March, 29 October), London wall time
    ['2023-03-25T12:00', '2023-03-25 2023-03-25T12:00:00.000Z'],
    ['2023-03-26T00:30', '2023-03-26 2023-03-26T00:30:00.000Z'],
    ['2023-03-26T02:30', '2023-03-26 2023-03-26T01:30:00.000Z'],
    ['2023-03-26T12:00', '2023-03-26 2023-03-26T11:00:00.000Z'],
    ['2023-10-28T12:00', '2023-10-28 2023-10-28T11:00:00.000Z'],
    ['2023-10-29T01:30', '2023-10-29 2023-10-29T00:30:00.000Z'], // repeated hour: the earlier
    ['2023-10-29T12:00', '2023-10-29 2023-10-29T12:00:00.000Z'],
    // Patterns, in London time across the changes
    ['25/03/2023 23:30', '2023-03-25 2023-03-25T23:30:00.000Z'],
    ['26/03/2023 09:30', '2023-03-26 2023-03-26T08:30:00.000Z'],
    ['28/10/2023 23:30', '2023-10-28 2023-10-28T22:30:00.000Z'],
    ['29/10/2023 09:30', '2023-10-29 2023-10-29T09:30:00.000Z'],
    ['05/04/2023', '2023-04-05'],
    ['5/4/2023', '2023-04-05'],
    ['05/04/23', '2023-04-05'],
    ['29/02/2024', '2024-02-29'],
    // Patterns with an offset: absolute instants
    ['2023-07-01T23:30+00:00', '2023-07-02 2023-07-01T23:30:00.000Z'],
    ['01/07/2023 23:30 +00:00', '2023-07-02 2023-07-01T23:30:00.000Z'],
    ['01/07/2023 23:30 -02:00', '2023-07-02 2023-07-02T01:30:00.000Z'],
  ])('%s -> %s', (text, expected) => {
    expect(show(uk, text)).toBe(expected);
  });

  it.each([
    '31/02/2023', // impossible date
    '29/02/2023', // not a leap year
    '2023-02-31',
    '2023-13-01',
    '2023-04-05T24:00',
    '05/04/2023 25:00',
    '05/04/0023', // a slip, not year 23
    '1/2/3/4',
    'yesterday',
    '05-04-2023',
    '2023-04-05T14:30 extra',
  ])('%s is not a date', (text) => {
    expect(uk.read(text)).toBeNull();
  });

  // Issue 15 item 4: an ISO date took any year, and a row dated 9999-12-31 cost 1.2 s of working days.
  it.each([
    ['9999-12-31', 9999],
    ['9999-12-31T00:00', 9999],
    ['1899-12-31', 1899],
    ['2200-01-01', 2200],
    ['0001-01-01', 1],
    ['31/12/9999', 9999],
    ['05/04/0023', 23],
  ])('%s is not a date: its year %i is outside 1900-2199', (text, year) => {
    expect(uk.read(text)).toBeNull();
    expect(uk.yearOutOfRange(text)).toBe(year);
  });

  it.each(['1900-01-01', '2199-12-31T23:59', '01/01/1900', '31/12/2199'])('%s, at an end of the range, is a date', (text) => {
    expect(uk.read(text)).not.toBeNull();
    expect(uk.yearOutOfRange(text)).toBeNull();
  });

  it('reads only ISO 8601 without patterns, and says so', () => {
    const iso = new DateReader([]);
    expect(iso.read('05/04/2023')).toBeNull();
    expect(iso.expected).toBe('ISO 8601, e.g. 2023-04-05 or 2023-04-05T14:30');
    expect(new DateReader(['dd/MM/yyyy']).expected).toBe('ISO 8601 or dd/MM/yyyy');
  });

  it('tries patterns in order', () => {
    const us = new DateReader(['MM/dd/yyyy', 'dd/MM/yyyy']);
    expect(show(us, '04/05/2023')).toBe('2023-04-05');
    expect(show(us, '25/04/2023')).toBe('2023-04-25');
  });

  it('returns the same value for a repeated text (cached)', () => {
    const r = new DateReader(['dd/MM/yyyy HH:mm']);
    const a = r.read('26/03/2023 09:30');
    expect(r.read('26/03/2023 09:30')).toBe(a);
    expect(formatInstantLondon(a!.instant!)).toBe('2023-03-26T09:30+01:00');
  });

  it('does not depend on the machine timezone', () => {
    // The parse runs in UTC; London wall time comes from src/time/london.ts alone.
    const r = new DateReader(['dd/MM/yyyy HH:mm']);
    expect(new Date(r.read('01/07/2023 00:30')!.instant!).toISOString()).toBe('2023-06-30T23:30:00.000Z');
  });
});
