import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { humanDate } from '../../src/report/human-date.js';
import { formatInstantLondon } from '../../src/time/london.js';

describe('humanDate: London dates for the human formats', () => {
  it.each([
    ['a date', '2023-04-03', '03/04/2023'],
    ['a date in winter', '2024-12-25', '25/12/2024'],
    ['BST, with its offset', '2023-04-03T09:30+01:00', '03/04/2023 09:30'],
    ['BST, given in UTC', '2023-04-03T08:30Z', '03/04/2023 09:30'],
    ['GMT, given in UTC', '2023-01-15T09:30Z', '15/01/2023 09:30'],
    ['GMT, with its offset', '2023-01-15T09:30+00:00', '15/01/2023 09:30'],
    ['another offset', '2023-04-03T04:30-04:00', '03/04/2023 09:30'],
    ['an offset without a colon', '2023-04-03T04:30-0400', '03/04/2023 09:30'],
    ['seconds and milliseconds dropped', '2023-04-03T09:30:59.999+01:00', '03/04/2023 09:30'],
    ['a London wall time without an offset', '2023-04-03T09:30', '03/04/2023 09:30'],
    // 26 March 2023: clocks go forward at 01:00 GMT.
    ['spring change day, before the change', '2023-03-26T00:59Z', '26/03/2023 00:59'],
    ['spring change day, at the change', '2023-03-26T01:00Z', '26/03/2023 02:00'],
    ['spring change day, the written offset', '2023-03-26T03:15+01:00', '26/03/2023 03:15'],
    // 29 October 2023: clocks go back at 01:00 GMT, so 01:30 comes twice.
    ['autumn change day, first 01:30 (BST)', '2023-10-29T00:30Z', '29/10/2023 01:30'],
    ['autumn change day, second 01:30 (GMT)', '2023-10-29T01:30Z', '29/10/2023 01:30'],
    ['autumn change day, the BST offset', '2023-10-29T01:30+01:00', '29/10/2023 01:30'],
    ['autumn change day, the GMT offset', '2023-10-29T01:30+00:00', '29/10/2023 01:30'],
    ['the London day, not the UTC day, in summer', '2023-06-30T23:30Z', '01/07/2023 00:30'],
    ['the UTC day is the London day in winter', '2023-12-31T23:30Z', '31/12/2023 23:30'],
    ['not a date: an id', 'DV00000255', 'DV00000255'],
    ['not a date: a month', '2023-04', '2023-04'],
    ['not a date: text around one', 'on 2023-04-03', 'on 2023-04-03'],
    ['empty', '', ''],
  ])('%s: %j -> %j', (_name, iso, shown) => expect(humanDate(iso)).toBe(shown));

  it('shows the wall-clock date and time the report wrote for any instant, in whatever zone the machine is', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) }), (instant) => {
        const iso = formatInstantLondon(instant);
        const [, y, mo, d, hh, mm] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso)!;
        return humanDate(iso) === `${d}/${mo}/${y} ${hh}:${mm}`;
      }),
    );
  });
});
