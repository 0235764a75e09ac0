/**
 * The one place the tool reads the clock. Everything else takes the audit date (`--as-of`) as an
 * argument, so a run is reproducible.
 */
import { fromInstant } from './london.js';

/** Today's date in London, as a day number. */
export function todayInLondon(): number {
  return fromInstant(Date.now()).day;
}

/** Milliseconds on a monotonic clock, for pacing terminal progress only; never in a report. */
export function monotonicMs(): number {
  return performance.now();
}
