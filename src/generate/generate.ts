/**
 * A synthetic DVDS export, shaped like a force's (volumes growing over time, a third disclosed,
 * most in time, a few dozen handlers, incidents, history, staff and conduct referrals), with
 * failures of every rule planted at known rates and written down in `ground-truth.json`.
 *
 * Background cases are built clean of every rule, and each plan changes only what makes its
 * rules fire, so the audit's findings per rule equal the planted set exactly. (v2) The v2 plans
 * (plans.ts V2_PLANS) run on a random stream of their own and take only background slots, and
 * the later passes draw as the background case would have, so adding them leaves the rest of an
 * export as it was: only their own rows differ, and their extra rows come last. Applications are
 * written as they are made (a stream with backpressure); the few integers per application that
 * the incidents and history need are kept in typed arrays.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Severity } from '../engine/types.js';
import type { Harm, HistoryCategory, TableName } from '../model/records.js';
import { HISTORY_CATEGORIES } from '../model/records.js';
import { binomialUpperTail } from '../stats/binomial.js';
import { formatDay } from '../time/london.js';
import { type Case, endDay, isServiceFailure, judgedDay, NONE, NOT_JUDGED, SCHEME_START } from './case.js';
import { CaseBuilder } from './case-builder.js';
import { foreignConfig, type LayoutName, layoutFor } from './layout.js';
import { OUTLIER_FAILURE_SHARE, PLAN_RATES, PLANS, type Plan, RULE_IDS, type RuleId, V2_PLAN_RATES, V2_PLANS } from './plans.js';
import { createRng } from './prng.js';
import { limitDaysFor, THRESHOLDS } from './thresholds.js';
import { FAIL, type HarmFact, type ReferralTruth, referralTruth } from './referral-truth.js';
import { csvField, TableWriter } from './table-writer.js';
import { NO_EXCEPTIONAL_CIRCUMSTANCES, REFERRAL_OUTCOMES } from './texts.js';

export interface GenerateOptions {
  readonly out: string;
  readonly applications: number;
  readonly seed: number;
  /** The audit date the export is made for, a London day number: no application date is after it unless planted. */
  readonly asOf: number;
  readonly layout: LayoutName;
}

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
  readonly handlers?: { staffId: string; cases: number; failures: number; p0: number; tail: number }[];
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

export interface GenerateResult {
  readonly groundTruth: GroundTruth;
  readonly files: { table: TableName; file: string; rows: number }[];
}

export { SCHEME_START };

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
export const applicationId = (i: number): string => `DV${pad(i + 1, 8)}`;
const personId = (p: number): string => `P${pad(p, 8)}`;

/** Handlers taken in turn, skipping anyone with a conduct referral dated before the case's end date. */
class Rotation {
  private at = 0;
  constructor(
    private readonly ids: readonly string[],
    private readonly referredDays: readonly ReadonlyMap<string, number>[],
  ) {}

  next(end: number): string | null {
    for (let tries = 0; tries < this.ids.length; tries++) {
      const id = this.ids[this.at % this.ids.length]!;
      this.at += 1;
      if (this.referredDays.every((m) => !(m.get(id)! < end))) return id;
    }
    return null;
  }
}

export async function generateExport(opts: GenerateOptions): Promise<GenerateResult> {
  const n = opts.applications;
  const asOf = opts.asOf;
  const layout = layoutFor(opts.layout);
  const rng = createRng(opts.seed, 1);
  const incRng = createRng(opts.seed, 2);
  const histRng = createRng(opts.seed, 3);
  const staffRng = createRng(opts.seed, 4);
  await mkdir(opts.out, { recursive: true });

  // ---- staff: handlers (one per ~60 cases, capped), the outlier, the referred ----
  const handlerCount = Math.min(2000, Math.max(4, Math.round(n / 60)));
  const staffIds = Array.from({ length: handlerCount + Math.ceil(handlerCount / 3) + 3 }, (_, k) => `E${10001 + k}`);
  const handlers = staffIds.slice(0, handlerCount);
  const outlier = handlers[staffRng.int(handlers.length)]!;
  const referredCount = Math.max(1, Math.round(handlerCount / 7));
  const referredDay = new Map<string, number>();
  for (let tries = 0; referredDay.size < referredCount && tries < 10 * handlerCount; tries++) {
    const h = staffRng.pick(handlers);
    if (h === outlier || referredDay.has(h)) continue;
    referredDay.set(h, SCHEME_START + Math.floor((asOf - SCHEME_START) * (0.3 + 0.4 * staffRng.next())));
  }
  const referred = [...referredDay.keys()];
  const firstReferral = Math.min(...referredDay.values());
  const unknownHandlers = Array.from({ length: Math.min(20, Math.max(2, Math.round(n / 5000))) }, (_, k) => `AG${pad(k + 1, 3)}`);
  // (v2) Referrals planted while a handler held a case: handler -> day (at most one each).
  const plantedReferral = new Map<string, number>();
  const cleanRotation = new Rotation(handlers, [referredDay, plantedReferral]);
  const failureRotation = new Rotation(
    handlers.filter((h) => h !== outlier),
    [referredDay, plantedReferral],
  );
  let unknownAt = 0;
  let referredAt = 0;

  // ---- plan schedule: each plan accumulates its rate and fires when it passes its phase ----
  const rates = PLANS.map((p) => {
    if (p === 'outlier-failure') return Math.min(0.5, OUTLIER_FAILURE_SHARE / (1 - OUTLIER_FAILURE_SHARE) / handlerCount);
    const r = PLAN_RATES[p];
    return Math.max(r.rate, r.min / n);
  });
  const acc = new Float64Array(PLANS.length);
  const phase = Float64Array.from(PLANS, () => rng.next());
  // (v2) plans: a schedule and a builder on a stream of their own (see V2_PLANS).
  const v2Rng = createRng(opts.seed, 5);
  const v2Rates = V2_PLANS.map((p) => Math.max(V2_PLAN_RATES[p].rate, V2_PLAN_RATES[p].min / n));
  const v2Acc = new Float64Array(V2_PLANS.length);
  const v2Phase = Float64Array.from(V2_PLANS, () => v2Rng.next());
  let referredDuringAt = 0;

  // ---- what later passes need, per application and per person ----
  const personCapacity = 3 * n + 16;
  const recDay = new Int32Array(n);
  const parOf = new Int32Array(n);
  const subjOf = new Int32Array(n);
  const discDay = new Int32Array(n);
  const harmOcc = new Int32Array(n).fill(NONE);
  const harmCode = new Uint8Array(n);
  const pairPrev = new Int32Array(n).fill(NONE);
  const pairNext = new Int32Array(n).fill(NONE);
  const plantedHistDay = new Int32Array(n).fill(NONE);
  const plantedHistCat = new Uint8Array(n);
  const plantedHistVictim = new Uint8Array(n);
  // (v2) Harm of a v2 case to the person at risk: written after the background's incidents.
  const v2HarmOcc = new Int32Array(n).fill(NONE);
  const v2HarmCode = new Uint8Array(n);
  const childOcc = new Int32Array(n).fill(NONE);
  // What the referral truth needs of each application (see referral-truth.ts).
  const facts = {
    count: n,
    ids: applicationId,
    limitFrom: new Int32Array(n).fill(NONE),
    decidedDay: new Int32Array(n).fill(NONE),
    mask: new Uint8Array(n),
    handlerOf: new Map<number, string>(),
  };
  const recordReferralFacts = (i: number, c: Case, handler: string): void => {
    let mask = 0;
    for (const [rule, severity] of c.expected) if (severity !== 'info') mask |= FAIL_BIT[rule] ?? 0;
    facts.mask[i] = mask;
    facts.decidedDay[i] = c.decisionDay !== NONE ? c.decisionDay : c.closedDay;
    // (a) no outcome within the limit, no exceptional circumstances recorded, not withdrawn.
    const outcome = c.decision === 'disclose' ? c.disclosureDay : c.decision === 'no_disclosure' || c.decision === 'not_proceeded' ? (c.decisionDay !== NONE ? c.decisionDay : c.closedDay) : NONE;
    const lastDay = c.receivedDay + limitDaysFor(c.receivedDay);
    const recorded = c.exceptionalCircumstances.trim() !== '' && !NO_EXCEPTIONAL_CIRCUMSTANCES.includes(c.exceptionalCircumstances);
    if ((outcome === NONE || outcome > lastDay) && !recorded && c.decision !== 'withdrawn') facts.limitFrom[i] = lastDay + 1;
    if (mask & FAIL.priorReferral && handler !== '') facts.handlerOf.set(i, handler);
  };
  const childCode = new Uint8Array(n);
  const childWithParent = new Uint8Array(n);
  const subjMaxRef = new Int32Array(personCapacity).fill(NOT_JUDGED);
  // (v2) Subjects of v2 cases: their subjMaxRef had the background cases stood; and the
  // background case's disclosure date of each v2 slot. The later passes draw from these, so their
  // streams stay as they were; what they write is then checked against the real cases.
  const bgMaxRef = new Map<number, number>();
  const bgDisc = new Map<number, number>();
  let nextPerson = 1;
  const reusable: number[] = [];
  const REUSE_WINDOW = 500;

  // ---- ground truth ----
  const truthIds = new Map<RuleId, string[]>(RULE_IDS.map((r) => [r, []]));
  const truthSev = new Map<RuleId, Partial<Record<Severity, number>>>(RULE_IDS.map((r) => [r, {}]));
  const planCounts: Partial<Record<Plan, number>> = {};
  const plantedIds: Partial<Record<Plan, string[]>> = {};
  const handlerStats = new Map<string, { cases: number; failures: number; last: number }>();
  let serviceFailures = 0;
  let casesWithHandler = 0;
  const expectFinding = (rule: RuleId, id: string, severity: Severity): void => {
    truthIds.get(rule)!.push(id);
    const sev = truthSev.get(rule)!;
    sev[severity] = (sev[severity] ?? 0) + 1;
  };

  // Received dates follow volumes that grow about fivefold over the period, in id order.
  const span = Math.max(1, asOf - SCHEME_START);
  const growth = Math.log(5) / span;
  const naturalDay = (i: number): number => {
    const u = (i + rng.next()) / n;
    return Math.min(asOf, SCHEME_START + Math.floor(Math.log(1 + u * 4) / growth));
  };

  const b = new CaseBuilder(rng, asOf);
  /**
   * (v2) A handler for a case whose conduct referral comes while they hold it, dated after receipt
   * and before the end date. Best a referred handler whose referral falls there (the rotations
   * already know it, so the handlers of later cases stay as they were); once no referral is
   * left to come, a new referral, dated on or after the end of every case the handler held so far
   * (so none of those fires), which the rotations skip afterwards for cases ending after it.
   * '' when no handler fits (yet).
   */
  const lastReferral = Math.max(...referredDay.values());
  const byReferralDay = [...referredDay].sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : 1));
  const unreferred = handlers.filter((h) => h !== outlier && !referredDay.has(h));
  const pickReferredDuring = (c: Case): string => {
    const end = endDay(c, asOf);
    if (end - c.receivedDay < 2) return '';
    // The first referral dated after receipt (binary search over the referrals by date).
    let lo = 0;
    let hi = byReferralDay.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byReferralDay[mid]![1] > c.receivedDay) hi = mid;
      else lo = mid + 1;
    }
    const next = byReferralDay[lo];
    if (next !== undefined && next[1] < end) return next[0];
    if (c.receivedDay <= lastReferral) return '';
    // Late in the handling, so a handler free of later-ending cases is easier to find; a few
    // handlers in turn per try (the plan stays due and tries again on the next case).
    const day = v2Rng.between(Math.max(c.receivedDay + 1, end - 3), end - 1);
    for (let tries = 0; tries < Math.min(8, unreferred.length); tries++) {
      const h = unreferred[referredDuringAt++ % unreferred.length]!;
      const last = handlerStats.get(h)?.last ?? NONE;
      if (!plantedReferral.has(h) && last <= day) {
        plantedReferral.set(h, day);
        return h;
      }
    }
    return '';
  };
  const b2 = new CaseBuilder(v2Rng, asOf);

  const appWriter = new TableWriter(join(opts.out, layout.file('applications')), layout.encoding, layout.eol);
  appWriter.header(layout.header('applications'));
  const dt = (day: number, minute: number): string => (day === NONE ? '' : minute >= 0 ? layout.dateTime(day, minute) : layout.date(day));

  for (let i = 0; i < n; i++) {
    const natural = naturalDay(i);
    // A plan that cannot be placed yet (no referral made yet, a date not reached) carries at
    // most one plant forward, so it does not burst once it can be placed.
    for (let k = 0; k < PLANS.length; k++) acc[k] = Math.min(acc[k]! + rates[k]!, phase[k]! + 1);
    const due: number[] = [];
    for (let k = 0; k < PLANS.length; k++) if (acc[k]! >= phase[k]!) due.push(k);
    due.sort((x, y) => acc[y]! - phase[y]! - (acc[x]! - phase[x]!) || x - y);

    let c: Case | null = null;
    for (const k of due) {
      const plan = PLANS[k]!;
      if (plan === 'handler-prior-referral' || plan === 'prior-referral+deadline-missed') {
        if (!(firstReferral < natural)) continue;
      }
      const attempt = b.build(natural, plan);
      if (attempt) {
        c = attempt;
        acc[k]! -= 1;
        planCounts[plan] = (planCounts[plan] ?? 0) + 1;
        break;
      }
    }
    // The background case is built even where a v2 plan takes the slot, so the main stream's
    // draws stay as they were.
    const background = c === null;
    c ??= b.build(natural, null)!;
    const r = rng.next();
    const bgEnd = endDay(c, asOf);
    const bgCase = c;

    // (v2) plans, only in a background slot, and (when they need people of their own) only where
    // the background case would not have reused anyone's.
    for (let k = 0; k < V2_PLANS.length; k++) v2Acc[k] = Math.min(v2Acc[k]! + v2Rates[k]!, v2Phase[k]! + 1);
    let v2Slot = false;
    let presetHandler = '';
    if (background) {
      const reuses = reusable.length > 0 && r < 0.07;
      const v2Due: number[] = [];
      for (let k = 0; k < V2_PLANS.length; k++) if (v2Acc[k]! >= v2Phase[k]!) v2Due.push(k);
      v2Due.sort((x, y) => v2Acc[y]! - v2Phase[y]! - (v2Acc[x]! - v2Phase[x]!) || x - y);
      for (const k of v2Due) {
        const plan = V2_PLANS[k]!;
        const attempt = b2.build(natural, plan, c.route);
        if (!attempt) continue;
        if ((attempt.harm !== null || attempt.childHarm !== null || attempt.history !== null) && reuses) continue;
        if (attempt.handlerKind === 'referred-during') {
          presetHandler = pickReferredDuring(attempt);
          if (presetHandler === '') continue;
        }
        c = attempt;
        v2Slot = true;
        v2Acc[k]! -= 1;
        planCounts[plan] = (planCounts[plan] ?? 0) + 1;
        break;
      }
    }

    // People: a plan whose findings hang on the pair or the subject gets people of its own.
    const ownPeople = !v2Slot && (c.harm !== null || c.history !== null);
    let par: number;
    let subj: number;
    if (!ownPeople && reusable.length > 0 && r < 0.02) {
      const src = reusable[rng.int(reusable.length)]!;
      par = parOf[src]!;
      subj = subjOf[src]!;
      let tail = src;
      while (pairNext[tail] !== NONE) tail = pairNext[tail]!;
      pairNext[tail] = i;
      pairPrev[i] = tail;
    } else if (!ownPeople && reusable.length > 0 && r < 0.07) {
      par = nextPerson++;
      subj = subjOf[reusable[rng.int(reusable.length)]!]!;
    } else {
      par = nextPerson++;
      subj = nextPerson++;
    }
    let applicant = NONE;
    if (c.route === 'right_to_ask') applicant = rng.chance(0.6) ? par : nextPerson++;

    // Handler.
    const failing = isServiceFailure(c.expected);
    let handler = '';
    const referredBefore = (h: string, end: number): boolean => referredDay.get(h)! < end || plantedReferral.get(h)! < end;
    if (c.handlerKind === 'referred-during') handler = presetHandler;
    else if (c.handlerKind === 'outlier') handler = outlier;
    else if (c.handlerKind === 'unknown') handler = unknownHandlers[unknownAt++ % unknownHandlers.length]!;
    else if (c.handlerKind === 'prior-referral') {
      for (let tries = 0; tries < referred.length; tries++) {
        const h = referred[referredAt++ % referred.length]!;
        if (referredDay.get(h)! < c.receivedDay) {
          handler = h;
          break;
        }
      }
    } else if (v2Slot) {
      // Draw and turn the clean rotation as the background case would have, and give the v2 case
      // that handler when it may hold it (so the handlers of later cases stay as they were).
      const end = endDay(c, asOf);
      const none = rng.chance(0.01);
      const h = none ? null : cleanRotation.next(bgEnd);
      if (h !== null && !(failing && h === outlier) && !referredBefore(h, end)) handler = h;
      else handler = (failing ? failureRotation : cleanRotation).next(end) ?? '';
    } else if (failing) handler = failureRotation.next(endDay(c, asOf)) ?? '';
    else if (c.plan !== null || !rng.chance(0.01)) handler = cleanRotation.next(endDay(c, asOf)) ?? '';
    // A v2 case of another kind still draws and turns the clean rotation as the background would have.
    if (v2Slot && c.handlerKind !== 'rotation' && !rng.chance(0.01)) cleanRotation.next(bgEnd);

    const id = applicationId(i);
    if (c.plan !== null) (plantedIds[c.plan] ??= []).push(id);
    for (const [rule, severity] of c.expected) expectFinding(rule, id, severity);
    if (failing) serviceFailures += 1;
    if (handler !== '') {
      casesWithHandler += 1;
      const s = handlerStats.get(handler) ?? { cases: 0, failures: 0, last: NONE };
      s.cases += 1;
      if (failing) s.failures += 1;
      // A referral on or after this day cannot fire (handler-prior-referral reads the end date).
      s.last = Math.max(s.last, endDay(c, asOf));
      handlerStats.set(handler, s);
    }

    recordReferralFacts(i, c, handler);
    recDay[i] = c.receivedDay;
    parOf[i] = par;
    subjOf[i] = subj;
    discDay[i] = c.disclosureDay;
    if (c.harm && v2Slot) {
      v2HarmOcc[i] = c.harm.occurredDay;
      v2HarmCode[i] = HARM_CODES.indexOf(c.harm.harm);
    } else if (c.harm) {
      harmOcc[i] = c.harm.occurredDay;
      harmCode[i] = HARM_CODES.indexOf(c.harm.harm);
    }
    if (c.history) {
      plantedHistDay[i] = c.history.recordedDay;
      plantedHistCat[i] = HISTORY_CATEGORIES.indexOf(c.history.category);
      plantedHistVictim[i] = c.history.subjectRole === 'victim' ? 1 : 0;
    }
    if (c.childHarm) {
      childOcc[i] = c.childHarm.occurredDay;
      childCode[i] = HARM_CODES.indexOf(c.childHarm.harm);
      childWithParent[i] = c.childHarm.withParent ? 1 : 0;
    }
    // The date a history record must follow for this application to stay clean of
    // withheld-despite-history (an open case counts up to the audit date).
    if (v2Slot) {
      // What the background case would have given: the history and incident passes draw from it.
      bgMaxRef.set(subj, Math.max(bgMaxRef.get(subj) ?? subjMaxRef[subj]!, judgedDay(bgCase, asOf)));
      bgDisc.set(i, bgCase.disclosureDay);
    } else if (bgMaxRef.has(subj)) bgMaxRef.set(subj, Math.max(bgMaxRef.get(subj)!, judgedDay(c, asOf)));
    const ref = judgedDay(c, asOf);
    if (ref > subjMaxRef[subj]!) subjMaxRef[subj] = ref;
    // A v2 case's people may be reused as the background case's would have been: every
    // finding that hangs on them is worked out over the pair's chain below.
    if (c.plan === null || v2Slot) {
      if (reusable.length < REUSE_WINDOW) reusable.push(i);
      else reusable[i % REUSE_WINDOW] = i;
    }

    appWriter.line([
      id,
      layout.code('route', c.route),
      dt(c.receivedDay, c.receivedMinute),
      applicant === NONE ? '' : personId(applicant),
      personId(par),
      personId(subj),
      handler,
      dt(c.initialChecksDay, c.initialChecksMinute),
      layout.code('immediate_risk', c.immediateRisk),
      dt(c.faceToFaceDay, -1),
      layout.code('decision', c.decision),
      dt(c.decisionDay, -1),
      dt(c.disclosureDay, -1),
      layout.code('disclosure_method', c.disclosureMethod),
      csvField(c.exceptionalCircumstances),
      dt(c.closedDay, -1),
      csvField(c.notes),
    ]);
    if (appWriter.full) await appWriter.flush();
  }
  await appWriter.close();

  // ---- incidents ----
  const harmPairs: HarmPair[] = [];
  const harmFacts: HarmFact[] = [];
  const addPair = (j: number, occ: number, pair: HarmPair): void => {
    harmPairs.push(pair);
    harmFacts.push({ app: j, occ, severity: pair.severity });
  };
  const incWriter = new TableWriter(join(opts.out, layout.file('incidents')), layout.encoding, layout.eol);
  incWriter.header(layout.header('incidents'));
  let incidentNo = 0;
  // Would an incident on this pair, on this day, make harm-after-request fire for application j?
  const firesWith = (disc: number, j: number, occ: number): boolean =>
    occ > recDay[j]! && occ - recDay[j]! <= THRESHOLDS.harmWindowDays && !(disc !== NONE && disc <= occ);
  const fires = (j: number, occ: number): boolean => firesWith(discDay[j]!, j, occ);
  // As the background case of a v2 slot would have been: decides the draws.
  const firesBg = (j: number, occ: number): boolean => firesWith(bgDisc.get(j) ?? discDay[j]!, j, occ);
  const chainOf = (i: number): number[] => {
    let head = i;
    while (pairPrev[head] !== NONE) head = pairPrev[head]!;
    const chain: number[] = [];
    for (let j = head; j !== NONE; j = pairNext[j]!) chain.push(j);
    return chain;
  };
  const writeIncident = (occ: number, victim: number, suspect: number, harm: Harm): string => {
    incidentNo += 1;
    const incidentId = `IN${pad(incidentNo, 8)}`;
    incWriter.line([incidentId, layout.date(occ), personId(victim), personId(suspect), layout.code('harm', harm)]);
    return incidentId;
  };
  const backgroundHarm = (): Harm => {
    const u = incRng.next();
    return u < 0.01 ? 'death' : u < 0.07 ? 'serious_injury' : u < 0.45 ? 'injury' : 'no_injury';
  };
  for (let i = 0; i < n; i++) {
    const rec = recDay[i]!;
    const par = parOf[i]!;
    const subj = subjOf[i]!;
    if (harmOcc[i] !== NONE) {
      const harm = HARM_CODES[harmCode[i]!]!;
      const occ = harmOcc[i]!;
      const incidentId = writeIncident(occ, par, subj, harm);
      const severity: Severity = harm === 'death' || harm === 'serious_injury' ? 'critical' : 'high';
      for (const j of chainOf(i)) if (fires(j, occ)) addPair(j, occ, { applicationId: applicationId(j), incidentId, severity });
    }
    // Incidents on the pair that must not fire: before receipt (what led to the application),
    // after a disclosure was made, or after the harm window. (v2) The draws follow the
    // background case of a v2 slot; an incident that would fire for the real case is left out
    // (its number too, so the numbers of later incidents stay as they were).
    const lone = pairPrev[i] === NONE && pairNext[i] === NONE;
    const v2Chain = bgDisc.size > 0 && (lone ? bgDisc.has(i) : chainOf(i).some((j) => bgDisc.has(j)));
    const clean = (occ: number): void => {
      if (occ > asOf) return;
      if (lone ? firesBg(i, occ) : chainOf(i).some((j) => firesBg(j, occ))) return;
      const harm = backgroundHarm();
      if (v2Chain && (lone ? fires(i, occ) : chainOf(i).some((j) => fires(j, occ)))) {
        incidentNo += 1;
        return;
      }
      writeIncident(occ, par, subj, harm);
    };
    const disc = bgDisc.get(i) ?? discDay[i]!;
    if (incRng.chance(0.35)) clean(rec - (incRng.chance(0.1) ? 0 : incRng.between(1, 200)));
    if (disc !== NONE && incRng.chance(0.08)) clean(disc + (incRng.chance(0.2) ? 0 : incRng.between(1, 300)));
    if (incRng.chance(0.03)) clean(rec + (incRng.chance(0.2) ? THRESHOLDS.harmWindowDays + 1 : incRng.between(THRESHOLDS.harmWindowDays + 2, 900)));
    // Incidents with other people.
    if (incRng.chance(0.15)) {
      const occ = Math.min(asOf, rec - 400 + incRng.int(800));
      writeIncident(occ, par, nextPerson++, backgroundHarm());
    }
    if (incRng.chance(0.25)) {
      const occ = SCHEME_START + incRng.int(asOf - SCHEME_START + 1);
      writeIncident(occ, nextPerson++, nextPerson++, backgroundHarm());
    }
    if (incWriter.full) await incWriter.flush();
  }
  // (v2) Children harmed, after the background so its incident and person numbers stay as they
  // were. Each such person at risk has a child and another member in the household; the subject
  // harms the child (and, in one variant, the parent in the same incident: two rows, one id) and
  // the other member, whose incident must not fire (only a child counts).
  // The harm of the v2 DSI cases to the person at risk comes here too, for the same reason.
  const householdRows: [number, number, 'child' | 'other'][] = [];
  for (let i = 0; i < n; i++) {
    const par = parOf[i]!;
    const subj = subjOf[i]!;
    if (v2HarmOcc[i] !== NONE) {
      const occ = v2HarmOcc[i]!;
      const harm = HARM_CODES[v2HarmCode[i]!]!;
      const incidentId = writeIncident(occ, par, subj, harm);
      const severity: Severity = harm === 'death' || harm === 'serious_injury' ? 'critical' : 'high';
      for (const j of chainOf(i)) if (fires(j, occ)) addPair(j, occ, { applicationId: applicationId(j), incidentId, severity });
    }
    if (childOcc[i] === NONE) continue;
    const child = nextPerson++;
    const other = nextPerson++;
    householdRows.push([par, child, 'child'], [par, other, 'other']);
    const occ = childOcc[i]!;
    const harm = HARM_CODES[childCode[i]!]!;
    const severity: Severity = harm === 'death' || harm === 'serious_injury' ? 'critical' : 'high';
    incidentNo += 1;
    const incidentId = `IN${pad(incidentNo, 8)}`;
    const chain = chainOf(i).filter((j) => fires(j, occ));
    if (childWithParent[i]) {
      incWriter.line([incidentId, layout.date(occ), personId(par), personId(subj), layout.code('harm', harm)]);
      for (const j of chain) addPair(j, occ, { applicationId: applicationId(j), incidentId, severity });
    }
    incWriter.line([incidentId, layout.date(occ), personId(child), personId(subj), layout.code('harm', harm)]);
    for (const j of chain) {
      addPair(j, occ, { applicationId: applicationId(j), incidentId, severity, victimId: personId(child), victimRelation: 'child' });
    }
    writeIncident(occ, other, subj, 'injury');
    if (incWriter.full) await incWriter.flush();
  }
  await incWriter.close();

  // ---- history: what police held about each subject ----
  const histWriter = new TableWriter(join(opts.out, layout.file('history')), layout.encoding, layout.eol);
  histWriter.header(layout.header('history'));
  const histDone = new Uint8Array(personCapacity);
  let recordNo = 0;
  const writeRecord = (subj: number, day: number, category: HistoryCategory, da: boolean, role: '' | 'victim' | 'witness' = ''): void => {
    recordNo += 1;
    histWriter.line([
      `HR${pad(recordNo, 8)}`,
      personId(subj),
      layout.date(day),
      layout.code('category', category),
      layout.code('domestic_abuse', da ? 'yes' : 'no'),
      layout.code('subject_role', role),
    ]);
  };
  for (let i = 0; i < n; i++) {
    const subj = subjOf[i]!;
    const rec = recDay[i]!;
    if (histWriter.full) await histWriter.flush();
    if (plantedHistDay[i] !== NONE && !plantedHistVictim[i]) writeRecord(subj, plantedHistDay[i]!, HISTORY_CATEGORIES[plantedHistCat[i]!]!, true);
    if (histDone[subj]) continue;
    histDone[subj] = 1;
    const u = histRng.next();
    const count = u < 0.45 ? 0 : u < 0.75 ? 1 : u < 0.9 ? 2 : 3;
    // (v2) A subject of a v2 case draws as under the background cases; a domestic-abuse record
    // that would then count against a real decision not to disclose is one they witnessed.
    const realRef = subjMaxRef[subj]!;
    const da = (day: number, category: HistoryCategory): void =>
      writeRecord(subj, day, category, true, realRef !== NOT_JUDGED && day <= realRef ? 'witness' : '');
    for (let k = 0; k < count; k++) {
      const category = histRng.pick(HISTORY_CATEGORIES);
      if (histRng.chance(0.4)) {
        const maxRef = bgMaxRef.get(subj) ?? realRef;
        if (maxRef === NOT_JUDGED) {
          da(rec - histRng.between(0, 3650), category);
          continue;
        }
        // Held only after every decision not to disclose about this subject.
        if (maxRef < asOf) {
          da(histRng.chance(0.1) ? maxRef + 1 : histRng.between(maxRef + 1, asOf), category);
          continue;
        }
      }
      writeRecord(subj, Math.min(asOf, rec - 3650 + histRng.int(4051)), category, false);
    }
  }
  // (v2) Records in which the subject was the victim, last (so the numbers above stay as they were).
  for (let i = 0; i < n; i++) {
    if (plantedHistDay[i] !== NONE && plantedHistVictim[i]) writeRecord(subjOf[i]!, plantedHistDay[i]!, HISTORY_CATEGORIES[plantedHistCat[i]!]!, true, 'victim');
    if (histWriter.full) await histWriter.flush();
  }
  await histWriter.close();

  // ---- staff register ----
  const staffWriter = new TableWriter(join(opts.out, layout.file('staff')), layout.encoding, layout.eol);
  staffWriter.header(layout.header('staff'));
  for (const [k, staffId] of staffIds.entries()) {
    const role = staffRng.chance(0.4) ? 'officer' : 'staff';
    const isHandler = k < handlerCount;
    const name = staffRng.chance(0.1) ? `Équipe Sécurité ${pad(k + 1, 3)}` : `${isHandler ? 'Researcher' : 'Decision Maker'} ${pad(k + 1, 4)}`;
    staffWriter.line([staffId, layout.code('role', role), csvField(name)]);
  }
  await staffWriter.close();

  // ---- conduct referrals ----
  const refWriter = new TableWriter(join(opts.out, layout.file('conduct_referrals')), layout.encoding, layout.eol);
  refWriter.header(layout.header('conduct_referrals'));
  let referralNo = 0;
  const writeReferral = (staffId: string, day: number): void => {
    referralNo += 1;
    refWriter.line([
      `CR${pad(referralNo, 5)}`,
      staffId,
      layout.date(day),
      layout.code('body', staffRng.chance(0.3) ? 'iopc' : 'psd'),
      csvField(staffRng.pick(REFERRAL_OUTCOMES)),
    ]);
  };
  for (const h of referred) {
    const day = referredDay.get(h)!;
    writeReferral(h, day);
    if (staffRng.chance(0.5) && day + 30 < asOf) writeReferral(h, staffRng.between(day + 30, asOf));
  }
  // Referrals that cannot fire: on or after a handler's last case, and of staff who handle none.
  const others = handlers.filter((h) => h !== outlier && !referredDay.has(h));
  for (let k = 0; k < Math.min(2, others.length); k++) {
    const h = others[k]!;
    const last = handlerStats.get(h)?.last ?? NONE;
    if (last === NONE) continue;
    const day = staffRng.chance(0.3) ? last : last + staffRng.between(0, 60);
    if (day <= asOf) writeReferral(h, day);
  }
  for (const staffId of staffIds.slice(handlerCount)) {
    if (staffRng.chance(0.3)) writeReferral(staffId, SCHEME_START - 365 + staffRng.int(asOf - SCHEME_START + 366));
  }
  // (v2) Referrals made while the handler held a case (last, so the referrals above stay as they were).
  for (const [h, day] of plantedReferral) writeReferral(h, day);
  await refWriter.close();

  // ---- handler-outlier, computed from the cases as generated ----
  const p0 = casesWithHandler === 0 ? 0 : [...handlerStats.values()].reduce((s, h) => s + h.failures, 0) / casesWithHandler;
  const outliers: NonNullable<RuleTruth['handlers']> = [];
  if (p0 > 0) {
    for (const [staffId, s] of [...handlerStats.entries()].sort(([a], [b2]) => (a < b2 ? -1 : a > b2 ? 1 : 0))) {
      if (s.cases < THRESHOLDS.outlierMinCases) continue;
      const tail = binomialUpperTail(s.failures, s.cases, p0);
      if (tail < THRESHOLDS.outlierAlpha) outliers.push({ staffId, cases: s.cases, failures: s.failures, p0, tail });
    }
  }

  const rules = {} as Record<RuleId, RuleTruth>;
  for (const rule of RULE_IDS) {
    if (rule === 'harm-after-request') {
      const bySeverity: Partial<Record<Severity, number>> = {};
      for (const p of harmPairs) bySeverity[p.severity] = (bySeverity[p.severity] ?? 0) + 1;
      const ids = [...new Set(harmPairs.map((p) => p.applicationId))].sort();
      const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
      const pairs = [...harmPairs].sort(
        (x, y) => cmp(x.applicationId, y.applicationId) || cmp(x.incidentId, y.incidentId) || cmp(x.victimId ?? '', y.victimId ?? ''),
      );
      rules[rule] = { applicationIds: ids, findings: harmPairs.length, bySeverity, pairs };
    } else if (rule === 'handler-outlier') {
      rules[rule] = {
        applicationIds: [],
        staffIds: outliers.map((o) => o.staffId),
        findings: outliers.length,
        bySeverity: outliers.length > 0 ? { high: outliers.length } : {},
        handlers: outliers,
      };
    } else {
      const ids = truthIds.get(rule)!;
      rules[rule] = { applicationIds: ids, findings: ids.length, bySeverity: truthSev.get(rule)! };
    }
  }

  // ---- household: relevant persons of people at risk (those of the v2 harmed children) ----
  const householdWriter = new TableWriter(join(opts.out, layout.file('household')), layout.encoding, layout.eol);
  householdWriter.header(layout.header('household'));
  for (const [person, member, relationship] of householdRows) {
    householdWriter.line([personId(person), personId(member), layout.code('relationship', relationship)]);
  }
  await householdWriter.close();

  const rows: Record<TableName, number> = {
    applications: appWriter.rows,
    incidents: incWriter.rows,
    history: histWriter.rows,
    staff: staffWriter.rows,
    conduct_referrals: refWriter.rows,
    household: householdWriter.rows,
  };
  const groundTruth: GroundTruth = {
    generator: 'dvds-audit generate',
    seed: opts.seed,
    asOf: formatDay(asOf),
    layout: opts.layout,
    counts: { rows, handlers: handlerCount, serviceFailures, casesWithHandler, plans: sortKeys(planCounts) },
    planted: sortKeys(plantedIds),
    rules,
    decisions: referralTruth(facts, harmFacts),
  };
  await writeFile(join(opts.out, 'ground-truth.json'), `${JSON.stringify(groundTruth, null, 2)}\n`);
  if (opts.layout === 'foreign') {
    await writeFile(join(opts.out, 'dvds-audit.config.json'), `${JSON.stringify(foreignConfig(), null, 2)}\n`);
  }
  const files = (Object.keys(rows) as TableName[]).map((table) => ({ table, file: layout.file(table), rows: rows[table] }));
  return { groundTruth, files };
}

function sortKeys<T>(record: Partial<Record<string, T>>): Partial<Record<string, T>> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
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
};
const HARM_CODES: readonly Harm[] = ['death', 'serious_injury', 'injury', 'no_injury'];

