/**
 * The one place the tool reads the clock. Everything else takes the audit date (`--as-of`) as an
 * argument, so a run is reproducible.
 */
import { fromInstant } from './london.js';

/** Today's date in London, as a day number. */
export function todayInLondon(): number {
  return fromInstant(Date.now()).day;
}
