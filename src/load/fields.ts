/**
 * The canonical columns of each export table (BRIEF section 2): name, kind and whether a value is
 * required. The loader reads cells by these specs, the config schema takes its column and value
 * keys from them, and the README's tables describe them. A compile-time check below keeps them in
 * step with the record types of src/model/records.ts.
 */
import {
  CHECK_ABOUT,
  CHECK_RESULTS,
  CHECK_SYSTEMS,
  DECISIONS,
  DISCLOSURE_METHODS,
  HARMS,
  HISTORY_CATEGORIES,
  REFERRAL_BODIES,
  RELATIONSHIPS,
  ROUTES,
  STAFF_ROLES,
  SUBJECT_ROLES,
  type TableName,
  type TableRecords,
} from '../model/records.js';

export type FieldKind =
  /** Trimmed text that identifies something (ids). */
  | { readonly kind: 'id' }
  /** Short text kept as is (display_name). */
  | { readonly kind: 'text' }
  /** Free text whose content is never kept: only whether it was filled in. */
  | { readonly kind: 'presence' }
  /**
   * Free text read only as "recorded or not": empty and the "no" tokens of BRIEF section 2
   * (`No`, `N/A`, `none`, ...) are not recorded; the text itself is never kept.
   */
  | { readonly kind: 'recorded' }
  /** Free text that is not read at all (notes). */
  | { readonly kind: 'ignored' }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'date' };

export type FieldSpec = FieldKind & {
  readonly name: string;
  readonly required: boolean;
  /**
   * (v2) A name or date of birth, held for matching only: a message about a bad value names the
   * file, line and column but never the value.
   */
  readonly sensitive?: true;
};

const id = <N extends string>(name: N, required: boolean) => ({ name, required, kind: 'id' as const });
const date = <N extends string>(name: N, required: boolean) => ({ name, required, kind: 'date' as const });
const oneOf = <N extends string>(name: N, required: boolean, values: readonly string[]) => ({ name, required, kind: 'enum' as const, values });
const bool = <N extends string>(name: N, required: boolean) => ({ name, required, kind: 'boolean' as const });
const text = <N extends string>(name: N, required = false) => ({ name, required, kind: 'text' as const });
const presence = <N extends string>(name: N) => ({ name, required: false, kind: 'presence' as const });
const recorded = <N extends string>(name: N) => ({ name, required: false, kind: 'recorded' as const });
const sensitive = <S extends FieldSpec>(spec: S): S & { readonly sensitive: true } => ({ ...spec, sensitive: true as const });
const ignored = <N extends string>(name: N) => ({ name, required: false, kind: 'ignored' as const });

export const TABLE_FIELDS = {
  applications: [
    id('application_id', true),
    oneOf('route', true, ROUTES),
    date('received_at', true),
    id('applicant_id', false),
    id('person_at_risk_id', true),
    id('subject_id', true),
    id('handler_id', false),
    date('initial_checks_at', false),
    bool('immediate_risk', false),
    date('face_to_face_at', false),
    oneOf('decision', false, DECISIONS),
    date('decision_at', false),
    date('disclosure_at', false),
    oneOf('disclosure_method', false, DISCLOSURE_METHODS),
    recorded('exceptional_circumstances'),
    date('closed_at', false),
    ignored('notes'),
    id('decision_maker_id', false),
    date('decision_record_at', false),
    date('decision_record_modified_at', false),
  ],
  incidents: [
    id('incident_id', true),
    date('occurred_at', true),
    id('victim_id', true),
    id('suspect_id', true),
    oneOf('harm', true, HARMS),
  ],
  history: [
    id('record_id', true),
    id('subject_id', true),
    date('recorded_at', true),
    oneOf('category', true, HISTORY_CATEGORIES),
    bool('domestic_abuse', true),
    oneOf('subject_role', false, SUBJECT_ROLES),
  ],
  staff: [id('staff_id', true), oneOf('role', true, STAFF_ROLES), text('display_name')],
  conduct_referrals: [
    id('referral_id', true),
    id('staff_id', true),
    date('referred_at', true),
    oneOf('body', true, REFERRAL_BODIES),
    presence('outcome'),
  ],
  household: [id('person_id', true), id('member_id', true), oneOf('relationship', true, RELATIONSHIPS)],
  persons: [
    id('person_id', true),
    sensitive(text('surname', true)),
    sensitive(text('forenames')),
    sensitive(date('date_of_birth', false)),
    sensitive(id('pnc_id', false)),
  ],
  checks: [
    id('check_id', true),
    id('application_id', true),
    oneOf('system', true, CHECK_SYSTEMS),
    oneOf('about', false, CHECK_ABOUT),
    date('performed_at', true),
    id('performed_by', false),
    sensitive(text('searched_surname')),
    sensitive(date('searched_date_of_birth', false)),
    oneOf('result', true, CHECK_RESULTS),
  ],
} satisfies Record<TableName, readonly FieldSpec[]>;

/**
 * The fields whose values together must be unique in a table: a later row repeating them is
 * rejected. (v2) An incident with two victims is two rows with the same incident_id.
 */
export const PRIMARY_KEY: Readonly<Record<TableName, readonly string[]>> = {
  applications: ['application_id'],
  incidents: ['incident_id', 'victim_id'],
  history: ['record_id'],
  staff: ['staff_id'],
  conduct_referrals: ['referral_id'],
  household: ['person_id', 'member_id'],
  persons: ['person_id'],
  checks: ['check_id'],
};

export function fieldNames(table: TableName): string[] {
  return TABLE_FIELDS[table].map((f) => f.name);
}

// Compile-time: every record field (but `line`) has a column spec, and every spec but `notes` is a
// record field. A mismatch makes one of these types `true`-incompatible and fails the build.
type SpecNames<T extends TableName> = (typeof TABLE_FIELDS)[T][number]['name'];
type RecordFields<T extends TableName> = Exclude<keyof TableRecords[T], 'line'>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const fieldsMatchRecords: {
  [T in TableName]: Same<Exclude<SpecNames<T>, 'notes'>, RecordFields<T>>;
} = { applications: true, incidents: true, history: true, staff: true, conduct_referrals: true, household: true, persons: true, checks: true };
void fieldsMatchRecords;
