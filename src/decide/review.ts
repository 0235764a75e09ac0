/**
 * The review list (BRIEF section 6): every finding that is neither behind a referral nor the
 * reason for a safeguarding entry, and not a data-quality finding, most severe first.
 */
import { type Finding, SEVERITIES, type Severity } from '../engine/types.js';
import type { Referral, SafeguardingEntry } from '../model/report.js';

const RANK: Readonly<Record<Severity, number>> = Object.fromEntries(SEVERITIES.map((s, i) => [s, i])) as Record<Severity, number>;

export function decideReview(
  findings: readonly Finding[],
  referrals: readonly Referral[],
  safeguarding: readonly SafeguardingEntry[],
): string[] {
  const referred = new Set<string>();
  for (const r of referrals) for (const fp of r.findings) referred.add(fp);
  // The rules that put each application on the safeguarding list: those findings are acted on there.
  const safeguarded = new Map<string, readonly string[]>();
  for (const s of safeguarding) safeguarded.set(s.applicationId, s.reasons);
  // Stable by severity, then the order the findings are in: one list per severity, joined.
  const bySeverity: string[][] = SEVERITIES.map(() => []);
  for (const f of findings) {
    if (f.category === 'data-quality') continue;
    if (f.applicationId !== undefined && safeguarded.get(f.applicationId)?.includes(f.ruleId) === true) continue;
    if (referred.has(f.fingerprint)) continue;
    bySeverity[RANK[f.severity]]!.push(f.fingerprint);
  }
  return bySeverity.flat();
}
