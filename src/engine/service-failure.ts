/**
 * A service failure (BRIEF section 5): a finding of no-outcome, disclosure-not-made,
 * withheld-despite-history, or deadline-missed not at info (info means exceptional circumstances
 * were recorded). Used by handler-outlier and by the decisions; defined once here.
 */
import type { Severity } from './types.js';

export const SERVICE_FAILURE_RULES = [
  'no-outcome',
  'disclosure-not-made',
  'deadline-missed',
  'withheld-despite-history',
] as const;

const ids: ReadonlySet<string> = new Set(SERVICE_FAILURE_RULES);

export function isServiceFailure(finding: { readonly ruleId: string; readonly severity: Severity }): boolean {
  return ids.has(finding.ruleId) && !(finding.ruleId === 'deadline-missed' && finding.severity === 'info');
}
