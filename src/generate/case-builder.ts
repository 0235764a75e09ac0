/**
 * Builds one application: a clean case, then the plan's changes. Every draw comes from the
 * builder's own random stream, in a fixed order per plan, so an export is a function of its seed.
 */
import type { Severity } from '../engine/types.js';
import type { Decision, DisclosureMethod, Harm, Route } from '../model/records.js';
import { HISTORY_CATEGORIES } from '../model/records.js';
import { addWorkingDays } from '../time/working-days.js';
import { bankHolidayOnOrBefore, clockChangeEveOnOrBefore, realHours } from './calendar.js';
import { dayNumber } from '../time/london.js';
import { type Case, decidedDay, type DuplicateKind, NEAR_MISS_DUPLICATES, NONE, SCHEME_START } from './case.js';
import type { Plan } from './plans.js';
import type { Rng } from './prng.js';
import { limitDaysFor, THRESHOLDS } from './thresholds.js';
import { EXCEPTIONAL_CIRCUMSTANCES, JUSTIFIED_CIRCUMSTANCES, NO_EXCEPTIONAL_CIRCUMSTANCES, NOTES, ODD_NOTES } from './texts.js';

const { faceToFaceWorkingDays, harmWindowDays, initialChecksDays, initialChecksHours, limitBeforeSwitch, limitFromSwitch, switchDay: SWITCH } = THRESHOLDS;
/** Office hours, in minutes of the day, within which received and checked times fall. */
const DAY_MIN = 7 * 60;
const DAY_MAX = 22 * 60 + 59;
/**
 * (v2) The planted duplicates in turn: likely duplicates of each kind, and the near misses among
 * them, so even a small export has both.
 */
const DUPLICATE_CYCLE: readonly DuplicateKind[] = ['day-month-swapped', 'other-initial', 'one-digit', 'two-digits', 'year-apart', 'same-date-of-birth'];
/** The source case was received in 2018, and the audit date must leave room for its year. */
const SOURCE_YEAR_FROM = dayNumber(2018, 1, 8);
const SOURCE_YEAR_TO = dayNumber(2018, 10, 31);
const HARM_CYCLE: readonly Harm[] = ['serious_injury', 'injury', 'no_injury', 'injury', 'death', 'injury', 'no_injury', 'serious_injury', 'injury', 'no_injury'];

/**
 * (v2) The decision-maker record of a decided case: written on the decision date (else the
 * closure date), not changed since; none for a withdrawal or an undecided case. Where a planted
 * closure precedes the decision (date-order), no modification date is written, so the record
 * never reads as changed after the closure.
 */
function recordDecision(app: Case): void {
  app.decisionRecordDay = NONE;
  app.decisionRecordModifiedDay = NONE;
  if (app.decision === '' || app.decision === 'withdrawn') return;
  const day = decidedDay(app);
  if (day === NONE) return;
  app.decisionRecordDay = day;
  if (app.closedDay === NONE || app.closedDay >= day) app.decisionRecordModifiedDay = day;
}

/**
 * Returns null from `build` when the plan cannot be placed on this date (too close to the audit
 * date, no referral yet …); the caller keeps the plan due and tries it on the next application.
 */
export class CaseBuilder {
  private childCount = 0;
  private dsiAssessCount = 0;
  private dsiConductCount = 0;
  private harmCount = 0;
  private checksMissingCount = 0;
  private wrongIdentityCount = 0;
  private duplicateCount = 0;
  private withdrawnCount = 0;

  constructor(
    private readonly rng: Rng,
    private readonly asOf: number,
  ) {}

  /** `route`: given by the caller (a v2 case takes the route of the background case it replaces). */
  build(naturalDay: number, plan: Plan | null, route?: Route): Case | null {
    const rng = this.rng;
    const app: Case = {
      plan,
      variant: '',
      route: route ?? (rng.chance(0.56) ? 'right_to_ask' : 'right_to_know'),
      receivedDay: naturalDay,
      receivedMinute: NONE,
      initialChecksDay: NONE,
      initialChecksMinute: NONE,
      immediateRisk: '',
      faceToFaceDay: NONE,
      decision: '',
      decisionDay: NONE,
      disclosureDay: NONE,
      disclosureMethod: '',
      exceptionalCircumstances: '',
      closedDay: NONE,
      notes: '',
      decisionRecordDay: NONE,
      decisionRecordModifiedDay: NONE,
      checkPlant: null,
      checksDay: NONE,
      duplicate: null,
      expected: new Map(),
      harm: null,
      childHarm: null,
      history: null,
      handlerKind: 'rotation',
    };
    if (plan !== null && !this.prepare(app, plan)) return null;
    this.clean(app);
    if (plan !== null && !this.apply(app, plan)) return null;
    if (plan !== 'v2:decision-record-missing' && plan !== 'v2:decision-record-altered' && plan !== 'v2:source-case') recordDecision(app);
    return app;
  }

  private limitDays(app: Case): number {
    return limitDaysFor(app.receivedDay);
  }

  /** Plans that need a particular date or route set them before the clean case is built. */
  private prepare(app: Case, plan: Plan): boolean {
    const rng = this.rng;
    switch (plan) {
      case 'deadline-missed':
        if (app.receivedDay >= SWITCH && SWITCH + 60 <= this.asOf && rng.chance(0.15)) {
          app.receivedDay = SWITCH + rng.between(0, 20);
          app.variant = 'switch';
        }
        return true;
      case 'initial-checks-late':
        if (rng.chance(0.3)) {
          const eve = clockChangeEveOnOrBefore(app.receivedDay, Math.max(SCHEME_START, app.receivedDay - 400), 10);
          if (eve !== null && eve + 1 <= this.asOf) {
            app.receivedDay = eve;
            app.variant = 'autumn';
          }
        }
        return true;
      case 'face-to-face-late':
      case 'edge:face-to-face-over-bank-holiday': {
        app.route = 'right_to_ask';
        if (plan === 'face-to-face-late' && rng.chance(0.5)) return true;
        const holiday = bankHolidayOnOrBefore(app.receivedDay, Math.max(SCHEME_START + 8, app.receivedDay - 400));
        if (holiday === null) return plan === 'face-to-face-late';
        app.receivedDay = holiday - rng.between(1, 7);
        app.variant = 'holiday';
        return true;
      }
      case 'edge:spring-clock-change': {
        const eve = clockChangeEveOnOrBefore(app.receivedDay, Math.max(SCHEME_START, app.receivedDay - 400), 3);
        if (eve === null) return false;
        app.receivedDay = eve;
        return true;
      }
      case 'edge:before-28-day-switch':
        if (SWITCH + 40 > this.asOf || app.receivedDay < SWITCH - 200) return false;
        app.receivedDay = SWITCH - rng.between(1, 16);
        return true;
      // (v2) A v2 case keeps the route of the background case it replaces (the people's draws
      // follow it), so a plan of one route waits for a slot of that route.
      case 'v2:withdrawn-with-history':
        return app.route === 'right_to_ask';
      case 'v2:source-case':
        if (app.route !== 'right_to_ask' || SOURCE_YEAR_TO + 240 > this.asOf) return false;
        app.receivedDay = rng.between(SOURCE_YEAR_FROM, SOURCE_YEAR_TO);
        return true;
      default:
        return true;
    }
  }

  /** A case clean of every rule: checks within the hours allowed, meeting within the working days allowed, outcome in time. */
  private clean(app: Case): void {
    const rng = this.rng;
    const asOf = this.asOf;
    const limitDays = this.limitDays(app);
    if (rng.chance(0.55)) app.receivedMinute = rng.between(DAY_MIN, 20 * 60 + 59);
    this.cleanChecks(app);
    const riskDraw = rng.next();
    app.immediateRisk = riskDraw < 0.12 ? 'yes' : riskDraw < 0.97 ? 'no' : '';

    const kindDraw = rng.next();
    const kind: Decision = kindDraw < 0.36 ? 'disclose' : kindDraw < 0.8 ? 'no_disclosure' : kindDraw < 0.88 ? 'not_proceeded' : 'withdrawn';
    if (app.route === 'right_to_ask' && !(kind === 'withdrawn' && rng.chance(0.5))) {
      const meeting = addWorkingDays(app.receivedDay, rng.between(2, faceToFaceWorkingDays));
      if (meeting <= asOf) app.faceToFaceDay = meeting;
    }
    const daysToOutcome = rng.chance(0.015) ? limitDays : 3 + Math.floor(rng.next() ** 1.3 * (limitDays - 2));
    const outcomeDay = app.receivedDay + daysToOutcome;
    if (kind === 'withdrawn') {
      app.decision = 'withdrawn';
      const closed = app.receivedDay + rng.between(1, 60);
      if (closed <= asOf) app.closedDay = closed;
      if (rng.chance(0.5)) {
        const decided = Math.min(closed, asOf) - rng.int(3);
        if (decided >= app.receivedDay) app.decisionDay = decided;
      }
    } else if (outcomeDay > asOf) {
      // Still open, and not yet past the limit.
      if (kind === 'disclose') {
        const decided = outcomeDay - rng.between(1, 6);
        if (decided <= asOf && decided >= app.receivedDay) {
          app.decision = 'disclose';
          app.decisionDay = decided;
        }
      }
    } else {
      this.decide(app, kind, outcomeDay);
    }
    if (rng.chance(0.01)) app.exceptionalCircumstances = rng.pick(EXCEPTIONAL_CIRCUMSTANCES);
    const notesDraw = rng.next();
    app.notes = notesDraw < 0.3 ? rng.pick(NOTES) : notesDraw < 0.33 ? rng.pick(ODD_NOTES) : '';
  }

  private cleanChecks(app: Case): void {
    const rng = this.rng;
    app.initialChecksDay = NONE;
    app.initialChecksMinute = NONE;
    if (rng.chance(0.01)) return;
    const received = app.receivedDay;
    const receivedMinute = app.receivedMinute;
    if (receivedMinute !== NONE && rng.chance(0.85)) {
      // Same day later, or the next morning: always under the hours allowed.
      let day = received;
      let minute = Math.min(DAY_MAX, receivedMinute + rng.between(10, 600));
      if (rng.chance(0.4) && receivedMinute - 30 > DAY_MIN) {
        day = received + 1;
        minute = rng.between(DAY_MIN, receivedMinute - 30);
        if (realHours(received, receivedMinute, day, minute) >= initialChecksHours) {
          day = received;
          minute = Math.min(DAY_MAX, receivedMinute + 10);
        }
      }
      if (day === received && minute < receivedMinute) minute = receivedMinute;
      app.initialChecksDay = day;
      app.initialChecksMinute = minute;
    } else {
      app.initialChecksDay = received + (rng.chance(0.7) ? 0 : initialChecksDays);
    }
    if (app.initialChecksDay > this.asOf) {
      app.initialChecksDay = NONE;
      app.initialChecksMinute = NONE;
    }
  }

  /** Records a decision of this kind with its outcome on `outcomeDay` (in time unless the caller says). */
  private decide(app: Case, kind: Decision, outcomeDay: number): void {
    const rng = this.rng;
    app.decision = kind;
    app.decisionDay = NONE;
    app.disclosureDay = NONE;
    app.disclosureMethod = '';
    app.closedDay = NONE;
    switch (kind) {
      case 'disclose':
        app.decisionDay = Math.max(app.receivedDay, outcomeDay - rng.int(5));
        app.disclosureDay = outcomeDay;
        app.disclosureMethod = 'in_person';
        break;
      case 'no_disclosure':
        app.decisionDay = outcomeDay;
        break;
      case 'not_proceeded':
        if (rng.chance(0.7)) app.decisionDay = outcomeDay;
        else app.closedDay = outcomeDay;
        break;
      case 'withdrawn':
        app.decisionDay = outcomeDay;
        app.closedDay = outcomeDay;
        return;
    }
    if (app.closedDay === NONE && rng.chance(0.9)) {
      const closed = outcomeDay + rng.int(15);
      if (closed <= this.asOf) app.closedDay = closed;
    }
  }

  /** A decision in time, if the audit date leaves room for one. */
  private decideInTime(app: Case, kind: Decision, minDays = 3): boolean {
    const room = Math.min(this.limitDays(app), this.asOf - app.receivedDay);
    if (room < minDays) return false;
    this.decide(app, kind, app.receivedDay + this.rng.between(minDays, room));
    app.exceptionalCircumstances = '';
    return true;
  }

  private undecided(app: Case): void {
    app.decision = '';
    app.decisionDay = NONE;
    app.disclosureDay = NONE;
    app.disclosureMethod = '';
    app.closedDay = NONE;
    app.exceptionalCircumstances = '';
  }

  private apply(app: Case, plan: Plan): boolean {
    const rng = this.rng;
    const asOf = this.asOf;
    const received = app.receivedDay;
    switch (plan) {
      case 'no-outcome':
        return this.noOutcome(app, rng.chance(0.5));
      case 'disclosure-not-made':
        return this.disclosureNotMade(app);
      case 'deadline-missed':
        return this.deadlineMissed(app, true);
      case 'withheld-despite-history':
        return this.withheld(app);
      case 'harm-after-request':
        return this.harmAfter(app);
      case 'handler-prior-referral':
        app.handlerKind = 'prior-referral';
        app.expected.set('handler-prior-referral', 'medium');
        return true;
      case 'initial-checks-late':
        return this.checksLate(app);
      case 'face-to-face-late': {
        const meeting = addWorkingDays(received, app.variant === 'holiday' ? faceToFaceWorkingDays + 1 : rng.between(faceToFaceWorkingDays + 1, faceToFaceWorkingDays + 6));
        if (meeting > asOf) return false;
        app.faceToFaceDay = meeting;
        app.expected.set('face-to-face-late', 'low');
        return true;
      }
      case 'disclosure-not-in-person':
        if (!this.decideInTime(app, 'disclose')) return false;
        app.disclosureMethod = rng.pick<DisclosureMethod>(['telephone', 'telephone', 'written', 'other']);
        app.expected.set('disclosure-not-in-person', 'low');
        return true;
      case 'date-order':
        return this.dateOrder(app);
      case 'future-date':
        if (!this.decideInTime(app, rng.pick<Decision>(['no_disclosure', 'disclose', 'withdrawn']))) return false;
        app.closedDay = asOf + rng.between(1, 400);
        app.expected.set('future-date', 'low');
        return true;
      case 'unknown-handler':
        app.handlerKind = 'unknown';
        app.expected.set('unknown-handler', 'info');
        return true;
      case 'harm+no-outcome':
        return this.harmAndNoOutcome(app);
      case 'harm+withheld':
        return this.harmAndWithheld(app);
      case 'prior-referral+deadline-missed':
        app.handlerKind = 'prior-referral';
        app.expected.set('handler-prior-referral', 'medium');
        return this.deadlineMissed(app, false);
      case 'outlier-failure':
        app.handlerKind = 'outlier';
        return rng.chance(0.7) ? this.deadlineMissed(app, false) : this.noOutcome(app, rng.chance(0.5));
      case 'edge:spring-clock-change': {
        app.receivedMinute = rng.between(9 * 60, 18 * 60);
        app.initialChecksDay = received + 1;
        app.initialChecksMinute = app.receivedMinute + rng.between(1, 50);
        return app.initialChecksDay <= asOf && realHours(received, app.receivedMinute, app.initialChecksDay, app.initialChecksMinute) < initialChecksHours;
      }
      case 'edge:exactly-24h': {
        app.receivedMinute = rng.between(8 * 60, 18 * 60);
        app.initialChecksDay = received + 1;
        app.initialChecksMinute = app.receivedMinute;
        return app.initialChecksDay <= asOf && realHours(received, app.receivedMinute, app.initialChecksDay, app.initialChecksMinute) === initialChecksHours;
      }
      case 'edge:face-to-face-over-bank-holiday': {
        const meeting = addWorkingDays(received, faceToFaceWorkingDays);
        if (meeting > asOf) return false;
        app.faceToFaceDay = meeting;
        return true;
      }
      case 'edge:before-28-day-switch': {
        // Over the new limit, within the old one it still falls under.
        const days = rng.between(limitFromSwitch + 1, limitBeforeSwitch);
        if (received + days > asOf) return false;
        this.decide(app, rng.chance(0.5) ? 'disclose' : 'no_disclosure', received + days);
        app.exceptionalCircumstances = '';
        return true;
      }
      case 'v2:late-exceptional-no':
        // "No", "N/A" … is not exceptional circumstances recorded: medium or high, never info.
        if (!this.deadlineMissed(app, false)) return false;
        app.exceptionalCircumstances = rng.pick(NO_EXCEPTIONAL_CIRCUMSTANCES);
        return true;
      case 'v2:late-exceptional-justified':
        return this.deadlineMissed(app, 'only');
      case 'v2:harm-to-child': {
        if (!this.harmAfter(app)) return false;
        const { occurredDay, harm } = app.harm!;
        app.harm = null;
        app.childHarm = { occurredDay, harm, withParent: this.childCount++ % 2 === 0 };
        return true;
      }
      case 'v2:history-subject-victim':
        return this.historySubjectVictim(app);
      case 'v2:referral-during-handling':
        // An outcome in time; the handler is referred between receipt and the outcome (the caller picks them).
        if (!this.decideInTime(app, rng.pick<Decision>(['disclose', 'no_disclosure', 'not_proceeded']), 5)) return false;
        app.handlerKind = 'referred-during';
        app.expected.set('handler-prior-referral', 'medium');
        return true;
      case 'v2:dsi-assess':
        return this.dsiAssess(app);
      case 'v2:dsi-and-conduct':
        return this.dsiAndConduct(app);
      case 'v2:decision-record-missing':
        // Decided in time, the rationale never recorded.
        if (!this.decideInTime(app, rng.pick<Decision>(['disclose', 'no_disclosure', 'not_proceeded']))) return false;
        app.decisionRecordDay = NONE;
        app.decisionRecordModifiedDay = NONE;
        app.expected.set('decision-record-missing', 'medium');
        return true;
      case 'v2:decision-record-altered':
        return this.decisionRecordAltered(app);
      case 'v2:checks-missing': {
        // A required system never searched, or (every other one) searched only the day after the decision.
        if (!this.decideInTime(app, rng.pick<Decision>(['disclose', 'no_disclosure', 'not_proceeded']))) return false;
        const late = this.checksMissingCount++ % 2 === 1;
        app.checkPlant = { kind: late ? 'missing-late' : 'missing', system: rng.int(3) };
        app.expected.set('checks-missing', 'high');
        return true;
      }
      case 'v2:check-wrong-identity': {
        // The PNC check on a wrong date of birth, no trace; every third a near miss: the surname
        // searched in other case or with an accent, the same normalised name (must NOT fire).
        if (!this.decideInTime(app, rng.pick<Decision>(['no_disclosure', 'not_proceeded']))) return false;
        const nearMiss = this.wrongIdentityCount++ % 3 === 1;
        app.checkPlant = { kind: nearMiss ? 'surname-variant' : 'wrong-dob', system: 0 };
        if (!nearMiss) app.expected.set('check-wrong-identity', 'high');
        return true;
      }
      case 'v2:possible-duplicate-subject':
        return this.possibleDuplicate(app);
      case 'v2:withdrawn-with-history':
        return this.withdrawnWithHistory(app);
      case 'v2:source-case':
        return this.sourceCase(app);
    }
  }

  /**
   * Decided not to disclose, in time; a second person record of the subject held a
   * domestic-abuse record by the decision. The kinds take turns (DUPLICATE_CYCLE).
   */
  private possibleDuplicate(app: Case): boolean {
    const rng = this.rng;
    if (!this.decideInTime(app, rng.chance(0.8) ? 'no_disclosure' : 'not_proceeded')) return false;
    const decided = decidedDay(app);
    const kind = DUPLICATE_CYCLE[this.duplicateCount++ % DUPLICATE_CYCLE.length]!;
    app.duplicate = { kind, recordedDay: rng.chance(0.2) ? decided : decided - rng.between(1, 3650), category: rng.pick(HISTORY_CATEGORIES) };
    if (!NEAR_MISS_DUPLICATES.includes(kind)) app.expected.set('possible-duplicate-subject', 'high');
    return true;
  }

  /**
   * A Right to Ask withdrawn (decided and closed) while a domestic-abuse record of the subject was
   * held; every third a near miss, the record made the day after the withdrawal.
   */
  private withdrawnWithHistory(app: Case): boolean {
    const rng = this.rng;
    const received = app.receivedDay;
    const room = Math.min(this.limitDays(app), this.asOf - received - 1);
    if (room < 1) return false;
    this.undecided(app);
    const withdrawn = received + rng.between(1, room);
    app.decision = 'withdrawn';
    app.decisionDay = withdrawn;
    app.closedDay = Math.min(this.asOf, withdrawn + rng.int(10));
    const nearMiss = this.withdrawnCount++ % 3 === 1;
    const recordedDay = nearMiss ? withdrawn + 1 : rng.chance(0.2) ? withdrawn : withdrawn - rng.between(1, 3650);
    app.history = { recordedDay, category: rng.pick(HISTORY_CATEGORIES), subjectRole: '' };
    if (!nearMiss) app.expected.set('withdrawn-with-history', 'medium');
    return true;
  }

  /**
   * The source case (BRIEF section 5, v2; fixtures/audit/source-case): met the next day, checked
   * the day before its closure (the PNC check on a wrong date of birth, no trace; PND never
   * searched), not proceeded with and closed within the limit while a duplicate record of the
   * subject held a conviction for domestic abuse; the decision record changed months later; the
   * person at risk seriously assaulted by the subject about a month after the closure.
   */
  private sourceCase(app: Case): boolean {
    const rng = this.rng;
    const received = app.receivedDay;
    const closed = received + rng.between(4, 8);
    this.undecided(app);
    app.immediateRisk = 'no';
    app.faceToFaceDay = addWorkingDays(received, 1);
    app.decision = 'not_proceeded';
    app.decisionDay = closed;
    app.closedDay = closed;
    app.checksDay = closed - 1;
    app.checkPlant = { kind: 'source-case', system: 0 };
    app.duplicate = { kind: 'one-digit', recordedDay: received - rng.between(365, 1500), category: 'conviction' };
    app.harm = { occurredDay: closed + rng.between(28, 35), harm: 'serious_injury' };
    recordDecision(app);
    app.decisionRecordModifiedDay = closed + rng.between(60, 200);
    app.expected.set('check-wrong-identity', 'high');
    app.expected.set('checks-missing', 'high');
    app.expected.set('possible-duplicate-subject', 'high');
    app.expected.set('decision-record-altered', 'medium');
    return true;
  }

  /** Decided in time and closed; the decision-maker record changed after the closure. */
  private decisionRecordAltered(app: Case): boolean {
    const rng = this.rng;
    if (!this.decideInTime(app, rng.pick<Decision>(['disclose', 'no_disclosure', 'not_proceeded']))) return false;
    if (app.closedDay === NONE) app.closedDay = Math.max(decidedDay(app), app.disclosureDay);
    if (app.closedDay + 1 > this.asOf) return false;
    recordDecision(app);
    // One in three on the day after the closure (the first day it counts).
    app.decisionRecordModifiedDay = rng.chance(0.35) ? app.closedDay + 1 : rng.between(app.closedDay + 1, Math.min(this.asOf, app.closedDay + 400));
    app.expected.set('decision-record-altered', 'medium');
    return true;
  }

  /** A decision to disclose with no disclosure made: closed, or open past the limit. */
  private disclosureNotMade(app: Case): boolean {
    const rng = this.rng;
    const asOf = this.asOf;
    const limitDays = this.limitDays(app);
    const received = app.receivedDay;
    const room = Math.min(limitDays, asOf - received);
    if (room < 1) return false;
    this.undecided(app);
    app.decision = 'disclose';
    app.decisionDay = received + rng.between(1, room);
    if (asOf - received > limitDays && rng.chance(0.5)) {
      // open, past the limit
    } else {
      app.closedDay = Math.min(asOf, app.decisionDay + rng.int(30));
    }
    app.expected.set('disclosure-not-made', 'high');
    return true;
  }

  /** No outcome, and harm after the limit passed. */
  private harmAndNoOutcome(app: Case): boolean {
    const rng = this.rng;
    const asOf = this.asOf;
    const limitDays = this.limitDays(app);
    const received = app.receivedDay;
    if (received + limitDays + 1 > asOf) return false;
    if (!this.noOutcome(app, rng.chance(0.4))) return false;
    const harm = this.harmKind();
    app.harm = { occurredDay: rng.between(received + limitDays + 1, Math.min(received + harmWindowDays, asOf)), harm };
    return true;
  }

  /** Withheld despite history, and harm after the decision. */
  private harmAndWithheld(app: Case): boolean {
    const rng = this.rng;
    const asOf = this.asOf;
    const received = app.receivedDay;
    if (!this.withheld(app)) return false;
    const from = Math.max(decidedDay(app), received + 1);
    const to = Math.min(received + harmWindowDays, asOf);
    if (from > to) return false;
    app.harm = { occurredDay: rng.between(from, to), harm: this.harmKind() };
    return true;
  }

  /**
   * Withheld with a domestic-abuse record held before the decision, in which the subject was the
   * victim: it does not count, so withheld-despite-history must not fire.
   */
  private historySubjectVictim(app: Case): boolean {
    const rng = this.rng;
    if (!this.decideInTime(app, rng.chance(0.8) ? 'no_disclosure' : 'not_proceeded')) return false;
    const decided = decidedDay(app);
    app.history = {
      recordedDay: rng.chance(0.2) ? decided : decided - rng.between(1, 3650),
      category: rng.pick(HISTORY_CATEGORIES),
      subjectRole: 'victim',
    };
    return true;
  }

  /**
   * Decided in time; the subject kills or seriously injures the person at risk before the
   * disclosure (made in time) or after a decision not to disclose, with nothing held against them.
   * A near miss too: an outcome late, but the harm on the last day of the limit, the day before
   * the failure existed. The variants take turns, the near miss first, so even a small export has it.
   */
  private dsiAssess(app: Case): boolean {
    const rng = this.rng;
    const asOf = this.asOf;
    const limitDays = this.limitDays(app);
    const received = app.receivedDay;
    const harm = rng.pick<Harm>(['death', 'serious_injury']);
    const variant = this.dsiAssessCount % 3;
    if (variant === 0) {
      if (!this.deadlineMissed(app, false)) return false;
      app.harm = { occurredDay: received + limitDays, harm };
    } else if (variant === 1) {
      if (!this.decideInTime(app, 'disclose', 5)) return false;
      app.harm = { occurredDay: rng.between(received + 1, app.disclosureDay - 1), harm };
    } else {
      if (!this.decideInTime(app, rng.chance(0.8) ? 'no_disclosure' : 'not_proceeded')) return false;
      app.harm = { occurredDay: rng.between(received + 1, Math.min(received + harmWindowDays, asOf)), harm };
    }
    this.dsiAssessCount += 1;
    return true;
  }

  /**
   * The limit passed with no outcome (the request still open, or decided late); the harm comes
   * after the limit and before any disclosure.
   */
  private dsiAndConduct(app: Case): boolean {
    const rng = this.rng;
    const asOf = this.asOf;
    const limitDays = this.limitDays(app);
    const received = app.receivedDay;
    const harm = rng.pick<Harm>(['death', 'serious_injury']);
    if (rng.chance(0.5)) {
      if (received + limitDays + 1 > asOf || !this.noOutcome(app, false)) return false;
    } else if (!this.deadlineMissed(app, false)) return false;
    const last = Math.min(received + harmWindowDays, asOf, app.disclosureDay === NONE ? asOf : app.disclosureDay - 1);
    const firstFailing = received + limitDays + 1;
    if (firstFailing > last) return false;
    // Every third (the first among them) on the first day the failure existed.
    app.harm = { occurredDay: this.dsiConductCount++ % 3 === 0 ? firstFailing : rng.between(firstFailing, last), harm };
    return true;
  }

  /** Harm of a planted incident, in a fixed cycle (3 in 10 critical), so even a small export has both severities. */
  private harmKind(): Harm {
    return HARM_CYCLE[this.harmCount++ % HARM_CYCLE.length]!;
  }

  private noOutcome(app: Case, closedVariant: boolean): boolean {
    const limitDays = this.limitDays(app);
    const pastLimit = this.asOf - app.receivedDay > limitDays;
    if (!closedVariant && !pastLimit) closedVariant = true;
    if (closedVariant && app.receivedDay + 1 > this.asOf) return false;
    this.undecided(app);
    if (closedVariant) app.closedDay = Math.min(this.asOf, app.receivedDay + this.rng.between(1, limitDays + 30));
    app.expected.set('no-outcome', 'high');
    return true;
  }

  /** `allowInfo`: 'only' plants the info variant (exceptional circumstances recorded) alone. */
  private deadlineMissed(app: Case, allowInfo: boolean | 'only'): boolean {
    const rng = this.rng;
    const limitDays = this.limitDays(app);
    let severity: Severity;
    let days: number;
    const severityDraw = rng.next();
    if (app.variant === 'switch') {
      severity = 'medium';
      // Over the new limit, but within the old one (a reader of the wrong limit misses it).
      days = rng.between(limitFromSwitch + 1, limitBeforeSwitch - 1);
    } else if (allowInfo === 'only' || (allowInfo && severityDraw < 0.3)) {
      severity = 'info';
      days = rng.between(limitDays + 1, 3 * limitDays);
    } else if (severityDraw < 0.55) {
      severity = 'high';
      days = rng.between(2 * limitDays + 1, Math.floor(3.5 * limitDays));
    } else {
      severity = 'medium';
      const daysDraw = rng.next();
      days = daysDraw < 0.1 ? limitDays + 1 : daysDraw < 0.2 ? 2 * limitDays : rng.between(limitDays + 2, 2 * limitDays - 1);
    }
    const outcomeDay = app.receivedDay + days;
    if (outcomeDay > this.asOf) return false;
    const kindDraw = rng.next();
    if (kindDraw < 0.4) {
      this.decide(app, 'disclose', outcomeDay);
      app.decisionDay = Math.max(app.receivedDay, outcomeDay - rng.int(11));
    } else {
      this.decide(app, kindDraw < 0.85 ? 'no_disclosure' : 'not_proceeded', outcomeDay);
    }
    app.exceptionalCircumstances =
      severity === 'info' ? rng.pick(allowInfo === 'only' ? JUSTIFIED_CIRCUMSTANCES : EXCEPTIONAL_CIRCUMSTANCES) : '';
    app.expected.set('deadline-missed', severity);
    return true;
  }

  private withheld(app: Case): boolean {
    const rng = this.rng;
    if (!this.decideInTime(app, rng.chance(0.8) ? 'no_disclosure' : 'not_proceeded')) return false;
    const decided = decidedDay(app);
    app.history = {
      recordedDay: rng.chance(0.1) ? decided : decided - rng.between(1, 3650),
      category: rng.pick(HISTORY_CATEGORIES),
      subjectRole: '',
    };
    app.expected.set('withheld-despite-history', 'high');
    return true;
  }

  private harmAfter(app: Case): boolean {
    const rng = this.rng;
    const asOf = this.asOf;
    const received = app.receivedDay;
    const harm = this.harmKind();
    if (rng.chance(0.3)) {
      // Harmed while waiting: disclosure made, but only after the incident.
      if (!this.decideInTime(app, 'disclose', 10)) return false;
      app.harm = { occurredDay: rng.between(received + 1, app.disclosureDay - 1), harm };
    } else {
      if (received + 1 > asOf) return false;
      if (app.disclosureDay !== NONE) {
        app.decision = 'no_disclosure';
        app.decisionDay = app.disclosureDay;
        app.disclosureDay = NONE;
        app.disclosureMethod = '';
      }
      const last = Math.min(received + harmWindowDays, asOf);
      app.harm = { occurredDay: rng.chance(0.15) ? last : rng.between(received + 1, last), harm };
    }
    return true;
  }

  private checksLate(app: Case): boolean {
    const rng = this.rng;
    const received = app.receivedDay;
    if (app.variant === 'autumn') {
      app.receivedMinute = rng.between(9 * 60, 18 * 60);
      app.initialChecksDay = received + 1;
      app.initialChecksMinute = app.receivedMinute - rng.between(1, 50);
      if (realHours(received, app.receivedMinute, app.initialChecksDay, app.initialChecksMinute) <= initialChecksHours) return false;
    } else if (rng.chance(0.5)) {
      if (app.receivedMinute === NONE) app.receivedMinute = rng.between(DAY_MIN, 20 * 60);
      app.initialChecksDay = received + rng.between(1, 3);
      app.initialChecksMinute = rng.between(DAY_MIN, DAY_MAX);
      while (realHours(received, app.receivedMinute, app.initialChecksDay, app.initialChecksMinute) <= initialChecksHours) app.initialChecksDay += 1;
    } else {
      app.initialChecksDay = received + rng.between(initialChecksDays + 1, initialChecksDays + 4);
      app.initialChecksMinute = NONE;
    }
    if (app.initialChecksDay > this.asOf) return false;
    app.immediateRisk = rng.chance(0.3) ? 'yes' : 'no';
    app.expected.set('initial-checks-late', app.immediateRisk === 'yes' ? 'high' : 'medium');
    return true;
  }

  private dateOrder(app: Case): boolean {
    const rng = this.rng;
    const received = app.receivedDay;
    const variantDraw = rng.next();
    if (variantDraw < 0.3) {
      // Disclosure recorded before the decision.
      if (!this.decideInTime(app, 'disclose')) return false;
      const daysLater = Math.min(rng.between(1, 3), this.asOf - app.disclosureDay);
      if (daysLater < 1) return false;
      app.decisionDay = app.disclosureDay + daysLater;
      if (app.closedDay !== NONE && app.closedDay < app.decisionDay) app.closedDay = app.decisionDay;
    } else if (variantDraw < 0.55) {
      app.initialChecksDay = received - rng.between(1, 3);
      app.initialChecksMinute = NONE;
    } else if (variantDraw < 0.8 || app.route !== 'right_to_ask') {
      if (!this.decideInTime(app, 'no_disclosure')) return false;
      app.closedDay = received - rng.between(1, 30);
    } else {
      app.faceToFaceDay = received - rng.between(1, 5);
    }
    app.expected.set('date-order', 'low');
    return true;
  }
}
