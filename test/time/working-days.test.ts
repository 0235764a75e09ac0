import { describe, expect, it } from 'vitest';
import { formatDay } from '../../src/time/london.js';
import { addWorkingDays, bankHolidaysBetween, isBankHoliday, isWorkingDay, workingDaysBetween } from '../../src/time/working-days.js';
import { day } from '../support/dataset.js';

describe('England and Wales working days', () => {
  it.each([
    ['2023-04-07', false], // Good Friday
    ['2023-04-10', false], // Easter Monday
    ['2023-05-08', false], // Coronation bank holiday
    ['2023-03-20', true], // the Monday after Mother's Day (an observance, not a holiday)
    ['2023-04-11', true],
    ['2023-04-08', false], // Saturday
  ] as const)('%s working day: %s', (date, working) => {
    expect(isWorkingDay(day(date))).toBe(working);
  });

  it("does not treat Mother's Day as a holiday", () => {
    expect(isBankHoliday(day('2023-03-19'))).toBe(false);
  });

  it.each([
    ['2023-04-03', 10, '2023-04-19'],
    ['2023-04-28', 10, '2023-05-16'],
    ['2023-12-22', 1, '2023-12-27'],
  ] as const)('%s + %i working days = %s', (from, n, to) => {
    expect(formatDay(addWorkingDays(day(from), n))).toBe(to);
  });

  it('counts working days and lists weekday holidays between two dates', () => {
    expect(workingDaysBetween(day('2023-04-03'), day('2023-04-19'))).toBe(10);
    expect(workingDaysBetween(day('2023-04-03'), day('2023-04-03'))).toBe(0);
    expect(workingDaysBetween(day('2023-04-03'), day('2023-04-01'))).toBe(0);
    expect(bankHolidaysBetween(day('2023-04-28'), day('2023-05-17')).map(formatDay)).toEqual(['2023-05-01', '2023-05-08']);
    // 1 January 2023 was a Sunday: only its substitute Monday is listed.
    expect(bankHolidaysBetween(day('2022-12-31'), day('2023-01-03')).map(formatDay)).toEqual(['2023-01-02']);
  });
});
