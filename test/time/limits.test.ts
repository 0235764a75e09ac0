import { describe, expect, it } from 'vitest';
import { describeLimit, limitFor } from '../../src/time/limits.js';
import { day } from '../support/dataset.js';

describe('the overall limit schedule', () => {
  it.each([
    ['2014-03-07', 35, /^35 days \(received before 2023-04-05: /],
    ['2023-04-04', 35, /^35 days \(received before 2023-04-05: /],
    ['2023-04-05', 28, /^28 days \(received on or after 2023-04-05: /],
    ['2025-01-31', 28, /^28 days \(received on or after 2023-04-05: /],
  ])('received %s: %i days', (received, days, text) => {
    const limit = limitFor(day(received));
    expect(limit.days).toBe(days);
    expect(describeLimit(limit)).toMatch(text);
  });

  it('names a middle entry by both ends, and a single entry as applying to every application', () => {
    const schedule = [
      { from: '1900-01-01', days: 35, source: '' },
      { from: '2020-01-01', days: 30, source: 'force policy' },
      { from: '2023-04-05', days: 28, source: '' },
    ];
    expect(describeLimit(limitFor(day('2021-06-01'), schedule))).toBe(
      '30 days (received on or after 2020-01-01 and before 2023-04-05: force policy)',
    );
    expect(describeLimit(limitFor(day('2021-06-01'), [{ from: '1900-01-01', days: 14, source: 'force policy' }]))).toBe(
      '14 days (every application: force policy)',
    );
  });
});
