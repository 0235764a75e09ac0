/**
 * The review list (BRIEF section 6): every finding that is neither behind a referral nor the
 * reason for a safeguarding entry, and not a data-quality finding, most severe first.
 */
import { type Finding, SEVERITIES, type Severity } from '../engine/types.js';
import type { Referral, SafeguardingEntry } from '../report/model.js';
import { SAFEGUARDING_RULES } from './safeguarding.js';

const RANK: Readonly<Record<Severity, number>> = Object.fromEntries(SEVERITIES.map((s, i) => [s, i])) as Record<Severity, number>;

export function decideReview(
  findings: readonly Finding[],
  referrals: readonly Referral[],
  safeguarding: readonly SafeguardingEntry[],
): string[] {
  const referred = new Set(referrals.flatMap((r) => r.findings));
  const safeguarded = new Set(safeguarding.map((s) => s.applicationId));
  const safeguardingRules = new Set(SAFEGUARDING_RULES);
  const rest = findings
    .map((f, index) => ({ f, index }))
    .filter(({ f }) => {
      if (f.category === 'data-quality') return false;
      if (referred.has(f.fingerprint)) return false;
      return !(f.applicationId !== undefined && safeguarded.has(f.applicationId) && safeguardingRules.has(f.ruleId));
    });
  // Stable by severity, then the order the findings are in.
  rest.sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || a.index - b.index);
  return rest.map(({ f }) => f.fingerprint);
}
