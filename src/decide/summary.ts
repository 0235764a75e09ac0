/** The one-screen summary of a run (src/report/model.ts `Summary`), counted once here. */
import { type Finding, SEVERITIES, type Severity } from '../engine/types.js';
import { isServiceFailure } from '../engine/service-failure.js';
import type { Dataset } from '../model/dataset.js';
import type { Referral, RuleStatus, SafeguardingEntry, Summary } from '../report/model.js';
import { compareText } from './findings-index.js';

export interface SummaryInput {
  readonly dataset: Dataset;
  readonly findings: readonly Finding[];
  readonly rules: readonly RuleStatus[];
  readonly referrals: readonly Referral[];
  readonly safeguarding: readonly SafeguardingEntry[];
  readonly review: readonly string[];
  readonly rejectedRows: number;
  /** Ids of the applications with a service failure, when the caller has them already. */
  readonly failing?: ReadonlySet<string>;
}

export function summarise(input: SummaryInput): Summary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const counts = new Map<string, number>();
  for (const rule of input.rules) if (rule.enabled) counts.set(rule.id, 0);
  const failing = input.failing === undefined ? new Set<string>() : null;
  let dataQuality = 0;
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
    if (failing !== null && f.applicationId !== undefined && isServiceFailure(f)) failing.add(f.applicationId);
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
    serviceFailures: (failing ?? input.failing!).size,
    referrals: {
      applications: applicationReferrals,
      staff: input.referrals.length - applicationReferrals,
      mandatory: input.referrals.filter((r) => r.basis === 'mandatory').length,
      voluntary: input.referrals.filter((r) => r.basis === 'voluntary').length,
    },
    safeguarding: input.safeguarding.length,
    review: input.review.length,
    dataQuality: { rejectedRows: input.rejectedRows, findings: dataQuality },
  };
}
