import { describe, expect, it } from 'vitest';
import { dayNumber, formatDay, formatInstantLondon, fromInstant, londonLocalToInstant, weekday } from '../../src/time/london.js';
import { addWorkingDays, isWorkingDay } from '../../src/time/working-days.js';

describe('London dates', () => {
  it.each([
    // [local y,m,d,h,mi] -> expected UTC ISO
    [[2023, 3, 26, 0, 30], '2023-03-26T00:30:00.000Z'], // GMT before the March change
    [[2023, 3, 26, 1, 30], '2023-03-26T01:30:00.000Z'], // skipped hour: moved forward to 02:30 BST
    [[2023, 3, 26, 2, 30], '2023-03-26T01:30:00.000Z'], // first hour of BST
    [[2023, 3, 26, 9, 30], '2023-03-26T08:30:00.000Z'], // BST
    [[2023, 10, 29, 1, 30], '2023-10-29T00:30:00.000Z'], // repeated hour: the earlier instant
    [[2023, 10, 29, 9, 0], '2023-10-29T09:00:00.000Z'], // GMT again
  ] as const)('local %j is %s', (local, utc) => {
    const [y, m, d, h, mi] = local;
    expect(new Date(londonLocalToInstant(y, m, d, h, mi)).toISOString()).toBe(utc);
  });

  it('puts 23:30Z in summer on the next London day', () => {
    const v = fromInstant(Date.parse('2023-07-01T23:30:00Z'));
    expect(formatDay(v.day)).toBe('2023-07-02');
    expect(formatInstantLondon(v.instant!)).toBe('2023-07-02T00:30+01:00');
  });

  it('keeps 23:30Z in winter on the same day', () => {
    expect(formatDay(fromInstant(Date.parse('2023-01-01T23:30:00Z')).day)).toBe('2023-01-01');
  });

  it('knows weekdays', () => {
    expect(weekday(dayNumber(2023, 4, 5))).toBe(3); // Wednesday
  });
});

describe('working days', () => {
  it.each([
    ['2023-04-07', false], // Good Friday
    ['2023-04-10', false], // Easter Monday
    ['2023-05-08', false], // Coronation bank holiday
    ['2023-03-19', false], // Mother's Day is a Sunday observance, not a holiday
    ['2023-03-20', true],
    ['2023-04-11', true],
  ])('%s working: %s', (iso, expected) => {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    expect(isWorkingDay(dayNumber(y, m, d))).toBe(expected);
  });

  it('counts 10 working days across Easter 2023', () => {
    // Received Mon 3 Apr 2023: 4,5,6,11,12,13,14,17,18,19 April (7 and 10 are holidays).
    expect(formatDay(addWorkingDays(dayNumber(2023, 4, 3), 10))).toBe('2023-04-19');
  });
});
