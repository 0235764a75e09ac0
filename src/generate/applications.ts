/**
 * The applications table, written as the applications are made: for each slot a case (a plan's
 * when one is due and can be placed, else a clean background case), its people and its handler;
 * what the later passes and the ground truth need of it is kept as it goes.
 */
import { type Case, endDay, isServiceFailure, NONE, SCHEME_START } from './case.js';
import { CaseBuilder } from './case-builder.js';
import type { TruthTally } from './ground-truth.js';
import type { Handlers } from './handlers.js';
import { applicationId, personId } from './ids.js';
import type { Layout } from './layout.js';
import type { ApplicationPeople, People } from './people.js';
import { PLANS, V2_PLANS } from './plans.js';
import type { Rng } from './prng.js';
import { PlanSchedule, planRates, v2PlanRates } from './schedule.js';
import type { ApplicationState } from './state.js';
import { csvField, type TableWriter } from './table-writer.js';

/** What a slot holds. */
interface Placement {
  readonly app: Case;
  /** The case the main stream built for the slot: `app` itself unless a v2 plan took the slot. */
  readonly mainCase: Case;
  /** A v2 plan took this (background) slot. */
  readonly v2Slot: boolean;
  /** The handler chosen for a v2 case referred while it is held (else ''). */
  readonly presetHandler: string;
  /** The main stream's draw after the case, that decides whether earlier people are reused. */
  readonly reuseDraw: number;
}

/** Places the plans: the v1 plans on the main stream, the v2 plans on a stream of their own (see V2_PLANS). */
class CasePlacer {
  private readonly schedule: PlanSchedule<(typeof PLANS)[number]>;
  private readonly v2Schedule: PlanSchedule<(typeof V2_PLANS)[number]>;
  private readonly builder: CaseBuilder;
  private readonly v2Builder: CaseBuilder;

  constructor(
    count: number,
    asOf: number,
    private readonly handlers: Handlers,
    private readonly people: People,
    private readonly rng: Rng,
    private readonly v2Rng: Rng,
    handlerCount: number,
  ) {
    this.schedule = new PlanSchedule(PLANS, planRates(count, handlerCount), rng);
    this.v2Schedule = new PlanSchedule(V2_PLANS, v2PlanRates(count), v2Rng);
    this.builder = new CaseBuilder(rng, asOf);
    this.v2Builder = new CaseBuilder(v2Rng, asOf);
  }

  place(naturalDay: number): Placement {
    this.schedule.advance();
    let planned: Case | null = null;
    for (const k of this.schedule.due()) {
      const plan = PLANS[k]!;
      if (plan === 'handler-prior-referral' || plan === 'prior-referral+deadline-missed') {
        if (!(this.handlers.firstReferral < naturalDay)) continue;
      }
      const attempt = this.builder.build(naturalDay, plan);
      if (attempt) {
        planned = attempt;
        this.schedule.planted(k);
        break;
      }
    }
    // The background case is built even where a v2 plan takes the slot, so the main stream's
    // draws stay as they were.
    const mainCase = planned ?? this.builder.build(naturalDay, null)!;
    const reuseDraw = this.rng.next();
    this.v2Schedule.advance();
    const v2 = planned === null ? this.placeV2(naturalDay, mainCase, reuseDraw) : null;
    return { app: v2?.app ?? mainCase, mainCase, v2Slot: v2 !== null, presetHandler: v2?.presetHandler ?? '', reuseDraw };
  }

  /**
   * (v2) plans, only in a background slot, and (when they need people of their own) only where
   * the background case would not have reused anyone's.
   */
  private placeV2(naturalDay: number, background: Case, reuseDraw: number): { app: Case; presetHandler: string } | null {
    const reuses = this.people.wouldReuse(reuseDraw);
    for (const k of this.v2Schedule.due()) {
      const attempt = this.v2Builder.build(naturalDay, V2_PLANS[k]!, background.route);
      if (!attempt) continue;
      if ((attempt.harm !== null || attempt.childHarm !== null || attempt.history !== null || attempt.duplicate !== null) && reuses) continue;
      let presetHandler = '';
      if (attempt.handlerKind === 'referred-during') {
        presetHandler = this.handlers.referredDuring(attempt, this.v2Rng);
        if (presetHandler === '') continue;
      }
      this.v2Schedule.planted(k);
      return { app: attempt, presetHandler };
    }
    return null;
  }
}

/** Received dates follow volumes that grow about fivefold over the period, in id order. */
function naturalDays(count: number, asOf: number, rng: Rng): (i: number) => number {
  const span = Math.max(1, asOf - SCHEME_START);
  const growth = Math.log(5) / span;
  return (i) => {
    const share = (i + rng.next()) / count;
    return Math.min(asOf, SCHEME_START + Math.floor(Math.log(1 + share * 4) / growth));
  };
}

function applicationRow(layout: Layout, i: number, app: Case, people: ApplicationPeople, handler: string): string[] {
  const date = (day: number, minute = NONE): string => (day === NONE ? '' : minute !== NONE ? layout.dateTime(day, minute) : layout.date(day));
  return [
    applicationId(i),
    layout.code('route', app.route),
    date(app.receivedDay, app.receivedMinute),
    people.applicant === NONE ? '' : personId(people.applicant),
    personId(people.personAtRisk),
    personId(people.subject),
    handler,
    date(app.initialChecksDay, app.initialChecksMinute),
    layout.code('immediate_risk', app.immediateRisk),
    date(app.faceToFaceDay),
    layout.code('decision', app.decision),
    date(app.decisionDay),
    date(app.disclosureDay),
    layout.code('disclosure_method', app.disclosureMethod),
    csvField(app.exceptionalCircumstances),
    date(app.closedDay),
    csvField(app.notes),
    app.decisionRecordDay === NONE ? '' : handler,
    date(app.decisionRecordDay),
    date(app.decisionRecordModifiedDay),
  ];
}

export interface ApplicationsPass {
  readonly asOf: number;
  readonly handlerCount: number;
  readonly state: ApplicationState;
  readonly people: People;
  readonly handlers: Handlers;
  readonly tally: TruthTally;
  /** The main stream (v1 plans, background cases, people, handlers) and the v2 plans' stream. */
  readonly rng: Rng;
  readonly v2Rng: Rng;
}

export async function writeApplications(writer: TableWriter, layout: Layout, pass: ApplicationsPass): Promise<void> {
  const { asOf, state, people, handlers, tally, rng } = pass;
  const count = state.count;
  // Its constructor draws the plans' phases: the first draws of each stream.
  const placer = new CasePlacer(count, asOf, handlers, people, rng, pass.v2Rng, pass.handlerCount);
  const naturalDay = naturalDays(count, asOf, rng);
  for (let i = 0; i < count; i++) {
    const { app, mainCase, v2Slot, presetHandler, reuseDraw } = placer.place(naturalDay(i));
    // A plan whose findings hang on the pair or the subject gets people of its own.
    const ownPeople = !v2Slot && (app.harm !== null || app.history !== null);
    const appPeople = people.pick(i, app, ownPeople, reuseDraw, rng);
    const failing = isServiceFailure(app.expected);
    const handler = handlers.assign({ app, failing, v2Slot, presetHandler, mainEnd: endDay(mainCase, asOf) }, rng);
    tally.record(i, app, handler, failing);
    handlers.record(handler, app, failing);
    state.record(i, app, asOf, v2Slot, mainCase);
    people.offer(i, app, v2Slot);
    writer.line(applicationRow(layout, i, app, appPeople, handler));
    if (writer.full) await writer.flush();
  }
  await writer.close();
}
