/** Hand-made findings for decision tests, fingerprinted as the engine does. */
import { fingerprint } from '../../src/engine/fingerprint.js';
import type { Category, Evidence, Finding, Severity } from '../../src/engine/types.js';
import type { RuleStatus } from '../../src/report/model.js';

const CATEGORY: Readonly<Record<string, Category>> = {
  'no-outcome': 'safeguarding',
  'disclosure-not-made': 'safeguarding',
  'withheld-despite-history': 'safeguarding',
  'harm-after-request': 'safeguarding',
  'deadline-missed': 'timeliness',
  'initial-checks-late': 'timeliness',
  'face-to-face-late': 'timeliness',
  'disclosure-not-in-person': 'timeliness',
  'handler-prior-referral': 'conduct',
  'handler-outlier': 'conduct',
  'date-order': 'data-quality',
  'future-date': 'data-quality',
  'unknown-handler': 'data-quality',
};

export function finding(
  ruleId: string,
  applicationId: string,
  severity: Severity,
  evidence: Evidence = {},
  key: readonly string[] = [],
): Finding {
  return {
    fingerprint: fingerprint({ ruleId, applicationId, key }),
    ruleId,
    severity,
    category: CATEGORY[ruleId] ?? 'timeliness',
    applicationId,
    message: `${ruleId} on ${applicationId}.`,
    evidence,
  };
}

export function harm(applicationId: string, incidentId: string, severity: 'critical' | 'high' = 'high'): Finding {
  return finding('harm-after-request', applicationId, severity, { incidentId }, [incidentId]);
}

export function ruleStatuses(ids: readonly string[]): RuleStatus[] {
  return ids.map((id) => ({ id, title: id, category: CATEGORY[id] ?? 'timeliness', severity: 'medium', enabled: true }));
}
