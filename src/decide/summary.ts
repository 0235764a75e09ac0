/** The one-screen summary of a run (src/report/model.ts `Summary`), counted once here. */
import { type Finding, SEVERITIES, type Severity } from '../engine/types.js';
import type { Dataset } from '../model/dataset.js';
import type { Referral, RuleStatus, SafeguardingEntry, SuggestedType, Summary } from '../model/report.js';
import { compareText } from '../shared/compare.js';

export interface SummaryInput {
  readonly dataset: Dataset;
  readonly findings: readonly Finding[];
  readonly rules: readonly RuleStatus[];
  readonly referrals: readonly Referral[];
  readonly safeguarding: readonly SafeguardingEntry[];
  readonly review: readonly string[];
  readonly rejectedRows: number;
  /** Ids of the applications with a service failure. */
  readonly failing: ReadonlySet<string>;
  readonly suggested: Readonly<Record<SuggestedType, number>>;
}

export function summarise(input: SummaryInput): Summary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const counts = new Map<string, number>();
  for (const rule of input.rules) if (rule.enabled) counts.set(rule.id, 0);
  let dataQuality = 0;
  let dismissed = 0;
  // Runs of one rule are counted together: the findings come sorted by severity, then rule.
  let ruleId: string | null = null;
  let run = 0;
  for (const f of input.findings) {
    bySeverity[f.severity] += 1;
    if (f.ruleId !== ruleId) {
      if (ruleId !== null) counts.set(ruleId, (counts.get(ruleId) ?? 0) + run);
      ruleId = f.ruleId;
      run = 0;
    }
    run += 1;
    if (f.category === 'data-quality') dataQuality += 1;
    if (f.dismissed === true) dismissed += 1;
  }
  if (ruleId !== null) counts.set(ruleId, (counts.get(ruleId) ?? 0) + run);
  const byRule: Record<string, number> = {};
  for (const id of [...counts.keys()].sort(compareText)) byRule[id] = counts.get(id)!;
  const applicationReferrals = input.referrals.filter((r) => r.kind === 'application').length;
  return {
    applications: input.dataset.applications.length,
    findings: input.findings.length,
    bySeverity,
    byRule,
    serviceFailures: input.failing.size,
    referrals: {
      applications: applicationReferrals,
      staff: input.referrals.length - applicationReferrals,
      mandatory: input.referrals.filter((r) => r.basis === 'mandatory').length,
      voluntary: input.referrals.filter((r) => r.basis === 'voluntary').length,
      assess: input.referrals.filter((r) => r.basis === 'assess').length,
      due: input.referrals.filter((r) => r.status === 'due').length,
      overdue: input.referrals.filter((r) => r.status === 'overdue').length,
      referred: input.referrals.filter((r) => r.status === 'referred').length,
    },
    suggested: input.suggested,
    safeguarding: input.safeguarding.length,
    review: input.review.length,
    dataQuality: { rejectedRows: input.rejectedRows, findings: dataQuality },
    dismissed,
  };
}
