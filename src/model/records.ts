/**
 * The canonical records of BRIEF section 2, after loading and validation. Field names are the
 * canonical column names, so evidence and messages use the words of the export contract.
 * Free text (`notes`, the text of `exceptional_circumstances`, `outcome`) is never held: the
 * loader keeps only whether it was present, so no report can copy it.
 */
import type { DateValue } from '../time/london.js';

export const TABLES = ['applications', 'incidents', 'history', 'staff', 'conduct_referrals', 'household', 'persons', 'checks'] as const;
export type TableName = (typeof TABLES)[number];

export const ROUTES = ['right_to_ask', 'right_to_know'] as const;
export type Route = (typeof ROUTES)[number];

export const DECISIONS = ['disclose', 'no_disclosure', 'not_proceeded', 'withdrawn'] as const;
export type Decision = (typeof DECISIONS)[number];

export const DISCLOSURE_METHODS = ['in_person', 'telephone', 'written', 'other'] as const;
export type DisclosureMethod = (typeof DISCLOSURE_METHODS)[number];

export const HARMS = ['death', 'serious_injury', 'injury', 'no_injury'] as const;
export type Harm = (typeof HARMS)[number];

export const HISTORY_CATEGORIES = ['conviction', 'caution', 'charge', 'intelligence', 'order', 'other'] as const;
export type HistoryCategory = (typeof HISTORY_CATEGORIES)[number];

/** (v2) The subject's part in a history record; empty reads as offender or suspect. */
export const SUBJECT_ROLES = ['offender', 'suspect', 'victim', 'witness', 'other'] as const;
export type SubjectRole = (typeof SUBJECT_ROLES)[number];

/** (v2) How a household member is related to the person at risk. */
export const RELATIONSHIPS = ['child', 'other'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

/** (v2) The systems a check searches. */
export const CHECK_SYSTEMS = ['pnc', 'pnd', 'visor', 'local', 'partner', 'other'] as const;
export type CheckSystem = (typeof CHECK_SYSTEMS)[number];

/** (v2) Whom a check was about; empty reads as the subject. */
export const CHECK_ABOUT = ['subject', 'person_at_risk', 'applicant'] as const;
export type CheckAbout = (typeof CHECK_ABOUT)[number];

export const CHECK_RESULTS = ['trace', 'no_trace'] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];

export const STAFF_ROLES = ['officer', 'staff'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const REFERRAL_BODIES = ['iopc', 'psd'] as const;
export type ReferralBody = (typeof REFERRAL_BODIES)[number];

/** Where a record came from, for data-quality messages (never part of a fingerprint). */
export interface SourceRef {
  /** Physical line in its file on which the record starts (header = line 1). */
  readonly line: number;
}

export interface Application extends SourceRef {
  readonly application_id: string;
  readonly route: Route;
  readonly received_at: DateValue;
  readonly applicant_id: string | null;
  readonly person_at_risk_id: string;
  readonly subject_id: string;
  readonly handler_id: string | null;
  readonly initial_checks_at: DateValue | null;
  readonly immediate_risk: boolean | null;
  readonly face_to_face_at: DateValue | null;
  /** null: no decision recorded. */
  readonly decision: Decision | null;
  readonly decision_at: DateValue | null;
  readonly disclosure_at: DateValue | null;
  readonly disclosure_method: DisclosureMethod | null;
  /**
   * Whether a justification was recorded (BRIEF section 2, v2: a "no" token such as `No` or `N/A`
   * is not one); its text is free text and is not kept.
   */
  readonly exceptional_circumstances: boolean;
  readonly closed_at: DateValue | null;
  /** (v2) Staff member who made the decision. */
  readonly decision_maker_id: string | null;
  /** (v2) When the decision rationale (decision-maker record) was recorded; null: none recorded. */
  readonly decision_record_at: DateValue | null;
  /** (v2) When that record was last changed. */
  readonly decision_record_modified_at: DateValue | null;
}

export interface Incident extends SourceRef {
  readonly incident_id: string;
  readonly occurred_at: DateValue;
  readonly victim_id: string;
  readonly suspect_id: string;
  readonly harm: Harm;
}

export interface HistoryRecord extends SourceRef {
  readonly record_id: string;
  readonly subject_id: string;
  readonly recorded_at: DateValue;
  readonly category: HistoryCategory;
  readonly domestic_abuse: boolean;
  /** null: not recorded, which counts as offender or suspect. */
  readonly subject_role: SubjectRole | null;
}

export interface Staff extends SourceRef {
  readonly staff_id: string;
  readonly role: StaffRole;
  readonly display_name: string | null;
}

export interface ConductReferral extends SourceRef {
  readonly referral_id: string;
  readonly staff_id: string;
  readonly referred_at: DateValue;
  readonly body: ReferralBody;
  /** Whether an outcome was recorded; its text is free text and is not kept. */
  readonly outcome: boolean;
}

/** (v2) A relevant person of a person at risk; the key is the pair (person_id, member_id). */
export interface HouseholdMember extends SourceRef {
  readonly person_id: string;
  readonly member_id: string;
  readonly relationship: Relationship;
}

/**
 * (v2) A person record of the records system. Names and the date of birth are held for matching
 * only: no output of any command shows them.
 */
export interface Person extends SourceRef {
  readonly person_id: string;
  readonly surname: string;
  readonly forenames: string | null;
  readonly date_of_birth: DateValue | null;
  readonly pnc_id: string | null;
}

/** (v2) A search made for an application; the searched name and date of birth are for matching only. */
export interface Check extends SourceRef {
  readonly check_id: string;
  readonly application_id: string;
  readonly system: CheckSystem;
  /** null: not recorded, which reads as the subject. */
  readonly about: CheckAbout | null;
  readonly performed_at: DateValue;
  readonly performed_by: string | null;
  readonly searched_surname: string | null;
  readonly searched_date_of_birth: DateValue | null;
  readonly result: CheckResult;
}

export interface TableRecords {
  applications: Application;
  incidents: Incident;
  history: HistoryRecord;
  staff: Staff;
  conduct_referrals: ConductReferral;
  household: HouseholdMember;
  persons: Person;
  checks: Check;
}
