/**
 * Readings of an application shared by rules and decisions (BRIEF section 4), so they are
 * written once.
 */
import type { DateValue } from '../time/london.js';
import type { Application } from './records.js';

/**
 * The outcome date: `disclosure_at` for `disclose`; `decision_at`, else `closed_at`, for
 * `no_disclosure` and `not_proceeded`; none for `withdrawn` or no decision.
 */
export function outcomeDate(app: Application): DateValue | null {
  switch (app.decision) {
    case 'disclose':
      return app.disclosure_at;
    case 'no_disclosure':
    case 'not_proceeded':
      return app.decision_at ?? app.closed_at;
    default:
      return null;
  }
}

/** The date a decision not to disclose was made: decision date, else closure date. */
export function decisionOrClosure(app: Application): DateValue | null {
  return app.decision_at ?? app.closed_at;
}
