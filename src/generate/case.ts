/**
 * One generated application as the generator plans it: the fields of the applications table
 * (BRIEF section 2) as London day numbers and minutes, and what it plants (the findings it must
 * fire, the harm and history it needs, the kind of handler it gets).
 */
import type { Severity } from '../engine/types.js';
import type { Decision, DisclosureMethod, Harm, HistoryCategory, Route } from '../model/records.js';
import { dayNumber } from '../time/london.js';
import type { Plan, RuleId } from './plans.js';

/** No such date (or minute, or index). */
export const NONE = -1;
/** No decision withholds on what was held (see `judgedDay`). */
export const NOT_JUDGED = -0x7fffffff;

/** Essex's go-live under the national roll-out, March 2014: the first applications. */
export const SCHEME_START = dayNumber(2014, 3, 7);

export type CheckPlantKind = 'missing' | 'missing-late' | 'wrong-dob' | 'surname-variant' | 'source-case';
export const CHECK_PLANT_KINDS: readonly CheckPlantKind[] = ['missing', 'missing-late', 'wrong-dob', 'surname-variant', 'source-case'];

/**
 * (v2) How a planted second person record of the subject differs from the subject's own: a date
 * of birth the same, with day and month swapped, one digit off or a year apart (likely
 * duplicates), or (near misses that must NOT fire) two digits off, or a forename of another initial.
 */
export type DuplicateKind = 'same-date-of-birth' | 'day-month-swapped' | 'one-digit' | 'year-apart' | 'two-digits' | 'other-initial';
export const DUPLICATE_KINDS: readonly DuplicateKind[] = ['same-date-of-birth', 'day-month-swapped', 'one-digit', 'year-apart', 'two-digits', 'other-initial'];
/** The kinds that are not likely duplicates. */
export const NEAR_MISS_DUPLICATES: readonly DuplicateKind[] = ['two-digits', 'other-initial'];

export type HandlerKind = 'rotation' | 'prior-referral' | 'unknown' | 'outlier' | 'referred-during';

export interface Case {
  plan: Plan | null;
  variant: string;
  route: Route;
  receivedDay: number;
  /** Minute of the London day; NONE: a date without a time. */
  receivedMinute: number;
  initialChecksDay: number;
  initialChecksMinute: number;
  immediateRisk: '' | 'yes' | 'no';
  faceToFaceDay: number;
  decision: '' | Decision;
  decisionDay: number;
  disclosureDay: number;
  disclosureMethod: '' | DisclosureMethod;
  exceptionalCircumstances: string;
  closedDay: number;
  notes: string;
  /** (v2) When the decision-maker record was written and last changed (NONE: none). */
  decisionRecordDay: number;
  decisionRecordModifiedDay: number;
  /**
   * (v2) What is planted in its checks (checks.ts): a required system missing (`late`: its check
   * made the day after the decision), a PNC check on a wrong date of birth returning no trace, or
   * (a near miss) a check on the surname in other case or accents; or the source case's (the PNC
   * check on a wrong date of birth, no trace, and PND never searched). `system`: index in CHECK_SYSTEMS_WRITTEN.
   */
  checkPlant: { kind: CheckPlantKind; system: number } | null;
  /** (v2) The day its checks were made; NONE: its received date (or the decision or closure date, if earlier). */
  checksDay: number;
  /**
   * (v2) A second person record of the subject, holding a domestic-abuse record (as offender)
   * made on `recordedDay`.
   */
  duplicate: { kind: DuplicateKind; recordedDay: number; category: HistoryCategory } | null;
  /** The rules this case must fire, with the severity each must give. */
  expected: Map<RuleId, Severity>;
  harm: { occurredDay: number; harm: Harm } | null;
  /** (v2) An incident against a child of the person at risk; `withParent`: the parent is a victim of it too. */
  childHarm: { occurredDay: number; harm: Harm; withParent: boolean } | null;
  history: { recordedDay: number; category: HistoryCategory; subjectRole: '' | 'victim' } | null;
  handlerKind: HandlerKind;
}

/** Whether the case fails the service (what handler-outlier counts). */
export function isServiceFailure(expected: ReadonlyMap<RuleId, Severity>): boolean {
  return (
    expected.has('no-outcome') ||
    expected.has('disclosure-not-made') ||
    expected.has('withheld-despite-history') ||
    expected.has('checks-missing') ||
    expected.has('check-wrong-identity') ||
    expected.has('possible-duplicate-subject') ||
    expected.has('withdrawn-with-history') ||
    (expected.has('deadline-missed') && expected.get('deadline-missed') !== 'info')
  );
}

/**
 * The day a counting history record must follow for the case not to fire
 * withheld-despite-history (an open case counts up to the audit date), or (v2), for a withdrawn
 * Right to Ask, withdrawn-with-history: its withdrawal date is read the same way (decision date,
 * else closure date, else the audit date), and background history held by then would fire it
 * unless a Right to Know followed, which this does not count on. NOT_JUDGED: the case withholds
 * nothing.
 */
export function judgedDay(app: Case, asOf: number): number {
  if (app.decision === 'disclose') return NOT_JUDGED;
  // A withdrawn Right to Know was the police's own initiative: no rule reads history against it.
  if (app.decision === 'withdrawn' && app.route !== 'right_to_ask') return NOT_JUDGED;
  return app.decisionDay !== NONE ? app.decisionDay : app.closedDay !== NONE ? app.closedDay : asOf;
}

/**
 * The case's end date (BRIEF section 5, v2): the outcome date; for a withdrawal its decision date;
 * else the closure date; else the audit date. Written out here again, from the plan's own numbers,
 * so the ground truth does not lean on the product's code.
 */
export function endDay(app: Case, asOf: number): number {
  const first = (...days: number[]): number => days.find((d) => d !== NONE) ?? asOf;
  switch (app.decision) {
    case 'disclose':
      return first(app.disclosureDay, app.closedDay);
    case 'no_disclosure':
    case 'not_proceeded':
    case 'withdrawn':
      return first(app.decisionDay, app.closedDay);
    default:
      return first(app.closedDay);
  }
}

/** The decision date, else the closure date (NONE: neither). */
export function decidedDay(app: Case): number {
  return app.decisionDay !== NONE ? app.decisionDay : app.closedDay;
}
