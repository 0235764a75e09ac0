/**
 * The one place each table's record object is made, from its values in spec order: by the CSV
 * reader, and (v2) when records read on a worker thread are rebuilt from their columns.
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
  TableRecords,
} from '../model/records.js';
import { TABLE_FIELDS } from './fields.js';

/**
 * Builds a table's record from its values in spec order. Each table's records are created by one
 * object literal, so they share one hidden class: a record built field by field under computed
 * names falls into dictionary mode (measured at 1M applications: ~2x the memory, and every
 * property read in the rules and indexes a hash lookup).
 */
export type Factory<T extends TableName> = (line: number, v: readonly unknown[]) => TableRecords[T];
export const FACTORIES: { readonly [T in TableName]: Factory<T> } = {
  applications: (line, v): Application => ({
    line,
    application_id: v[0] as Application['application_id'],
    route: v[1] as Application['route'],
    received_at: v[2] as Application['received_at'],
    applicant_id: v[3] as Application['applicant_id'],
    person_at_risk_id: v[4] as Application['person_at_risk_id'],
    subject_id: v[5] as Application['subject_id'],
    handler_id: v[6] as Application['handler_id'],
    initial_checks_at: v[7] as Application['initial_checks_at'],
    immediate_risk: v[8] as Application['immediate_risk'],
    face_to_face_at: v[9] as Application['face_to_face_at'],
    decision: v[10] as Application['decision'],
    decision_at: v[11] as Application['decision_at'],
    disclosure_at: v[12] as Application['disclosure_at'],
    disclosure_method: v[13] as Application['disclosure_method'],
    exceptional_circumstances: v[14] as Application['exceptional_circumstances'],
    closed_at: v[15] as Application['closed_at'],
    decision_maker_id: v[16] as Application['decision_maker_id'],
    decision_record_at: v[17] as Application['decision_record_at'],
    decision_record_modified_at: v[18] as Application['decision_record_modified_at'],
  }),
  incidents: (line, v): Incident => ({
    line,
    incident_id: v[0] as Incident['incident_id'],
    occurred_at: v[1] as Incident['occurred_at'],
    victim_id: v[2] as Incident['victim_id'],
    suspect_id: v[3] as Incident['suspect_id'],
    harm: v[4] as Incident['harm'],
  }),
  history: (line, v): HistoryRecord => ({
    line,
    record_id: v[0] as HistoryRecord['record_id'],
    subject_id: v[1] as HistoryRecord['subject_id'],
    recorded_at: v[2] as HistoryRecord['recorded_at'],
    category: v[3] as HistoryRecord['category'],
    domestic_abuse: v[4] as HistoryRecord['domestic_abuse'],
    subject_role: v[5] as HistoryRecord['subject_role'],
  }),
  staff: (line, v): Staff => ({
    line,
    staff_id: v[0] as Staff['staff_id'],
    role: v[1] as Staff['role'],
    display_name: v[2] as Staff['display_name'],
  }),
  conduct_referrals: (line, v): ConductReferral => ({
    line,
    referral_id: v[0] as ConductReferral['referral_id'],
    staff_id: v[1] as ConductReferral['staff_id'],
    referred_at: v[2] as ConductReferral['referred_at'],
    body: v[3] as ConductReferral['body'],
    outcome: v[4] as ConductReferral['outcome'],
  }),
  household: (line, v): HouseholdMember => ({
    line,
    person_id: v[0] as HouseholdMember['person_id'],
    member_id: v[1] as HouseholdMember['member_id'],
    relationship: v[2] as HouseholdMember['relationship'],
  }),
  persons: (line, v): Person => ({
    line,
    person_id: v[0] as Person['person_id'],
    surname: v[1] as Person['surname'],
    forenames: v[2] as Person['forenames'],
    date_of_birth: v[3] as Person['date_of_birth'],
    pnc_id: v[4] as Person['pnc_id'],
  }),
  checks: (line, v): Check => ({
    line,
    check_id: v[0] as Check['check_id'],
    application_id: v[1] as Check['application_id'],
    system: v[2] as Check['system'],
    about: v[3] as Check['about'],
    performed_at: v[4] as Check['performed_at'],
    performed_by: v[5] as Check['performed_by'],
    searched_surname: v[6] as Check['searched_surname'],
    searched_date_of_birth: v[7] as Check['searched_date_of_birth'],
    result: v[8] as Check['result'],
  }),
};

// The factories read values by position: check once that their fields follow the specs' order.
for (const table of Object.keys(FACTORIES) as TableName[]) {
  const built = Object.keys(FACTORIES[table](0, []));
  const specs = ['line', ...TABLE_FIELDS[table].filter((f) => f.kind !== 'ignored').map((f) => f.name)];
  if (built.join() !== specs.join()) throw new Error(`record factory of ${table} does not follow its field specs`);
}
