/**
 * The loaded export with its indexes. Every join a rule makes goes through an index built once
 * here; no rule scans a whole table per application.
 */
import type {
  Application,
  ConductReferral,
  HistoryRecord,
  Incident,
  Staff,
  TableName,
} from './records.js';

export interface DatasetTables {
  applications: readonly Application[];
  incidents?: readonly Incident[] | null;
  history?: readonly HistoryRecord[] | null;
  staff?: readonly Staff[] | null;
  conduct_referrals?: readonly ConductReferral[] | null;
}

const EMPTY: readonly never[] = Object.freeze([]);

function groupBy<T>(rows: readonly T[], key: (row: T) => string | null): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    if (k === null) continue;
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

// A separator that cannot occur in a trimmed CSV id, so (victim, suspect) keys never collide.
const PAIR_SEPARATOR = '\u0000';

export class Dataset {
  readonly applications: readonly Application[];
  /** null when the table was not supplied (a rule needing it is skipped). */
  readonly incidents: readonly Incident[] | null;
  readonly history: readonly HistoryRecord[] | null;
  readonly staff: readonly Staff[] | null;
  readonly conductReferrals: readonly ConductReferral[] | null;

  private readonly byId: Map<string, Application>;
  private readonly bySubject: Map<string, Application[]>;
  private readonly byPersonAtRisk: Map<string, Application[]>;
  private readonly byHandler: Map<string, Application[]>;
  private readonly incidentsByPairIndex: Map<string, Incident[]>;
  private readonly incidentsByVictimIndex: Map<string, Incident[]>;
  private readonly historyBySubjectIndex: Map<string, HistoryRecord[]>;
  private readonly referralsByStaffIndex: Map<string, ConductReferral[]>;
  private readonly staffByIdIndex: Map<string, Staff>;

  constructor(tables: DatasetTables) {
    this.applications = tables.applications;
    this.incidents = tables.incidents ?? null;
    this.history = tables.history ?? null;
    this.staff = tables.staff ?? null;
    this.conductReferrals = tables.conduct_referrals ?? null;

    this.byId = new Map();
    for (const a of this.applications) {
      if (this.byId.has(a.application_id)) {
        throw new Error(`duplicate application_id ${a.application_id} reached the Dataset`);
      }
      this.byId.set(a.application_id, a);
    }
    this.bySubject = groupBy(this.applications, (a) => a.subject_id);
    this.byPersonAtRisk = groupBy(this.applications, (a) => a.person_at_risk_id);
    this.byHandler = groupBy(this.applications, (a) => a.handler_id);
    this.incidentsByPairIndex = groupBy(this.incidents ?? EMPTY, (i) => i.victim_id + PAIR_SEPARATOR + i.suspect_id);
    this.incidentsByVictimIndex = groupBy(this.incidents ?? EMPTY, (i) => i.victim_id);
    this.historyBySubjectIndex = groupBy(this.history ?? EMPTY, (h) => h.subject_id);
    this.referralsByStaffIndex = groupBy(this.conductReferrals ?? EMPTY, (r) => r.staff_id);
    this.staffByIdIndex = new Map((this.staff ?? EMPTY).map((s) => [s.staff_id, s]));
  }

  /** Was this table supplied? (`applications` always is.) */
  has(table: TableName): boolean {
    switch (table) {
      case 'applications':
        return true;
      case 'incidents':
        return this.incidents !== null;
      case 'history':
        return this.history !== null;
      case 'staff':
        return this.staff !== null;
      case 'conduct_referrals':
        return this.conductReferrals !== null;
    }
  }

  application(id: string): Application | undefined {
    return this.byId.get(id);
  }

  applicationsBySubject(subjectId: string): readonly Application[] {
    return this.bySubject.get(subjectId) ?? EMPTY;
  }

  applicationsByPersonAtRisk(personId: string): readonly Application[] {
    return this.byPersonAtRisk.get(personId) ?? EMPTY;
  }

  applicationsByHandler(staffId: string): readonly Application[] {
    return this.byHandler.get(staffId) ?? EMPTY;
  }

  /** Handler ids with at least one application, in sorted order. */
  handlerIds(): string[] {
    return [...this.byHandler.keys()].sort();
  }

  /** Incidents with this victim and this suspect. */
  incidentsByPair(victimId: string, suspectId: string): readonly Incident[] {
    return this.incidentsByPairIndex.get(victimId + PAIR_SEPARATOR + suspectId) ?? EMPTY;
  }

  /** Incidents in which this person was the victim, whoever the suspect. */
  incidentsByVictim(victimId: string): readonly Incident[] {
    return this.incidentsByVictimIndex.get(victimId) ?? EMPTY;
  }

  historyBySubject(subjectId: string): readonly HistoryRecord[] {
    return this.historyBySubjectIndex.get(subjectId) ?? EMPTY;
  }

  referralsByStaff(staffId: string): readonly ConductReferral[] {
    return this.referralsByStaffIndex.get(staffId) ?? EMPTY;
  }

  staffById(staffId: string): Staff | undefined {
    return this.staffByIdIndex.get(staffId);
  }
}
