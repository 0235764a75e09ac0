/**
 * Compares an audit's findings with a generated export's ground-truth.json, rule by rule, so a
 * test failure names the rule and the applications that differ.
 */
import type { Finding } from '../../src/engine/types.js';
import type { GroundTruth } from '../../src/generate/generate.js';
import type { ApplicationReferralTruth, ReferralTruth } from '../../src/generate/referral-truth.js';
import type { Referral, Report } from '../../src/report/model.js';

export interface RuleComparison {
  readonly rule: string;
  /**
   * Application ids, staff ids (handler-outlier) or `application/incident` pairs (harm-after-request;
   * a child's `application/incident/child:victim`).
   */
  readonly missing: string[];
  readonly extra: string[];
  readonly findings: { expected: number; actual: number };
  readonly bySeverity: { expected: Record<string, number>; actual: Record<string, number> };
}

function sorted(record: Partial<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(record)
      .filter((e): e is [string, number] => e[1] !== undefined && e[1] > 0)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

/** One entry per rule of the ground truth; an entry with no difference has empty lists and equal counts. */
export function compareWithTruth(truth: GroundTruth, findings: readonly Finding[]): RuleComparison[] {
  return Object.entries(truth.rules).map(([rule, t]) => {
    const own = findings.filter((f) => f.ruleId === rule);
    const key = (f: Finding): string =>
      rule === 'handler-outlier'
        ? (f.staffId ?? '?')
        : rule === 'harm-after-request'
          ? // (v2) a child's finding is keyed by its victim too (it may share the parent's incident id).
            `${f.applicationId}/${String(f.evidence['incidentId'])}${f.evidence['victimRelation'] === 'child' ? `/child:${String(f.evidence['victimId'])}` : ''}`
          : (f.applicationId ?? '?');
    const expectedKeys =
      rule === 'handler-outlier'
        ? (t.staffIds ?? [])
        : rule === 'harm-after-request'
          ? (t.pairs ?? []).map((p) => `${p.applicationId}/${p.incidentId}${p.victimRelation === 'child' ? `/child:${p.victimId}` : ''}`)
          : t.applicationIds;
    const actualKeys = [...new Set(own.map(key))].sort();
    const expectedSet = new Set(expectedKeys);
    const actualSet = new Set(actualKeys);
    const severities: Record<string, number> = {};
    for (const f of own) severities[f.severity] = (severities[f.severity] ?? 0) + 1;
    return {
      rule,
      missing: expectedKeys.filter((k) => !actualSet.has(k)),
      extra: actualKeys.filter((k) => !expectedSet.has(k)),
      findings: { expected: t.findings, actual: own.length },
      bySeverity: { expected: sorted(t.bySeverity), actual: sorted(severities) },
    };
  });
}

/** The comparisons with a difference (empty when the audit found exactly what was planted). */
export function differences(comparisons: readonly RuleComparison[]): RuleComparison[] {
  return comparisons.filter(
    (c) =>
      c.missing.length > 0 ||
      c.extra.length > 0 ||
      c.findings.expected !== c.findings.actual ||
      JSON.stringify(c.bySeverity.expected) !== JSON.stringify(c.bySeverity.actual),
  );
}

/**
 * (v2) The audit's decisions in the shape of the ground truth's `decisions`, so the two compare
 * with one `toEqual` that names every entry that differs.
 */
export function decisionsOf(report: Report): ReferralTruth {
  const app = (r: Referral): ApplicationReferralTruth => ({
    id: r.id,
    basis: r.basis,
    routes: [...r.routes],
    grounds: [...r.grounds],
    suggested: r.suggested ?? 'none',
  });
  const apps = report.referrals.filter((r) => r.kind === 'application').sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    referrals: apps.filter((r) => r.basis !== 'assess').map(app),
    assess: apps.filter((r) => r.basis === 'assess').map(app),
    staff: report.referrals
      .filter((r) => r.kind === 'staff')
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((r) => ({ id: r.id, applicationIds: [...r.applicationIds] })),
    suggested: { ...report.summary.suggested },
  };
}
