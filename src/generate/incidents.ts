/**
 * The incidents table, and the household table of the children harmed in it. Each planted harm
 * is written with the (application, incident) pairs it must fire for; around them, incidents on
 * each pair that must not fire and incidents with other people, from the incident stream.
 */
import type { Severity } from '../engine/types.js';
import type { Harm } from '../model/records.js';
import { NONE, SCHEME_START } from './case.js';
import type { HarmPairs } from './ground-truth.js';
import { applicationId, pad, personId } from './ids.js';
import type { Layout } from './layout.js';
import type { People } from './people.js';
import type { Rng } from './prng.js';
import { type ApplicationState, HARM_CODES } from './state.js';
import type { TableWriter } from './table-writer.js';
import { THRESHOLDS } from './thresholds.js';

export interface HouseholdMember {
  readonly person: number;
  readonly member: number;
  readonly relationship: 'child' | 'other';
}

const severityOf = (harm: Harm): Severity => (harm === 'death' || harm === 'serious_injury' ? 'critical' : 'high');

/** Numbers the incidents as they are written. */
class IncidentTable {
  private count = 0;

  constructor(
    private readonly writer: TableWriter,
    private readonly layout: Layout,
  ) {}

  /** The next incident id; also taken by an incident left out, so the ids of later ones stay as they were. */
  nextId(): string {
    this.count += 1;
    return `IN${pad(this.count, 8)}`;
  }

  /** A row of incident `incidentId` (one incident with two victims is two rows with one id). */
  row(incidentId: string, occurredDay: number, victim: number, suspect: number, harm: Harm): void {
    this.writer.line([incidentId, this.layout.date(occurredDay), personId(victim), personId(suspect), this.layout.code('harm', harm)]);
  }

  write(occurredDay: number, victim: number, suspect: number, harm: Harm): string {
    const incidentId = this.nextId();
    this.row(incidentId, occurredDay, victim, suspect, harm);
    return incidentId;
  }
}

class IncidentsPass {
  private readonly table: IncidentTable;
  readonly household: HouseholdMember[] = [];

  constructor(
    writer: TableWriter,
    layout: Layout,
    private readonly state: ApplicationState,
    private readonly people: People,
    private readonly pairs: HarmPairs,
    private readonly asOf: number,
    private readonly rng: Rng,
  ) {
    this.table = new IncidentTable(writer, layout);
  }

  /**
   * Would an incident on application j's pair, on this day, make harm-after-request fire for it,
   * had it this disclosure date?
   */
  private firesWith(disclosureDay: number, j: number, occurredDay: number): boolean {
    const received = this.state.receivedDay[j]!;
    return (
      occurredDay > received && occurredDay - received <= THRESHOLDS.harmWindowDays && !(disclosureDay !== NONE && disclosureDay <= occurredDay)
    );
  }

  private fires(j: number, occurredDay: number): boolean {
    return this.firesWith(this.state.disclosureDay[j]!, j, occurredDay);
  }

  /** As the background case of a v2 slot would have been: decides the draws. */
  private firesForBackground(j: number, occurredDay: number): boolean {
    return this.firesWith(this.state.backgroundDisclosureDay.get(j) ?? this.state.disclosureDay[j]!, j, occurredDay);
  }

  /** A planted harm to the person at risk of application i, with the pairs it fires for. */
  plantedHarm(i: number, occurredDay: number, harm: Harm): void {
    const state = this.state;
    const incidentId = this.table.write(occurredDay, state.personAtRisk[i]!, state.subject[i]!, harm);
    const severity = severityOf(harm);
    for (const j of state.chainOf(i)) if (this.fires(j, occurredDay)) this.pairs.add(j, occurredDay, { applicationId: applicationId(j), incidentId, severity });
  }

  private backgroundHarm(): Harm {
    const draw = this.rng.next();
    return draw < 0.01 ? 'death' : draw < 0.07 ? 'serious_injury' : draw < 0.45 ? 'injury' : 'no_injury';
  }

  /**
   * Incidents on the pair of application i that must not fire: before receipt (what led to the
   * application), after a disclosure was made, or after the harm window. (v2) The draws follow
   * the background case of a v2 slot; an incident that would fire for the real case is left out
   * (its number too, so the numbers of later incidents stay as they were).
   */
  cleanIncidents(i: number): void {
    const state = this.state;
    const rng = this.rng;
    const received = state.receivedDay[i]!;
    const alone = state.alone(i);
    const background = state.backgroundDisclosureDay;
    const v2Chain = background.size > 0 && (alone ? background.has(i) : state.chainOf(i).some((j) => background.has(j)));
    const clean = (occurredDay: number): void => {
      if (occurredDay > this.asOf) return;
      if (alone ? this.firesForBackground(i, occurredDay) : state.chainOf(i).some((j) => this.firesForBackground(j, occurredDay))) return;
      const harm = this.backgroundHarm();
      if (v2Chain && (alone ? this.fires(i, occurredDay) : state.chainOf(i).some((j) => this.fires(j, occurredDay)))) {
        this.table.nextId();
        return;
      }
      this.table.write(occurredDay, state.personAtRisk[i]!, state.subject[i]!, harm);
    };
    const disclosureDay = background.get(i) ?? state.disclosureDay[i]!;
    const window = THRESHOLDS.harmWindowDays;
    if (rng.chance(0.35)) clean(received - (rng.chance(0.1) ? 0 : rng.between(1, 200)));
    if (disclosureDay !== NONE && rng.chance(0.08)) clean(disclosureDay + (rng.chance(0.2) ? 0 : rng.between(1, 300)));
    if (rng.chance(0.03)) clean(received + (rng.chance(0.2) ? window + 1 : rng.between(window + 2, 900)));
  }

  /** Incidents of the person at risk of application i with other people, and of people with no application. */
  otherIncidents(i: number): void {
    const rng = this.rng;
    const people = this.people;
    if (rng.chance(0.15)) {
      const occurredDay = Math.min(this.asOf, this.state.receivedDay[i]! - 400 + rng.int(800));
      this.table.write(occurredDay, this.state.personAtRisk[i]!, people.newPerson(), this.backgroundHarm());
    }
    if (rng.chance(0.25)) {
      const occurredDay = SCHEME_START + rng.int(this.asOf - SCHEME_START + 1);
      this.table.write(occurredDay, people.newPerson(), people.newPerson(), this.backgroundHarm());
    }
  }

  /**
   * (v2) A child of the person at risk of application i harmed by the subject. The person at risk
   * has a child and another member in the household; the subject harms the child (and, in one
   * variant, the parent in the same incident: two rows, one id) and the other member, whose
   * incident must not fire (only a child counts).
   */
  childHarm(i: number): void {
    const state = this.state;
    const personAtRisk = state.personAtRisk[i]!;
    const subject = state.subject[i]!;
    const child = this.people.newPerson();
    const other = this.people.newPerson();
    this.household.push({ person: personAtRisk, member: child, relationship: 'child' }, { person: personAtRisk, member: other, relationship: 'other' });
    const occurredDay = state.childHarmDay[i]!;
    const harm = HARM_CODES[state.childHarmCode[i]!]!;
    const severity = severityOf(harm);
    const incidentId = this.table.nextId();
    const firing = state.chainOf(i).filter((j) => this.fires(j, occurredDay));
    if (state.childWithParent[i]) {
      this.table.row(incidentId, occurredDay, personAtRisk, subject, harm);
      for (const j of firing) this.pairs.add(j, occurredDay, { applicationId: applicationId(j), incidentId, severity });
    }
    this.table.row(incidentId, occurredDay, child, subject, harm);
    for (const j of firing) {
      this.pairs.add(j, occurredDay, { applicationId: applicationId(j), incidentId, severity, victimId: personId(child), victimRelation: 'child' });
    }
    this.table.write(occurredDay, other, subject, 'injury');
  }
}

/**
 * Writes the incidents; returns the household members of the harmed children. The v2 incidents
 * (the children harmed, and the harm of the v2 cases to the person at risk) come after the
 * background's, so its incident and person numbers stay as they were.
 */
export async function writeIncidents(
  writer: TableWriter,
  layout: Layout,
  state: ApplicationState,
  people: People,
  pairs: HarmPairs,
  asOf: number,
  rng: Rng,
): Promise<HouseholdMember[]> {
  const pass = new IncidentsPass(writer, layout, state, people, pairs, asOf, rng);
  const n = state.count;
  for (let i = 0; i < n; i++) {
    if (state.harmDay[i] !== NONE) pass.plantedHarm(i, state.harmDay[i]!, HARM_CODES[state.harmCode[i]!]!);
    pass.cleanIncidents(i);
    pass.otherIncidents(i);
    if (writer.full) await writer.flush();
  }
  for (let i = 0; i < n; i++) {
    if (state.v2HarmDay[i] !== NONE) pass.plantedHarm(i, state.v2HarmDay[i]!, HARM_CODES[state.v2HarmCode[i]!]!);
    if (state.childHarmDay[i] === NONE) continue;
    pass.childHarm(i);
    if (writer.full) await writer.flush();
  }
  await writer.close();
  return pass.household;
}

/** Relevant persons of people at risk: those of the v2 harmed children. */
export async function writeHousehold(writer: TableWriter, layout: Layout, members: readonly HouseholdMember[]): Promise<void> {
  for (const { person, member, relationship } of members) {
    writer.line([personId(person), personId(member), layout.code('relationship', relationship)]);
  }
  await writer.close();
}
