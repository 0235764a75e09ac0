/**
 * What the generator plants: one plan per application (most are clean background), each failing
 * a known set of rules, at a known rate. The rates are per application; a plan too rare to
 * appear at a small size is planted at least `min` times.
 */
export const RULE_IDS = [
  'no-outcome',
  'disclosure-not-made',
  'deadline-missed',
  'withheld-despite-history',
  'harm-after-request',
  'handler-prior-referral',
  'handler-outlier',
  'initial-checks-late',
  'face-to-face-late',
  'disclosure-not-in-person',
  'date-order',
  'future-date',
  'unknown-handler',
  'checks-missing',
  'check-wrong-identity',
  'possible-duplicate-subject',
  'decision-record-missing',
  'decision-record-altered',
  'withdrawn-with-history',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export const PLANS = [
  'no-outcome',
  'disclosure-not-made',
  'deadline-missed',
  'withheld-despite-history',
  'harm-after-request',
  'handler-prior-referral',
  'initial-checks-late',
  'face-to-face-late',
  'disclosure-not-in-person',
  'date-order',
  'future-date',
  'unknown-handler',
  // Combinations that make IOPC referrals of each basis.
  'harm+no-outcome',
  'harm+withheld',
  'prior-referral+deadline-missed',
  // Service failures given to the one outlier handler.
  'outlier-failure',
  // Clean cases on the edges the rules must get right (they must NOT fire).
  'edge:spring-clock-change',
  'edge:exactly-24h',
  'edge:face-to-face-over-bank-holiday',
  'edge:before-28-day-switch',
] as const;

/**
 * (v2) Cases of the version-2 readings, each its own plan. They are scheduled and built from a
 * random stream of their own, and only in a slot a background case would have taken, so adding
 * them leaves the draws of the plans above and of the background as they were.
 */
export const V2_PLANS = [
  // Over the limit with a "no" token in exceptional_circumstances: not recorded, fires at medium/high.
  'v2:late-exceptional-no',
  // Over the limit with a genuine justification (some begin with "No …"): recorded, fires at info.
  'v2:late-exceptional-justified',
  // A child of the person at risk (household) harmed by the subject after receipt.
  'v2:harm-to-child',
  // A domestic-abuse record in which the subject was the victim: does not count (must NOT fire).
  'v2:history-subject-victim',
  // The handler was referred while holding the case (after receipt, before its end date).
  'v2:referral-during-handling',
  // A death or serious injury after a request handled in time, with no failure before it: a DSI
  // matter to record and assess (route dsi-assess), not a referral.
  'v2:dsi-assess',
  // A death or serious injury after the limit had passed without an outcome: a DSI matter and a
  // conduct matter, a mandatory referral (route dsi-and-conduct).
  'v2:dsi-and-conduct',
  // A decided case with no decision-maker record.
  'v2:decision-record-missing',
  // A decision-maker record changed after the case was closed (some the day after).
  'v2:decision-record-altered',
  // A required system (PNC, PND, local) not searched about the subject by the decision (some the day after).
  'v2:checks-missing',
  // The PNC check on a wrong date of birth, no trace (a third: a surname-case near miss that must NOT fire).
  'v2:check-wrong-identity',
  // No disclosure while a second person record of the subject (same surname and initial, a near
  // date of birth) held a domestic-abuse record; a third are near misses (two digits off, another initial).
  'v2:possible-duplicate-subject',
  // A Right to Ask withdrawn while the subject's domestic-abuse record was held; every third a near
  // miss, the record made the day after the withdrawal.
  'v2:withdrawn-with-history',
  // The case the review began with (2018): a PNC check on a wrong date of birth came back no trace,
  // PND was never searched, a duplicate record held the subject's conviction, the case was closed
  // the next day, its decision record changed months later, and the person at risk was seriously
  // assaulted a month after: a mandatory DSI and conduct referral. One per export.
  'v2:source-case',
] as const;
export type V2Plan = (typeof V2_PLANS)[number];
export type Plan = (typeof PLANS)[number] | V2Plan;

export interface PlanRate {
  readonly rate: number;
  readonly min: number;
}

/** Per-application rates. `outlier-failure` is set from the number of handlers. */
export const PLAN_RATES: Readonly<Record<Exclude<(typeof PLANS)[number], 'outlier-failure'>, PlanRate>> = {
  'no-outcome': { rate: 0.012, min: 2 },
  'disclosure-not-made': { rate: 0.008, min: 2 },
  'deadline-missed': { rate: 0.045, min: 6 },
  'withheld-despite-history': { rate: 0.015, min: 2 },
  'harm-after-request': { rate: 0.012, min: 4 },
  'handler-prior-referral': { rate: 0.008, min: 2 },
  'initial-checks-late': { rate: 0.025, min: 5 },
  'face-to-face-late': { rate: 0.02, min: 4 },
  'disclosure-not-in-person': { rate: 0.02, min: 2 },
  'date-order': { rate: 0.01, min: 4 },
  'future-date': { rate: 0.005, min: 2 },
  'unknown-handler': { rate: 0.005, min: 2 },
  'harm+no-outcome': { rate: 0.002, min: 1 },
  'harm+withheld': { rate: 0.002, min: 1 },
  'prior-referral+deadline-missed': { rate: 0.002, min: 1 },
  'edge:spring-clock-change': { rate: 0.003, min: 1 },
  'edge:exactly-24h': { rate: 0.003, min: 1 },
  'edge:face-to-face-over-bank-holiday': { rate: 0.005, min: 2 },
  'edge:before-28-day-switch': { rate: 0.003, min: 1 },
};

export const V2_PLAN_RATES: Readonly<Record<V2Plan, PlanRate>> = {
  'v2:late-exceptional-no': { rate: 0.003, min: 1 },
  'v2:late-exceptional-justified': { rate: 0.003, min: 1 },
  'v2:harm-to-child': { rate: 0.004, min: 2 },
  'v2:history-subject-victim': { rate: 0.003, min: 1 },
  'v2:referral-during-handling': { rate: 0.003, min: 1 },
  'v2:dsi-assess': { rate: 0.002, min: 1 },
  'v2:dsi-and-conduct': { rate: 0.002, min: 1 },
  'v2:decision-record-missing': { rate: 0.004, min: 2 },
  'v2:decision-record-altered': { rate: 0.004, min: 2 },
  'v2:checks-missing': { rate: 0.004, min: 2 },
  'v2:check-wrong-identity': { rate: 0.004, min: 3 },
  'v2:possible-duplicate-subject': { rate: 0.004, min: 4 },
  'v2:withdrawn-with-history': { rate: 0.004, min: 3 },
  'v2:source-case': { rate: 0, min: 1 },
};

/** Share of the outlier handler's cases that are planted failures (the rest are clean). */
export const OUTLIER_FAILURE_SHARE = 0.35;
