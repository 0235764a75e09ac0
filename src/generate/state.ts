/**
 * What the passes after the applications need of each application and each person, kept in typed
 * arrays (a few integers per application), so memory stays flat at a million applications while
 * the applications themselves are written as they are made.
 */
import type { Harm } from '../model/records.js';
import { HISTORY_CATEGORIES } from '../model/records.js';
import { type Case, CHECK_PLANT_KINDS, DUPLICATE_KINDS, judgedDay, NONE, NOT_JUDGED } from './case.js';

export const HARM_CODES: readonly Harm[] = ['death', 'serious_injury', 'injury', 'no_injury'];

export class ApplicationState {
  readonly receivedDay: Int32Array;
  readonly personAtRisk: Int32Array;
  readonly subject: Int32Array;
  readonly disclosureDay: Int32Array;
  /** (v2) The day its checks were made: received, or the decision (else closure) date if earlier (or the plan's own, `Case.checksDay`). */
  readonly checkDay: Int32Array;
  /** (v2) The planted change to its checks (1 + CHECK_PLANT_KINDS index; 0: none), the system, and the decision (else closure) date. */
  readonly checkPlant: Uint8Array;
  readonly checkPlantSystem: Uint8Array;
  readonly checkPlantDay: Int32Array;
  /**
   * (v2) The planted second person record of its subject (1 + DUPLICATE_KINDS index; 0: none), and
   * the day and category (HISTORY_CATEGORIES index) of the domestic-abuse record it holds.
   */
  readonly duplicateKind: Uint8Array;
  readonly duplicateDay: Int32Array;
  readonly duplicateCategory: Uint8Array;
  /** Applications on the same pair (person at risk, subject), linked in id order; NONE ends a chain. */
  readonly pairPrev: Int32Array;
  readonly pairNext: Int32Array;
  /** The planted incident against the person at risk (HARM_CODES index); NONE: none. */
  readonly harmDay: Int32Array;
  readonly harmCode: Uint8Array;
  /** (v2) Harm of a v2 case to the person at risk: written after the background's incidents. */
  readonly v2HarmDay: Int32Array;
  readonly v2HarmCode: Uint8Array;
  /** (v2) The planted incident against a child; `childWithParent`: the parent is a victim of it too. */
  readonly childHarmDay: Int32Array;
  readonly childHarmCode: Uint8Array;
  readonly childWithParent: Uint8Array;
  /** The planted history record of the subject (HISTORY_CATEGORIES index); NONE: none. */
  readonly historyDay: Int32Array;
  readonly historyCategory: Uint8Array;
  readonly historyVictim: Uint8Array;
  /** (v2) The planted record is a v2 case's: written after the background's, so their ids stay as they were. */
  readonly historyV2: Uint8Array;
  /** Per person: the latest `judgedDay` of the applications with them as subject. */
  readonly subjectJudgedDay: Int32Array;
  /**
   * (v2) Subjects of v2 cases: their `subjectJudgedDay` had the background cases stood; and the
   * background case's disclosure date of each v2 slot. The later passes draw from these, so their
   * streams stay as they were; what they write is then checked against the real cases.
   */
  readonly backgroundJudgedDay = new Map<number, number>();
  readonly backgroundDisclosureDay = new Map<number, number>();

  constructor(readonly count: number) {
    const n = count;
    this.receivedDay = new Int32Array(n);
    this.personAtRisk = new Int32Array(n);
    this.subject = new Int32Array(n);
    this.disclosureDay = new Int32Array(n);
    this.checkDay = new Int32Array(n).fill(NONE);
    this.checkPlant = new Uint8Array(n);
    this.checkPlantSystem = new Uint8Array(n);
    this.checkPlantDay = new Int32Array(n).fill(NONE);
    this.duplicateKind = new Uint8Array(n);
    this.duplicateDay = new Int32Array(n).fill(NONE);
    this.duplicateCategory = new Uint8Array(n);
    this.harmDay = new Int32Array(n).fill(NONE);
    this.harmCode = new Uint8Array(n);
    this.pairPrev = new Int32Array(n).fill(NONE);
    this.pairNext = new Int32Array(n).fill(NONE);
    this.historyDay = new Int32Array(n).fill(NONE);
    this.historyCategory = new Uint8Array(n);
    this.historyVictim = new Uint8Array(n);
    this.historyV2 = new Uint8Array(n);
    this.v2HarmDay = new Int32Array(n).fill(NONE);
    this.v2HarmCode = new Uint8Array(n);
    this.childHarmDay = new Int32Array(n).fill(NONE);
    this.childHarmCode = new Uint8Array(n);
    this.childWithParent = new Uint8Array(n);
    // Each application brings at most three people (applicant, person at risk, subject).
    this.subjectJudgedDay = new Int32Array(3 * n + 16).fill(NOT_JUDGED);
  }

  /** Room for a flag per person who can be a subject. */
  get personCapacity(): number {
    return this.subjectJudgedDay.length;
  }

  /** Keeps what the later passes need of application i (its people already set by People.pick). */
  record(i: number, app: Case, asOf: number, v2Slot: boolean, mainCase: Case): void {
    this.receivedDay[i] = app.receivedDay;
    this.disclosureDay[i] = app.disclosureDay;
    const checksBy = app.decisionDay !== NONE ? app.decisionDay : app.closedDay !== NONE ? app.closedDay : asOf;
    this.checkDay[i] = app.checksDay !== NONE ? app.checksDay : Math.min(app.receivedDay, checksBy);
    if (app.duplicate) {
      this.duplicateKind[i] = 1 + DUPLICATE_KINDS.indexOf(app.duplicate.kind);
      this.duplicateDay[i] = app.duplicate.recordedDay;
      this.duplicateCategory[i] = HISTORY_CATEGORIES.indexOf(app.duplicate.category);
    }
    if (app.checkPlant) {
      this.checkPlant[i] = 1 + CHECK_PLANT_KINDS.indexOf(app.checkPlant.kind);
      this.checkPlantSystem[i] = app.checkPlant.system;
      this.checkPlantDay[i] = checksBy;
    }
    if (app.harm && v2Slot) {
      this.v2HarmDay[i] = app.harm.occurredDay;
      this.v2HarmCode[i] = HARM_CODES.indexOf(app.harm.harm);
    } else if (app.harm) {
      this.harmDay[i] = app.harm.occurredDay;
      this.harmCode[i] = HARM_CODES.indexOf(app.harm.harm);
    }
    if (app.history) {
      this.historyDay[i] = app.history.recordedDay;
      this.historyCategory[i] = HISTORY_CATEGORIES.indexOf(app.history.category);
      this.historyVictim[i] = app.history.subjectRole === 'victim' ? 1 : 0;
      this.historyV2[i] = v2Slot ? 1 : 0;
    }
    if (app.childHarm) {
      this.childHarmDay[i] = app.childHarm.occurredDay;
      this.childHarmCode[i] = HARM_CODES.indexOf(app.childHarm.harm);
      this.childWithParent[i] = app.childHarm.withParent ? 1 : 0;
    }
    // The date a history record must follow for this application to stay clean of
    // withheld-despite-history (an open case counts up to the audit date).
    const subject = this.subject[i]!;
    const judged = this.subjectJudgedDay;
    const background = this.backgroundJudgedDay;
    if (v2Slot) {
      // What the background case would have given: the history and incident passes draw from it.
      background.set(subject, Math.max(background.get(subject) ?? judged[subject]!, judgedDay(mainCase, asOf)));
      this.backgroundDisclosureDay.set(i, mainCase.disclosureDay);
    } else if (background.has(subject)) background.set(subject, Math.max(background.get(subject)!, judgedDay(app, asOf)));
    const day = judgedDay(app, asOf);
    if (day > judged[subject]!) judged[subject] = day;
  }

  /** Links application i after the last one on the pair of application `earlier`. */
  linkPair(earlier: number, i: number): void {
    let tail = earlier;
    while (this.pairNext[tail] !== NONE) tail = this.pairNext[tail]!;
    this.pairNext[tail] = i;
    this.pairPrev[i] = tail;
  }

  /** Whether application i shares its pair with no other application. */
  alone(i: number): boolean {
    return this.pairPrev[i] === NONE && this.pairNext[i] === NONE;
  }

  /** The applications on the pair of application i, in id order. */
  chainOf(i: number): number[] {
    let head = i;
    while (this.pairPrev[head] !== NONE) head = this.pairPrev[head]!;
    const chain: number[] = [];
    for (let j = head; j !== NONE; j = this.pairNext[j]!) chain.push(j);
    return chain;
  }
}
