/**
 * Readings of an application shared by rules and decisions (BRIEF section 4), so they are
 * written once.
 */
import type { DateValue } from '../time/london.js';
import type { Application, HistoryRecord } from './records.js';

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

/**
 * The application's end date (BRIEF section 5, v2), a London day: the outcome date; for
 * `withdrawn`, `decision_at`; else `closed_at`; else the audit date. Defined here once.
 */
export function endDay(app: Application, asOf: number): number {
  const outcome = outcomeDate(app);
  if (outcome !== null) return outcome.day;
  if (app.decision === 'withdrawn' && app.decision_at !== null) return app.decision_at.day;
  return app.closed_at?.day ?? asOf;
}

/**
 * A counting history record (BRIEF section 5, v2): a domestic abuse record in which the subject
 * was the offender or suspect (an empty role counts); a record where they were the victim does not.
 */
export function isCountingRecord(h: HistoryRecord): boolean {
  return h.domestic_abuse && (h.subject_role === null || h.subject_role === 'offender' || h.subject_role === 'suspect');
}
