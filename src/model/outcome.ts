/**
 * Readings of an application shared by rules and decisions (BRIEF section 4), so they are
 * written once.
 */
import { type DateValue, formatDateValue, formatDay } from '../time/london.js';
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

/** Where `judgedAt` took its date from. */
export const JUDGED_AT_FIELDS = ['decision_at', 'closed_at', 'as_of'] as const;
export type JudgedAtField = (typeof JUDGED_AT_FIELDS)[number];

/**
 * The day a decision is judged at (what was held or searched by then): the decision date, else the
 * closure date, else the audit date (an open case, or one decided with neither date recorded).
 */
export function judgedAt(app: Application, asOf: number): { day: number; text: string; field: JudgedAtField } {
  if (app.decision_at !== null) return { day: app.decision_at.day, text: formatDateValue(app.decision_at), field: 'decision_at' };
  if (app.closed_at !== null) return { day: app.closed_at.day, text: formatDateValue(app.closed_at), field: 'closed_at' };
  return { day: asOf, text: formatDay(asOf), field: 'as_of' };
}
