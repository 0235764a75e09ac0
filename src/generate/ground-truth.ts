/**
 * `ground-truth.json`: what the audit of a generated export must find, per rule, tallied from the
 * plans as they were placed and the incidents as they were written, and the decisions that
 * follow (referral-truth.ts).
 */
import type { Severity } from '../engine/types.js';
import type { TableName } from '../model/records.js';
import { binomialUpperTail } from '../stats/binomial.js';
import { type Case, decidedDay, NONE } from './case.js';
import type { HandlerStats } from './handlers.js';
import { applicationId } from './ids.js';
import type { LayoutName } from './layout.js';
import { type Plan, RULE_IDS, type RuleId } from './plans.js';
import { type ApplicationFacts, FAIL, type HarmFact, type ReferralTruth } from './referral-truth.js';
import { NO_EXCEPTIONAL_CIRCUMSTANCES } from './texts.js';
import { limitDaysFor, THRESHOLDS } from './thresholds.js';
import { compareText } from '../shared/compare.js';

export interface RuleTruth {
  /** Applications the rule must report (sorted); empty for handler-outlier. */
  readonly applicationIds: string[];
  /** Staff the rule must report (handler-outlier only). */
  readonly staffIds?: string[];
  /** Findings the rule must give (harm-after-request: one per application and incident). */
  readonly findings: number;
  readonly bySeverity: Partial<Record<Severity, number>>;
  /**
   * harm-after-request: each (application, incident) pair; (v2) a child's carries its victim id
   * and `victimRelation: 'child'` (a child may share the parent's incident id).
   */
  readonly pairs?: HarmPair[];
  /** handler-outlier: the numbers behind each staff finding. */
  readonly handlers?: OutlierTruth[];
}

export interface OutlierTruth {
  staffId: string;
  cases: number;
  failures: number;
  p0: number;
  tail: number;
}

export interface HarmPair {
  applicationId: string;
  incidentId: string;
  severity: Severity;
  victimId?: string;
  victimRelation?: 'child';
}

export interface GroundTruth {
  readonly generator: string;
  readonly seed: number;
  readonly asOf: string;
  readonly layout: LayoutName;
  readonly counts: {
    readonly rows: Record<TableName, number>;
    readonly handlers: number;
    readonly serviceFailures: number;
    readonly casesWithHandler: number;
    readonly plans: Partial<Record<Plan, number>>;
  };
  /** The applications each plan was planted on (sorted), so a test can find a case of each. */
  readonly planted: Partial<Record<Plan, string[]>>;
  readonly rules: Record<RuleId, RuleTruth>;
  /**
   * (v2) The referral list (mandatory and voluntary), the DSI matters to assess, the staff
   * referrals and the suggested failure types the audit must give (referral-truth.ts).
   */
  readonly decisions: ReferralTruth;
}

/** The bit of each rule's non-info finding in the referral facts (rules of failure type administrative share one). */
const FAIL_BIT: Partial<Record<RuleId, number>> = {
  'no-outcome': FAIL.noOutcome,
  'disclosure-not-made': FAIL.disclosureNotMade,
  'deadline-missed': FAIL.deadlineMissed,
  'withheld-despite-history': FAIL.withheld,
  'initial-checks-late': FAIL.administrative,
  'face-to-face-late': FAIL.administrative,
  'disclosure-not-in-person': FAIL.administrative,
  'handler-prior-referral': FAIL.priorReferral,
  'checks-missing': FAIL.checksMissing,
  'check-wrong-identity': FAIL.wrongIdentity,
  'possible-duplicate-subject': FAIL.duplicate,
  'withdrawn-with-history': FAIL.withdrawnHistory,
  'decision-record-missing': FAIL.administrative,
  'decision-record-altered': FAIL.administrative,
};

interface PlantedFacts extends ApplicationFacts {
  readonly handlerOf: Map<number, string>;
}

const compare = compareText;

/** The findings each application must give, counted as the applications are made. */
export class TruthTally {
  serviceFailures = 0;
  /** What the referral truth needs of each application (see referral-truth.ts). */
  readonly facts: PlantedFacts;
  private readonly ids = new Map<RuleId, string[]>(RULE_IDS.map((rule) => [rule, []]));
  private readonly severities = new Map<RuleId, Partial<Record<Severity, number>>>(RULE_IDS.map((rule) => [rule, {}]));
  private readonly planted: Partial<Record<Plan, string[]>> = {};

  constructor(count: number) {
    this.facts = {
      count,
      ids: applicationId,
      limitFrom: new Int32Array(count).fill(NONE),
      decidedDay: new Int32Array(count).fill(NONE),
      mask: new Uint16Array(count),
      handlerOf: new Map(),
    };
  }

  record(i: number, app: Case, handler: string, failing: boolean): void {
    const id = applicationId(i);
    if (app.plan !== null) (this.planted[app.plan] ??= []).push(id);
    for (const [rule, severity] of app.expected) {
      this.ids.get(rule)!.push(id);
      const bySeverity = this.severities.get(rule)!;
      bySeverity[severity] = (bySeverity[severity] ?? 0) + 1;
    }
    if (failing) this.serviceFailures += 1;
    this.recordReferralFacts(i, app, handler);
  }

  private recordReferralFacts(i: number, app: Case, handler: string): void {
    const facts = this.facts;
    let mask = 0;
    for (const [rule, severity] of app.expected) if (severity !== 'info') mask |= FAIL_BIT[rule] ?? 0;
    facts.mask[i] = mask;
    facts.decidedDay[i] = decidedDay(app);
    // (a) no outcome within the limit, no exceptional circumstances recorded, not withdrawn.
    const outcome =
      app.decision === 'disclose' ? app.disclosureDay : app.decision === 'no_disclosure' || app.decision === 'not_proceeded' ? decidedDay(app) : NONE;
    const lastDay = app.receivedDay + limitDaysFor(app.receivedDay);
    const recorded = app.exceptionalCircumstances.trim() !== '' && !NO_EXCEPTIONAL_CIRCUMSTANCES.includes(app.exceptionalCircumstances);
    if ((outcome === NONE || outcome > lastDay) && !recorded && app.decision !== 'withdrawn') facts.limitFrom[i] = lastDay + 1;
    if (mask & FAIL.priorReferral && handler !== '') facts.handlerOf.set(i, handler);
  }

  /** The applications each plan was planted on, by plan. */
  plantedIds(): Partial<Record<Plan, string[]>> {
    return sortKeys(this.planted);
  }

  /** How many applications each plan was planted on. */
  planCounts(): Partial<Record<Plan, number>> {
    return sortKeys(Object.fromEntries(Object.entries(this.planted).map(([plan, ids]) => [plan, ids.length])));
  }

  /** Per rule; harm-after-request from the incidents as written, handler-outlier from the handlers' cases. */
  rules(harmPairs: readonly HarmPair[], outliers: OutlierTruth[]): Record<RuleId, RuleTruth> {
    const rules = {} as Record<RuleId, RuleTruth>;
    for (const rule of RULE_IDS) {
      if (rule === 'harm-after-request') rules[rule] = harmTruth(harmPairs);
      else if (rule === 'handler-outlier') {
        rules[rule] = {
          applicationIds: [],
          staffIds: outliers.map((o) => o.staffId),
          findings: outliers.length,
          bySeverity: outliers.length > 0 ? { high: outliers.length } : {},
          handlers: outliers,
        };
      } else {
        const ids = this.ids.get(rule)!;
        rules[rule] = { applicationIds: ids, findings: ids.length, bySeverity: this.severities.get(rule)! };
      }
    }
    return rules;
  }
}

function harmTruth(harmPairs: readonly HarmPair[]): RuleTruth {
  const bySeverity: Partial<Record<Severity, number>> = {};
  for (const pair of harmPairs) bySeverity[pair.severity] = (bySeverity[pair.severity] ?? 0) + 1;
  const ids = [...new Set(harmPairs.map((p) => p.applicationId))].sort();
  const pairs = [...harmPairs].sort(
    (x, y) => compare(x.applicationId, y.applicationId) || compare(x.incidentId, y.incidentId) || compare(x.victimId ?? '', y.victimId ?? ''),
  );
  return { applicationIds: ids, findings: harmPairs.length, bySeverity, pairs };
}

/** handler-outlier, computed from the cases as generated, with the rule's default thresholds. */
export function handlerOutliers(stats: ReadonlyMap<string, HandlerStats>, casesWithHandler: number): OutlierTruth[] {
  const p0 = casesWithHandler === 0 ? 0 : [...stats.values()].reduce((sum, handler) => sum + handler.failures, 0) / casesWithHandler;
  const outliers: OutlierTruth[] = [];
  if (p0 === 0) return outliers;
  for (const [staffId, { cases, failures }] of [...stats.entries()].sort(([a], [b]) => compare(a, b))) {
    if (cases < THRESHOLDS.outlierMinCases) continue;
    const tail = binomialUpperTail(failures, cases, p0);
    if (tail < THRESHOLDS.outlierAlpha) outliers.push({ staffId, cases, failures, p0, tail });
  }
  return outliers;
}

/** Pairs found while writing the incidents: for the rule's truth and for the referral truth. */
export class HarmPairs {
  readonly pairs: HarmPair[] = [];
  readonly facts: HarmFact[] = [];

  add(app: number, occurredDay: number, pair: HarmPair): void {
    this.pairs.push(pair);
    this.facts.push({ app, occurredDay, severity: pair.severity });
  }
}

function sortKeys<T>(record: Partial<Record<string, T>>): Partial<Record<string, T>> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compare(a, b)));
}
