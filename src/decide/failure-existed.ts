/**
 * Whether a service failure existed on a given day (BRIEF section 6, v2 "failure on a date"): on
 * or before that day either (a) the limit had passed without a timely outcome (no outcome within
 * it, no exceptional circumstances recorded, not withdrawn), or (b) the application had been
 * decided or closed and carries a finding of a rule marked `decisionBasis`: it was decided on what
 * the police held or should have found.
 */
import type { Finding } from '../engine/types.js';
import type { RuleKinds } from '../engine/service-failure.js';
import { decisionOrClosure, outcomeDate } from '../model/outcome.js';
import type { Application } from '../model/records.js';
import { formatDay } from '../time/london.js';
import type { EffectiveLimit } from './limit.js';

/** The service failures of one application, split by the way each comes to exist. */
export interface ApplicationFailures {
  readonly app: Application;
  readonly limit: EffectiveLimit;
  /** Every service failure of the application (findings not at info of serviceFailure rules). */
  readonly all: readonly Finding[];
  /** Those of decisionBasis rules: they exist from the decision (or closure) date. */
  readonly decisionBasis: readonly Finding[];
  /** The others (no outcome, no disclosure, a late outcome): they exist once the limit has passed. */
  readonly limitBound: readonly Finding[];
}

export function applicationFailures(app: Application, findings: readonly Finding[], limit: EffectiveLimit, kinds: RuleKinds): ApplicationFailures {
  const all: Finding[] = [];
  const decisionBasis: Finding[] = [];
  const limitBound: Finding[] = [];
  for (const f of findings) {
    if (!kinds.isServiceFailure(f)) continue;
    all.push(f);
    (kinds.isDecisionBasis(f) ? decisionBasis : limitBound).push(f);
  }
  // A decisionBasis rule that is not itself a service failure (a plugin may declare only that)
  // still puts the decision on the wrong basis.
  for (const f of findings) if (!kinds.isServiceFailure(f) && kinds.isDecisionBasis(f)) decisionBasis.push(f);
  return { app, limit, all, decisionBasis, limitBound };
}

export interface FailureOnDay {
  /** (a) The limit had passed by that day with no outcome within it. */
  readonly limitPassed: boolean;
  /** (b) The application had been decided or closed by that day on a wrong basis. */
  readonly decidedOnWrongBasis: boolean;
  /** The findings behind (a) and (b): the failures that ground a route on that day. */
  readonly grounds: readonly Finding[];
  /** One phrase per kind of failure that existed, for the referral's reason. */
  readonly phrases: readonly string[];
}

export function failureExistedOn(failures: ApplicationFailures, day: number): FailureOnDay {
  const { app, limit } = failures;
  const outcome = outcomeDate(app);
  const timely = outcome !== null && outcome.day <= limit.lastDay;
  const limitPassed = day > limit.lastDay && !timely && !app.exceptional_circumstances && app.decision !== 'withdrawn';
  const decided = decisionOrClosure(app);
  const decidedOnWrongBasis = failures.decisionBasis.length > 0 && decided !== null && decided.day <= day;
  const grounds: Finding[] = [];
  const phrases: string[] = [];
  if (limitPassed) {
    grounds.push(...failures.limitBound);
    phrases.push(`the ${limit.days}-day limit had passed on ${formatDay(limit.lastDay)} without an outcome within it`);
  }
  if (decidedOnWrongBasis && decided !== null) {
    grounds.push(...failures.decisionBasis);
    const rules = [...new Set(failures.decisionBasis.map((f) => f.ruleId))].sort();
    const done = app.decision === 'withdrawn' ? 'closed as withdrawn' : app.decision === null ? 'closed' : 'decided';
    phrases.push(`on ${formatDay(decided.day)} the application had been ${done} without acting on what the police held or should have found (${rules.join(', ')})`);
  }
  return { limitPassed, decidedOnWrongBasis, grounds, phrases };
}
