/**
 * Builders for tiny inline datasets in rule and decision tests. Dates are written as the export
 * writes them (ISO, London local time when no offset) and parsed by the same code as the loader.
 */
import { Dataset } from '../../src/model/dataset.js';
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
} from '../../src/model/records.js';
import type { DateValue } from '../../src/time/london.js';
import { dayNumber } from '../../src/time/london.js';
import { parseIsoDateValue } from '../../src/time/parse.js';

export function d(text: string): DateValue {
  const v = parseIsoDateValue(text);
  if (!v) throw new Error(`test date ${text} is not ISO`);
  return v;
}

/** A London day number, for `asOf`. */
export function day(text: string): number {
  const [y, m, dd] = text.split('-').map(Number) as [number, number, number];
  return dayNumber(y, m, dd);
}

type DateFields<T> = { [K in keyof T]?: T[K] extends DateValue | null ? string | null : T[K] extends DateValue ? string : T[K] };

function dates<T extends object>(fields: DateFields<T>, dateKeys: readonly string[]): Partial<T> {
  const out: Record<string, unknown> = { ...fields };
  for (const k of dateKeys) {
    const v = out[k];
    if (typeof v === 'string') out[k] = d(v);
  }
  return out as Partial<T>;
}

let line = 1;

export function app(fields: DateFields<Application> & { application_id: string }): Application {
  return {
    route: 'right_to_ask',
    received_at: d('2023-01-02'),
    applicant_id: null,
    person_at_risk_id: `P-${fields.application_id}`,
    subject_id: `S-${fields.application_id}`,
    handler_id: null,
    initial_checks_at: null,
    immediate_risk: null,
    face_to_face_at: null,
    decision: null,
    decision_at: null,
    disclosure_at: null,
    disclosure_method: null,
    exceptional_circumstances: false,
    closed_at: null,
    decision_maker_id: null,
    decision_record_at: null,
    decision_record_modified_at: null,
    line: ++line,
    ...dates<Application>(fields, [
      'received_at',
      'initial_checks_at',
      'face_to_face_at',
      'decision_at',
      'disclosure_at',
      'closed_at',
      'decision_record_at',
      'decision_record_modified_at',
    ]),
  } as Application;
}

export function incident(fields: DateFields<Incident> & { incident_id: string; occurred_at: string; victim_id: string; suspect_id: string }): Incident {
  return { harm: 'injury', line: ++line, ...dates<Incident>(fields, ['occurred_at']) } as Incident;
}

export function history(fields: DateFields<HistoryRecord> & { record_id: string; subject_id: string; recorded_at: string }): HistoryRecord {
  return { category: 'conviction', domestic_abuse: true, subject_role: null, line: ++line, ...dates<HistoryRecord>(fields, ['recorded_at']) } as HistoryRecord;
}

export function staff(fields: Partial<Staff> & { staff_id: string }): Staff {
  return { role: 'officer', display_name: null, line: ++line, ...fields };
}

export function referral(fields: DateFields<ConductReferral> & { referral_id: string; staff_id: string; referred_at: string }): ConductReferral {
  return { body: 'psd', outcome: false, line: ++line, ...dates<ConductReferral>(fields, ['referred_at']) } as ConductReferral;
}

export function member(fields: Partial<HouseholdMember> & { person_id: string; member_id: string }): HouseholdMember {
  return { relationship: 'child', line: ++line, ...fields };
}

export function dataset(tables: {
  applications: Application[];
  incidents?: Incident[] | null;
  history?: HistoryRecord[] | null;
  staff?: Staff[] | null;
  conduct_referrals?: ConductReferral[] | null;
  household?: HouseholdMember[] | null;
  persons?: Person[] | null;
  checks?: Check[] | null;
  columns?: Partial<Record<TableName, readonly string[]>>;
}): Dataset {
  return new Dataset(tables);
}
