/**
 * Plain labels for evidence keys, for the human formats (table, md, html): `Limit ended:
 * 03/04/2023`, not `limitEnds=2023-04-03`. json and csv keep the keys, which are the contract.
 * Every key a built-in rule or a decision (referral evidence) emits has a label here, and says
 * whether its value is a date (shown as a London date) or an id (shown so that no renderer can
 * take it for markup or a link); test/report/evidence-labels.test.ts fails for a rule whose
 * evidence gains a key without one. A plugin's own keys fall back to the key in words.
 */
import type { Evidence, EvidenceValue } from '../engine/types.js';
import { humanDate } from './human-date.js';

export type EvidenceKind = 'date' | 'id' | 'text';

export interface EvidenceLabel {
  readonly label: string;
  readonly kind: EvidenceKind;
}

const date = (label: string): EvidenceLabel => ({ label, kind: 'date' });
const id = (label: string): EvidenceLabel => ({ label, kind: 'id' });
const text = (label: string): EvidenceLabel => ({ label, kind: 'text' });

export const EVIDENCE_LABELS: Readonly<Record<string, EvidenceLabel>> = {
  // The application's own dates and fields.
  receivedAt: date('Received'),
  initialChecksAt: date('Initial checks'),
  faceToFaceAt: date('Face-to-face'),
  decisionAt: date('Decision date'),
  disclosureAt: date('Disclosure date'),
  closedAt: date('Closed'),
  outcomeAt: date('Outcome date'),
  outcomeField: text('Outcome from'),
  endDate: date('End date'),
  asOf: date('Audit date'),
  decision: text('Decision'),
  decisionDate: date('Judged at'),
  decisionDateField: text('Judged at field'),
  decisionMakerId: id('Decision maker'),
  decisionRecordModifiedAt: date('Decision record changed'),
  daysAfterClosure: text('Days after closure'),
  disclosureMethod: text('Disclosure method'),
  immediateRisk: text('Immediate risk'),
  exceptionalCircumstances: text('Exceptional circumstances recorded'),
  withdrawalDate: date('Withdrawn'),
  withdrawalDateField: text('Withdrawn date from'),
  reason: text('Reason'),
  fields: text('Columns'),
  violations: text('Out of order'),
  // People and staff.
  personAtRiskId: id('Person at risk'),
  subjectId: id('Subject'),
  victimId: id('Victim'),
  victimRelation: text('Victim is'),
  handlerId: id('Handler'),
  staffId: id('Staff member'),
  role: text('Role'),
  staffRegisterSize: text('Staff in the register'),
  applicationIds: id('Applications'),
  failingApplicationIds: id('Failing applications'),
  // Time limits.
  days: text('Days'),
  daysOpen: text('Days open'),
  daysOver: text('Days over the limit'),
  daysToClosure: text('Days to closure'),
  limitDays: text('Limit (days)'),
  limit: text('Limit'),
  limitFrom: text('Limit from'),
  limitEnds: date('Limit ended'),
  graceDays: text('Grace days'),
  deadline: date('Deadline'),
  overTwiceLimit: text('Over twice the limit'),
  workingDays: text('Working days'),
  calendarDays: text('Calendar days'),
  bankHolidays: date('Bank holidays'),
  measuredIn: text('Measured in'),
  hours: text('Hours'),
  elapsed: text('Elapsed'),
  // Checks and records held.
  checkIds: id('Checks'),
  systems: text('Systems'),
  results: text('Results'),
  differences: text('Searched differently'),
  noTrace: text('Any no trace'),
  missingSystems: text('Systems not checked'),
  historyRecordIds: id('History records'),
  historyCategories: text('History categories'),
  historyRecordedAt: date('History recorded'),
  historyPersonIds: id('History held by'),
  duplicatePersonIds: id('Likely duplicate records'),
  nearness: text('How near'),
  // Harm.
  incidentId: id('Incident'),
  occurredAt: date('Incident date'),
  harm: text('Harm'),
  daysAfterReceipt: text('Days after receipt'),
  windowDays: text('Window (days)'),
  incidentIds: id('Incidents'),
  incidentDates: date('Incident dates'),
  incidentHarms: text('Incident harms'),
  incidentVictimIds: id('Incident victims'),
  incidentRoutes: text('Incident routes'),
  failureBeforeIncident: text('Failures before the incident'),
  serviceFailureRules: text('Service failures'),
  firstSeen: date('First seen'),
  // Conduct.
  referralIds: id('Conduct referrals'),
  referralDates: date('Conduct referral dates'),
  referralBodies: text('Conduct referral bodies'),
  firstReferral: text('First referral'),
  referralsDuringHandling: text('Referrals during handling'),
  conductReferralIds: id('Conduct referrals'),
  conductReferralDates: date('Conduct referral dates'),
  conductReferralBodies: text('Conduct referral bodies'),
  // The handler funnel.
  n: text('Cases'),
  failures: text('Failing cases'),
  rate: text('Failure rate'),
  p0: text('Overall rate (p0)'),
  p0Failures: text('Failing cases overall'),
  p0Cases: text('Cases overall'),
  tailProbability: text('Tail probability'),
  threshold: text('Threshold'),
  minCases: text('Minimum cases'),
};

/** `someKeyName` -> `Some key name`: a plugin's key, readable without a label of its own. */
function words(key: string): string {
  const spaced = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

export function evidenceLabel(key: string): EvidenceLabel {
  return Object.hasOwn(EVIDENCE_LABELS, key) ? EVIDENCE_LABELS[key]! : { label: words(key), kind: 'text' };
}

/** One evidence entry as a human format shows it: the label, its kind, and each value as text. */
export interface HumanEvidence {
  readonly label: string;
  readonly kind: EvidenceKind;
  /** One text per value (a list gives several); empty for none. */
  readonly values: readonly string[];
}

function valueTexts(value: EvidenceValue, kind: EvidenceKind): string[] {
  if (value === null) return [];
  if (typeof value === 'boolean') return [value ? 'yes' : 'no'];
  if (typeof value === 'number') return [String(value)];
  const list = typeof value === 'string' ? [value] : [...value];
  return kind === 'date' ? list.map(humanDate) : list;
}

/** Evidence in the rule's order, labelled, dates as London dates. */
export function humanEvidence(evidence: Evidence): HumanEvidence[] {
  return Object.entries(evidence).map(([key, value]) => {
    const { label, kind } = evidenceLabel(key);
    return { label, kind, values: valueTexts(value, kind) };
  });
}

/** A value list as one text: `none` for none, comma-joined otherwise. Plain text: each format escapes. */
export function valuesText(values: readonly string[]): string {
  return values.length === 0 ? 'none' : values.join(', ');
}

/** Evidence as `Label: value; Label: value`, plain text (each format escapes it). */
export function humanEvidenceText(evidence: Evidence): string {
  return humanEvidence(evidence)
    .map((e) => `${e.label}: ${valuesText(e.values)}`)
    .join('; ');
}
