/**
 * The referral list, the DSI matters to assess and the suggested failure types a generated export
 * must give, worked out from what the generator planted (its own dates and the findings each
 * case must fire), by BRIEF section 6 (v2) read afresh: it shares no code with src/decide, so a
 * slip in either shows as a difference in the ground-truth test.
 */
import type { Severity } from '../engine/types.js';
import { compareText } from '../shared/compare.js';

const NONE = -1;

/** The findings of one application that matter here, as bits (non-info findings only). */
export const FAIL = {
  noOutcome: 1,
  disclosureNotMade: 2,
  deadlineMissed: 4,
  withheld: 8,
  /** A non-info finding of a rule of failure type administrative. */
  administrative: 16,
  priorReferral: 32,
  /** (v2) Decision-basis service failures of the source case. */
  checksMissing: 64,
  wrongIdentity: 128,
  duplicate: 256,
  withdrawnHistory: 512,
} as const;

/** Bits of the service failures that exist once the limit has passed (a) … */
const LIMIT_BOUND: readonly [number, string][] = [
  [FAIL.noOutcome, 'no-outcome'],
  [FAIL.disclosureNotMade, 'disclosure-not-made'],
  [FAIL.deadlineMissed, 'deadline-missed'],
];
/** … and those that exist once it was decided or closed on what was held (b). */
const DECISION_BASIS: readonly [number, string][] = [
  [FAIL.withheld, 'withheld-despite-history'],
  [FAIL.checksMissing, 'checks-missing'],
  [FAIL.wrongIdentity, 'check-wrong-identity'],
  [FAIL.duplicate, 'possible-duplicate-subject'],
  [FAIL.withdrawnHistory, 'withdrawn-with-history'],
];
const SERVICE =
  FAIL.noOutcome | FAIL.disclosureNotMade | FAIL.withheld | FAIL.checksMissing | FAIL.wrongIdentity | FAIL.duplicate | FAIL.withdrawnHistory;
const ANY_SERVICE_FAILURE = SERVICE | FAIL.deadlineMissed;

/** Per application (index i), as planted. */
export interface ApplicationFacts {
  readonly count: number;
  readonly ids: (i: number) => string;
  /** The first day on which the limit had passed without a timely outcome (NONE: never). */
  readonly limitFrom: Int32Array;
  /** The decision date, else the closure date (NONE: neither). */
  readonly decidedDay: Int32Array;
  readonly mask: Uint16Array;
  /** The handler of each application with a prior-referral finding. */
  readonly handlerOf: ReadonlyMap<number, string>;
}

export interface HarmFact {
  readonly app: number;
  readonly occurredDay: number;
  readonly severity: Severity;
}

export type TruthRoute = 'dsi-and-conduct' | 'dsi-assess' | 'conduct-gravity' | 'conduct-prior-referral';
export type TruthBasis = 'mandatory' | 'voluntary' | 'assess';
export type TruthSuggested = 'harm' | 'service' | 'administrative' | 'none';

export interface ApplicationReferralTruth {
  readonly id: string;
  readonly basis: TruthBasis;
  readonly routes: TruthRoute[];
  readonly grounds: string[];
  readonly suggested: TruthSuggested;
}

export interface StaffReferralTruth {
  readonly id: string;
  readonly applicationIds: string[];
}

export interface ReferralTruth {
  /** Entries of basis mandatory or voluntary, by application id. */
  readonly referrals: ApplicationReferralTruth[];
  /** Entries of basis assess (a DSI matter to record and assess), by application id. */
  readonly assess: ApplicationReferralTruth[];
  readonly staff: StaffReferralTruth[];
  /** Applications per suggested failure type. */
  readonly suggested: Record<TruthSuggested, number>;
}

const ROUTE_ORDER: readonly TruthRoute[] = ['dsi-and-conduct', 'dsi-assess', 'conduct-gravity', 'conduct-prior-referral'];

export function referralTruth(facts: ApplicationFacts, harms: readonly HarmFact[]): ReferralTruth {
  const routesOf = new Map<number, { routes: Set<TruthRoute>; grounds: Set<string> }>();
  const entryOf = (i: number): { routes: Set<TruthRoute>; grounds: Set<string> } => {
    let entry = routesOf.get(i);
    if (entry === undefined) routesOf.set(i, (entry = { routes: new Set(), grounds: new Set() }));
    return entry;
  };
  // The failures that existed on a day: the limit-bound ones once the limit had passed, the
  // decision-basis ones once the application was decided or closed.
  const failuresOn = (i: number, day: number): string[] => {
    const mask = facts.mask[i]!;
    const out: string[] = [];
    if (facts.limitFrom[i]! !== NONE && facts.limitFrom[i]! <= day) for (const [bit, rule] of LIMIT_BOUND) if (mask & bit) out.push(rule);
    if (facts.decidedDay[i]! !== NONE && facts.decidedDay[i]! <= day) for (const [bit, rule] of DECISION_BASIS) if (mask & bit) out.push(rule);
    return out;
  };
  for (const harm of harms) {
    const failures = failuresOn(harm.app, harm.occurredDay);
    // A high harm with no failure before it is no referral at all.
    if (harm.severity !== 'critical' && failures.length === 0) continue;
    const entry = entryOf(harm.app);
    entry.grounds.add('harm-after-request');
    if (failures.length === 0) {
      entry.routes.add('dsi-assess');
      continue;
    }
    entry.routes.add(harm.severity === 'critical' ? 'dsi-and-conduct' : 'conduct-gravity');
    for (const failure of failures) entry.grounds.add(failure);
  }
  const staff = new Map<string, string[]>();
  for (let i = 0; i < facts.count; i++) {
    const mask = facts.mask[i]!;
    if (!(mask & FAIL.priorReferral) || !(mask & ANY_SERVICE_FAILURE)) continue;
    const entry = entryOf(i);
    entry.routes.add('conduct-prior-referral');
    entry.grounds.add('handler-prior-referral');
    for (const [bit, rule] of [...LIMIT_BOUND, ...DECISION_BASIS]) if (mask & bit) entry.grounds.add(rule);
    const handler = facts.handlerOf.get(i);
    if (handler !== undefined) {
      const ids = staff.get(handler);
      if (ids === undefined) staff.set(handler, [facts.ids(i)]);
      else ids.push(facts.ids(i));
    }
  }

  const suggestedOf = (i: number): TruthSuggested => {
    const routes = routesOf.get(i)?.routes;
    if (routes?.has('dsi-and-conduct') || routes?.has('conduct-gravity')) return 'harm';
    const mask = facts.mask[i]!;
    if (mask & SERVICE) return 'service';
    if (mask & (FAIL.administrative | FAIL.deadlineMissed)) return 'administrative';
    return 'none';
  };
  const suggested: Record<TruthSuggested, number> = { harm: 0, service: 0, administrative: 0, none: 0 };
  for (let i = 0; i < facts.count; i++) suggested[suggestedOf(i)] += 1;

  const referrals: ApplicationReferralTruth[] = [];
  const assess: ApplicationReferralTruth[] = [];
  for (const [i, entry] of [...routesOf].sort(([a], [b]) => a - b)) {
    const routes = ROUTE_ORDER.filter((r) => entry.routes.has(r));
    const basis: TruthBasis = routes.includes('dsi-and-conduct') ? 'mandatory' : routes.some((r) => r !== 'dsi-assess') ? 'voluntary' : 'assess';
    const item = { id: facts.ids(i), basis, routes, grounds: [...entry.grounds].sort(compareText), suggested: suggestedOf(i) };
    (basis === 'assess' ? assess : referrals).push(item);
  }
  return {
    referrals,
    assess,
    staff: [...staff].sort(([a], [b]) => compareText(a, b)).map(([id, applicationIds]) => ({ id, applicationIds })),
    suggested,
  };
}
