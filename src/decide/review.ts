/**
 * The review list (BRIEF section 6): every finding that is neither behind a referral nor the
 * reason for a safeguarding entry, and not a data-quality finding, most severe first.
 */
import { type Finding, SEVERITIES, type Severity } from '../engine/types.js';
import type { Dataset } from '../model/dataset.js';
import type { Referral, SafeguardingEntry } from '../model/report.js';
import { formatDateValue } from '../time/london.js';

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

/** The members placeFindings gives a finding (the report's Finding has them read-only). */
type Placement = { -readonly [K in 'list' | 'handlerId' | 'receivedAt']?: Finding[K] };

/**
 * Each finding with the list it lands on and its application's handler and received date, so
 * findings.csv filters by what is to be done and by whom without a join. A finding behind a
 * referral is acted on there, before safeguarding; data quality and review take the rest as
 * decideReview does. The findings are the run's own, given these members in place: a copy of
 * each cost ~6 s and ~150 MB at 1M applications (~790k findings), and nothing reads the findings
 * of a run before they are placed.
 */
export function placeFindings(
  findings: readonly Finding[],
  referrals: readonly Referral[],
  safeguarding: readonly SafeguardingEntry[],
  dataset: Dataset,
): Finding[] {
  const referred = new Set<string>();
  for (const r of referrals) for (const fp of r.findings) referred.add(fp);
  const safeguarded = new Map<string, readonly string[]>();
  for (const s of safeguarding) safeguarded.set(s.applicationId, s.reasons);
  const out = new Array<Finding>(findings.length);
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    const placed = f as Placement;
    placed.list = referred.has(f.fingerprint)
      ? 'referral'
      : f.applicationId !== undefined && safeguarded.get(f.applicationId)?.includes(f.ruleId) === true
        ? 'safeguarding'
        : f.category === 'data-quality'
          ? 'data-quality'
          : 'review';
    const app = f.applicationId === undefined ? undefined : dataset.application(f.applicationId);
    if (app !== undefined) {
      if (app.handler_id !== null) placed.handlerId = app.handler_id;
      placed.receivedAt = formatDateValue(app.received_at);
    }
    out[i] = f;
  }
  return out;
}
