/**
 * The cases behind a rule's findings, by id, for the Data quality section of md and html: a
 * reader fixes records by id, so a count alone sends them hunting. Plain text: each format escapes.
 */
import type { Report } from './model.js';

/** `application DV1`, `staff E2`, or both for a finding about both. */
function caseOf(f: Report['findings'][number]): string | null {
  const parts = [f.applicationId !== undefined ? `application ${f.applicationId}` : null, f.staffId !== undefined ? `staff ${f.staffId}` : null];
  const named = parts.filter((p) => p !== null);
  return named.length === 0 ? null : named.join(', ');
}

/** Distinct cases of a rule's findings in report order (already sorted), the first `limit`, and how many more. */
export function casesOf(report: Report, ruleId: string, limit: number): { shown: string[]; more: number } {
  const all = [...new Set(report.findings.filter((f) => f.ruleId === ruleId).map(caseOf).filter((c) => c !== null))];
  return { shown: all.slice(0, limit), more: Math.max(0, all.length - limit) };
}

export function casesText(cases: { shown: readonly string[]; more: number }): string {
  return [...cases.shown, ...(cases.more > 0 ? [`+${cases.more} more`] : [])].join('; ');
}
