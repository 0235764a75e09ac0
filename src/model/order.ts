/**
 * The one order for joined rows shown in evidence: earliest London day first, then id, so the
 * first row is the earliest and ties never depend on the export's row order.
 */
import type { DateValue } from '../time/london.js';
import { compareText } from '../shared/compare.js';

export function byDayThenId<T>(date: (row: T) => DateValue, id: (row: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const days = date(a).day - date(b).day;
    if (days !== 0) return days;
    return compareText(id(a), id(b));
  };
}
