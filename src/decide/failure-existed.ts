/**
 * Whether a service failure already existed on a given day (BRIEF section 6, failure to
 * protect): by that day either the limit had passed without a timely outcome, or a decision not
 * to disclose despite a domestic abuse history had been made.
 */
import { decisionOrClosure, outcomeDate } from '../model/outcome.js';
import type { Application } from '../model/records.js';
import { formatDay } from '../time/london.js';
import type { EffectiveLimit } from './limit.js';

export interface FailureOnDay {
  /** The limit had passed by that day with no outcome within it (not excused, not withdrawn). */
  readonly limitPassed: boolean;
  /** A withheld-despite-history decision had been made on or before that day. */
  readonly withheldDecision: boolean;
  /** One phrase per kind of failure that existed, for the referral's reason. */
  readonly phrases: readonly string[];
}

export function failureExistedOn(
  app: Application,
  day: number,
  limit: EffectiveLimit,
  hasWithheldFinding: boolean,
): FailureOnDay {
  const outcome = outcomeDate(app);
  const timely = outcome !== null && outcome.day <= limit.lastDay;
  const limitPassed =
    day > limit.lastDay && !timely && !app.exceptional_circumstances && app.decision !== 'withdrawn';
  const decided = decisionOrClosure(app);
  const withheldDecision = hasWithheldFinding && decided !== null && decided.day <= day;
  const phrases: string[] = [];
  if (limitPassed) {
    phrases.push(`the ${limit.days}-day limit had passed on ${formatDay(limit.lastDay)} without an outcome within it`);
  }
  if (withheldDecision && decided !== null) {
    phrases.push(`a decision not to disclose despite a domestic abuse history had been made on ${formatDay(decided.day)}`);
  }
  return { limitPassed, withheldDecision, phrases };
}
