/**
 * How a generated export is written: the canonical layout (BRIEF section 2: field names as
 * headers, ISO dates, lower-case codes, UTF-8, LF) or a records system's own (its headers,
 * dd/MM/yyyy dates, upper-case codes, Windows-1252, CRLF), with the config that maps it back.
 */
import type { TableName } from '../model/records.js';
import { fieldNames } from '../load/fields.js';
import { TABLES } from '../model/records.js';
import { formatDay } from '../time/london.js';
import type { OutputEncoding } from './table-writer.js';

export const LAYOUTS = ['canonical', 'foreign'] as const;
export type LayoutName = (typeof LAYOUTS)[number];

/** Canonical column order of each table, as the generator writes it: the loader's own field list. */
export const CANONICAL_COLUMNS: Readonly<Record<TableName, readonly string[]>> = {
  applications: fieldNames('applications'),
  incidents: fieldNames('incidents'),
  history: fieldNames('history'),
  staff: fieldNames('staff'),
  conduct_referrals: fieldNames('conduct_referrals'),
  household: fieldNames('household'),
  persons: fieldNames('persons'),
  checks: fieldNames('checks'),
};

// The records system's headers, in the canonical column order above.
const FOREIGN_HEADERS: Readonly<Record<TableName, readonly string[]>> = {
  applications: [
    'DVDS Ref', 'Route', 'Date Received', 'Applicant Ref', 'Person At Risk Ref', 'Subject Ref',
    'Researcher', 'Initial Checks Done', 'Immediate Risk', 'F2F Meeting', 'Outcome',
    'Outcome Date', 'Date Disclosed', 'Disclosure Method', 'Exceptional Circs', 'Date Closed', 'Case Notes',
    'Decision Maker', 'Decision Record Date', 'Decision Record Modified',
  ],
  incidents: ['Incident No', 'Date of Incident', 'Victim Ref', 'Suspect Ref', 'Injury Level'],
  history: ['Record No', 'Subject Ref', 'Date Recorded', 'Record Type', 'DA Flag', 'Subject Role'],
  staff: ['Staff No', 'Rank/Grade', 'Name'],
  conduct_referrals: ['Referral No', 'Staff No', 'Date Referred', 'Referred To', 'Result'],
  household: ['Person Ref', 'Member Ref', 'Relationship'],
  persons: ['Nominal Ref', 'Surname', 'Forenames', 'DOB', 'PNC ID'],
  checks: ['Check Ref', 'DVDS Ref', 'System', 'Check On', 'Date Checked', 'Checked By', 'Surname Searched', 'DOB Searched', 'Result'],
};

const FOREIGN_FILES: Readonly<Record<TableName, string>> = {
  applications: 'DVDS_Cases.csv',
  incidents: 'DA_Incidents.csv',
  history: 'Subject_History.csv',
  staff: 'Staff_Register.csv',
  conduct_referrals: 'PSD_Referrals.csv',
  household: 'Household_Members.csv',
  persons: 'Nominals.csv',
  checks: 'DVDS_Checks.csv',
};

/** Canonical value -> the records system's code, per canonical field. */
const FOREIGN_CODES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  route: { right_to_ask: 'RTA', right_to_know: 'RTK' },
  decision: { disclose: 'DISC', no_disclosure: 'NODISC', not_proceeded: 'NFA', withdrawn: 'WDN' },
  disclosure_method: { in_person: 'Face to Face', telephone: 'Phone', written: 'Letter', other: 'Other' },
  harm: { death: 'FATAL', serious_injury: 'SERIOUS', injury: 'MINOR', no_injury: 'NONE' },
  category: { conviction: 'CONV', caution: 'CAUT', charge: 'CHRG', intelligence: 'INTEL', order: 'ORDER', other: 'OTHER' },
  role: { officer: 'Police Officer', staff: 'Police Staff' },
  body: { iopc: 'IOPC', psd: 'PSD – Professional Standards' },
  immediate_risk: { yes: 'Y', no: 'N' },
  domestic_abuse: { yes: 'Y', no: 'N' },
  subject_role: { offender: 'OFF', suspect: 'SUSP', victim: 'VICT', witness: 'WIT', other: 'OTH' },
  relationship: { child: 'CHILD', other: 'OTHER' },
  system: { pnc: 'PNC', pnd: 'PND', visor: 'VISOR', local: 'LOCAL', partner: 'PARTNER', other: 'OTHER' },
  about: { subject: 'SUBJ', person_at_risk: 'PAR', applicant: 'APP' },
  result: { trace: 'TRACE', no_trace: 'NO TRACE' },
};

// Which table each coded field belongs to, for the config's values maps.
const CODED_FIELDS: Readonly<Record<TableName, readonly string[]>> = {
  applications: ['route', 'decision', 'disclosure_method', 'immediate_risk'],
  incidents: ['harm'],
  history: ['category', 'domestic_abuse', 'subject_role'],
  staff: ['role'],
  conduct_referrals: ['body'],
  household: ['relationship'],
  persons: [],
  checks: ['system', 'about', 'result'],
};

export const FOREIGN_DATE_FORMATS = ['dd/MM/yyyy HH:mm', 'dd/MM/yyyy'] as const;

const HHMM: string[] = Array.from({ length: 1440 }, (_, m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);

export interface Layout {
  readonly name: LayoutName;
  readonly encoding: OutputEncoding;
  readonly eol: '\n' | '\r\n';
  file(table: TableName): string;
  header(table: TableName): readonly string[];
  /** A date (day number) as written; cached, since the same days recur millions of times. */
  date(day: number): string;
  /** A London wall-clock date and time (minutes after midnight). */
  dateTime(day: number, minute: number): string;
  /** A canonical code as written (route, decision, harm, yes/no …). */
  code(field: string, value: string): string;
}

function dayCache(render: (iso: string) => string): (day: number) => string {
  const cache = new Map<number, string>();
  return (day) => {
    let s = cache.get(day);
    if (s === undefined) {
      s = render(formatDay(day));
      cache.set(day, s);
    }
    return s;
  };
}

export function layoutFor(name: LayoutName): Layout {
  if (name === 'canonical') {
    const date = dayCache((iso) => iso);
    return {
      name,
      encoding: 'utf-8',
      eol: '\n',
      file: (t) => `${t}.csv`,
      header: (t) => CANONICAL_COLUMNS[t],
      date,
      dateTime: (day, minute) => `${date(day)}T${HHMM[minute]}`,
      code: (_field, value) => value,
    };
  }
  const date = dayCache((iso) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`);
  return {
    name,
    encoding: 'windows-1252',
    eol: '\r\n',
    file: (t) => FOREIGN_FILES[t],
    header: (t) => FOREIGN_HEADERS[t],
    date,
    dateTime: (day, minute) => `${date(day)} ${HHMM[minute]}`,
    code: (field, value) => (value === '' ? '' : FOREIGN_CODES[field]?.[value] ?? value),
  };
}

/** The dvds-audit.config.json that maps the foreign layout onto the canonical tables. */
/** (v2) The tables generate writes: all of them. */
export const WRITTEN_TABLES: readonly TableName[] = TABLES;

export function foreignConfig(): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const table of WRITTEN_TABLES) {
    const columns: Record<string, string> = {};
    CANONICAL_COLUMNS[table].forEach((field, i) => {
      columns[field] = FOREIGN_HEADERS[table][i]!;
    });
    const values: Record<string, Record<string, string>> = {};
    for (const field of CODED_FIELDS[table]) {
      values[field] = Object.fromEntries(Object.entries(FOREIGN_CODES[field]!).map(([canonical, code]) => [code, canonical]));
    }
    inputs[table] = {
      file: FOREIGN_FILES[table],
      encoding: 'windows-1252',
      delimiter: ',',
      dateFormats: [...FOREIGN_DATE_FORMATS],
      columns,
      values,
    };
  }
  return { inputs };
}
