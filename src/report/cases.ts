/**
 * The cases behind a rule's findings, by id, for the Data quality section of md and html: a
 * reader fixes records by id, so a count alone sends them hunting. Ids, not text: each format
 * writes an id its own way (md as a code span, html escaped).
 */
import type { Report } from './model.js';

/** The application, the staff member, or both, that a finding is about. */
export interface CaseRef {
  readonly applicationId?: string;
  readonly staffId?: string;
}

const keyOf = (ref: CaseRef): string => JSON.stringify([ref.applicationId ?? null, ref.staffId ?? null]);

/** Distinct cases of a rule's findings in report order (already sorted), the first `limit`, and how many more. */
export function casesOf(report: Report, ruleId: string, limit: number): { shown: CaseRef[]; more: number } {
  const all = new Map<string, CaseRef>();
  for (const f of report.findings) {
    if (f.ruleId !== ruleId || (f.applicationId === undefined && f.staffId === undefined)) continue;
    const ref: CaseRef = { ...(f.applicationId !== undefined ? { applicationId: f.applicationId } : {}), ...(f.staffId !== undefined ? { staffId: f.staffId } : {}) };
    const key = keyOf(ref);
    if (!all.has(key)) all.set(key, ref);
  }
  const refs = [...all.values()];
  return { shown: refs.slice(0, limit), more: Math.max(0, refs.length - limit) };
}

/** `application DV1, staff E2`: a case as plain text (each format escapes it). */
export function caseText(ref: CaseRef): string {
  return [ref.applicationId !== undefined ? `application ${ref.applicationId}` : null, ref.staffId !== undefined ? `staff ${ref.staffId}` : null].filter((x) => x !== null).join(', ');
}

export function casesText(cases: { shown: readonly CaseRef[]; more: number }): string {
  return [...cases.shown.map(caseText), ...(cases.more > 0 ? [`+${cases.more} more`] : [])].join('; ');
}
