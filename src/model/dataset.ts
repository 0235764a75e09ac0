/**
 * The loaded export with its indexes. Every join a rule makes goes through an index built once
 * here; no rule scans a whole table per application.
 */
import type {
  Application,
  Check,
  ConductReferral,
  HistoryRecord,
  HouseholdMember,
  Incident,
  Person,
  Staff,
  TableName,
} from './records.js';
import { compareText } from '../shared/compare.js';
import { duplicateKey } from './identity.js';

export interface DatasetTables {
  applications: readonly Application[];
  incidents?: readonly Incident[] | null;
  history?: readonly HistoryRecord[] | null;
  staff?: readonly Staff[] | null;
  conduct_referrals?: readonly ConductReferral[] | null;
  household?: readonly HouseholdMember[] | null;
  persons?: readonly Person[] | null;
  checks?: readonly Check[] | null;
  /**
   * (v2) The canonical columns each loaded file supplied. A table absent here supplies all its
   * columns (a dataset built in code, as the rule tests do).
   */
  columns?: Partial<Record<TableName, readonly string[]>>;
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

/**
 * A group of one is kept as the row itself: at 1M incidents most victims (and history subjects)
 * have one row, and a million one-element arrays cost ~1 s to build and ~60 MB to keep.
 */
type Grouped<T> = Map<string, T | T[]>;

function groupSparse<T extends object>(rows: readonly T[], key: (row: T) => string): Grouped<T> {
  const map: Grouped<T> = new Map();
  for (const row of rows) {
    const k = key(row);
    const found = map.get(k);
    if (found === undefined) map.set(k, row);
    else if (Array.isArray(found)) found.push(row);
    else map.set(k, [found, row]);
  }
  return map;
}

function groupOf<T extends object>(map: Grouped<T>, k: string): readonly T[] {
  const found = map.get(k);
  if (found === undefined) return EMPTY;
  return Array.isArray(found) ? found : [found];
}

/**
 * Indexes are built on first use: at 1M applications each costs a Map of up to a million keys
 * (~0.1 GB and ~1 s), and a run uses only some of them. Pairs go through the victim index (a
 * victim has few incidents), not through keys joined from two ids.
 */
export class Dataset {
  readonly applications: readonly Application[];
  /** null when the table was not supplied (a rule needing it is skipped). */
  readonly incidents: readonly Incident[] | null;
  readonly history: readonly HistoryRecord[] | null;
  readonly staff: readonly Staff[] | null;
  readonly conductReferrals: readonly ConductReferral[] | null;
  readonly household: readonly HouseholdMember[] | null;
  readonly persons: readonly Person[] | null;
  readonly checks: readonly Check[] | null;
  private readonly columns: Partial<Record<TableName, ReadonlySet<string>>>;

  private readonly byId: Map<string, Application>;
  private bySubject: Map<string, Application[]> | null = null;
  private byPersonAtRisk: Map<string, Application[]> | null = null;
  private byHandler: Map<string, Application[]> | null = null;
  private incidentsByVictimIndex: Grouped<Incident> | null = null;
  private historyBySubjectIndex: Grouped<HistoryRecord> | null = null;
  private referralsByStaffIndex: Map<string, ConductReferral[]> | null = null;
  private staffByIdIndex: Map<string, Staff> | null = null;
  private childrenIndex: Map<string, string[]> | null = null;
  private personByIdIndex: Map<string, Person> | null = null;
  private checksByApplicationIndex: Map<string, Check[]> | null = null;
  private personsByDuplicateKeyIndex: Map<string, Person[]> | null = null;

  constructor(tables: DatasetTables) {
    this.applications = tables.applications;
    this.incidents = tables.incidents ?? null;
    this.history = tables.history ?? null;
    this.staff = tables.staff ?? null;
    this.conductReferrals = tables.conduct_referrals ?? null;
    this.household = tables.household ?? null;
    this.persons = tables.persons ?? null;
    this.checks = tables.checks ?? null;
    this.columns = Object.fromEntries(Object.entries(tables.columns ?? {}).map(([t, cols]) => [t, new Set(cols)]));

    this.byId = new Map();
    for (const a of this.applications) {
      if (this.byId.has(a.application_id)) {
        throw new Error(`duplicate application_id ${a.application_id} reached the Dataset`);
      }
      this.byId.set(a.application_id, a);
    }
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
      case 'household':
        return this.household !== null;
      case 'persons':
        return this.persons !== null;
      case 'checks':
        return this.checks !== null;
    }
  }

  /** (v2) Did the table's file supply this column (its header, or a mapping)? */
  hasColumn(table: TableName, column: string): boolean {
    if (!this.has(table)) return false;
    const supplied = this.columns[table];
    return supplied === undefined || supplied.has(column);
  }

  person(personId: string): Person | undefined {
    this.personByIdIndex ??= new Map((this.persons ?? EMPTY).map((p) => [p.person_id, p]));
    return this.personByIdIndex.get(personId);
  }

  /**
   * (v2) The persons whose `duplicateKey(surname, forenames)` is this key: the only records that
   * can be likely duplicates of one another, so a rule compares a subject with this group rather
   * than with every person. A person with no key (no usable surname or initial) is in no group.
   */
  personsByDuplicateKey(key: string): readonly Person[] {
    this.personsByDuplicateKeyIndex ??= groupBy(this.persons ?? EMPTY, (p) => duplicateKey(p.surname, p.forenames));
    return this.personsByDuplicateKeyIndex.get(key) ?? EMPTY;
  }

  /** The checks made for an application, by check id. */
  checksOf(applicationId: string): readonly Check[] {
    if (this.checksByApplicationIndex === null) {
      const index = groupBy(this.checks ?? EMPTY, (c) => c.application_id);
      for (const list of index.values()) list.sort((a, b) => compareText(a.check_id, b.check_id));
      this.checksByApplicationIndex = index;
    }
    return this.checksByApplicationIndex.get(applicationId) ?? EMPTY;
  }

  application(id: string): Application | undefined {
    return this.byId.get(id);
  }

  applicationsBySubject(subjectId: string): readonly Application[] {
    this.bySubject ??= groupBy(this.applications, (a) => a.subject_id);
    return this.bySubject.get(subjectId) ?? EMPTY;
  }

  applicationsByPersonAtRisk(personId: string): readonly Application[] {
    this.byPersonAtRisk ??= groupBy(this.applications, (a) => a.person_at_risk_id);
    return this.byPersonAtRisk.get(personId) ?? EMPTY;
  }

  private handlers(): Map<string, Application[]> {
    return (this.byHandler ??= groupBy(this.applications, (a) => a.handler_id));
  }

  applicationsByHandler(staffId: string): readonly Application[] {
    return this.handlers().get(staffId) ?? EMPTY;
  }

  /** Handler ids with at least one application, in sorted order. */
  handlerIds(): string[] {
    return [...this.handlers().keys()].sort();
  }

  /** Incidents with this victim and this suspect. */
  incidentsByPair(victimId: string, suspectId: string): readonly Incident[] {
    const found = this.victimIndex().get(victimId);
    if (found === undefined) return EMPTY;
    if (!Array.isArray(found)) return found.suspect_id === suspectId ? [found] : EMPTY;
    const ofVictim: readonly Incident[] = found;
    let all = true;
    for (const i of ofVictim) {
      if (i.suspect_id !== suspectId) {
        all = false;
        break;
      }
    }
    return all ? ofVictim : ofVictim.filter((i) => i.suspect_id === suspectId);
  }

  /** Incidents in which this person was the victim, whoever the suspect. */
  incidentsByVictim(victimId: string): readonly Incident[] {
    return groupOf(this.victimIndex(), victimId);
  }

  private victimIndex(): Grouped<Incident> {
    return (this.incidentsByVictimIndex ??= groupSparse(this.incidents ?? EMPTY, (i) => i.victim_id));
  }

  historyBySubject(subjectId: string): readonly HistoryRecord[] {
    this.historyBySubjectIndex ??= groupSparse(this.history ?? EMPTY, (h) => h.subject_id);
    return groupOf(this.historyBySubjectIndex, subjectId);
  }

  referralsByStaff(staffId: string): readonly ConductReferral[] {
    this.referralsByStaffIndex ??= groupBy(this.conductReferrals ?? EMPTY, (r) => r.staff_id);
    return this.referralsByStaffIndex.get(staffId) ?? EMPTY;
  }

  /** Member ids recorded as a `child` of this person at risk (household table), sorted. */
  childrenOf(personId: string): readonly string[] {
    if (this.childrenIndex === null) {
      const index = new Map<string, string[]>();
      for (const m of this.household ?? EMPTY) {
        if (m.relationship !== 'child') continue;
        const list = index.get(m.person_id);
        if (list) list.push(m.member_id);
        else index.set(m.person_id, [m.member_id]);
      }
      for (const list of index.values()) list.sort();
      this.childrenIndex = index;
    }
    return this.childrenIndex.get(personId) ?? EMPTY;
  }

  staffById(staffId: string): Staff | undefined {
    this.staffByIdIndex ??= new Map((this.staff ?? EMPTY).map((s) => [s.staff_id, s]));
    return this.staffByIdIndex.get(staffId);
  }
}
