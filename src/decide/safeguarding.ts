/**
 * Safeguarding now (BRIEF section 6, v2): applications left without an outcome, a disclosure, or a
 * right decision (including one taken on checks that were never run or ran on the wrong identity),
 * whose person at risk is not recorded as having died, each for an urgent face-to-face disclosure
 * review, in order of urgency.
 */
import type { Dataset } from '../model/dataset.js';
import type { Application } from '../model/records.js';
import type { SafeguardingEntry } from '../model/report.js';
import { formatDateValue } from '../time/london.js';
import { compareText } from '../shared/compare.js';
import { type FindingsByApplication, sortedUnique } from './findings-index.js';
import { HARM_RULE } from './referrals.js';

export const SAFEGUARDING_RULES: readonly string[] = [
  'no-outcome',
  'disclosure-not-made',
  'withheld-despite-history',
  'possible-duplicate-subject',
  'withdrawn-with-history',
];
/** Rules that safeguard only where the decision was not to disclose (empty included): the checks behind it failed. */
export const CHECK_RULES: readonly string[] = ['checks-missing', 'check-wrong-identity'];
export const SAFEGUARDING_ACTION = 'Arrange an urgent face-to-face disclosure review';
export const RECHECK_ACTION = 'Re-run the checks, then arrange an urgent face-to-face disclosure review';

interface Candidate {
  readonly app: Application;
  readonly reasons: string[];
  readonly harmRecorded: boolean;
  readonly immediateRisk: boolean;
  /** The sort keys, read once: 0 harm and immediate risk, 1 harm, 2 immediate risk, 3 neither. */
  readonly rank: number;
  readonly day: number;
  readonly id: string;
}

/** `dismissed`: (v2) applications the review concluded no_failure, which leave the list. */
export function decideSafeguarding(dataset: Dataset, byApplication: FindingsByApplication, dismissed: ReadonlySet<string> = new Set()): SafeguardingEntry[] {
  const rules = new Set(SAFEGUARDING_RULES);
  const checkRules = new Set(CHECK_RULES);
  const candidates: Candidate[] = [];
  // The few people recorded as killed, found in one pass over the incidents rather than a look-up
  // of every candidate's incidents (1M applications: ~0.5 s of look-ups in a million-key index).
  const killed = new Set<string>();
  for (const i of dataset.incidents ?? []) if (i.harm === 'death') killed.add(i.victim_id);
  // Any order will do: the candidates are sorted below, ending with the application id.
  for (const { app, findings } of byApplication.applications(dataset)) {
    if (dismissed.has(app.application_id)) continue;
    let reasons: string[] | null = null;
    const withheld = app.decision !== 'disclose';
    for (const f of findings) {
      if (rules.has(f.ruleId) || (withheld && checkRules.has(f.ruleId))) (reasons ??= []).push(f.ruleId);
    }
    if (reasons === null) continue;
    reasons = sortedUnique(reasons);
    // Nobody left to safeguard: the person at risk is recorded as killed (by anyone).
    if (killed.has(app.person_at_risk_id)) continue;
    const harmRecorded = findings.some((f) => f.ruleId === HARM_RULE);
    const immediateRisk = app.immediate_risk === true;
    candidates.push({
      app,
      reasons,
      harmRecorded,
      immediateRisk,
      rank: (harmRecorded ? 0 : 2) + (immediateRisk ? 0 : 1),
      day: app.received_at.day,
      id: app.application_id,
    });
  }
  candidates.sort(compareCandidates);
  return candidates.map((c, i) => ({
    applicationId: c.app.application_id,
    personAtRiskId: c.app.person_at_risk_id,
    priority: i + 1,
    reasons: c.reasons,
    harmRecorded: c.harmRecorded,
    immediateRisk: c.immediateRisk,
    receivedAt: formatDateValue(c.app.received_at),
    ...(c.app.handler_id === null ? {} : { handlerId: c.app.handler_id }),
    action: c.reasons.some((r) => checkRules.has(r)) ? RECHECK_ACTION : SAFEGUARDING_ACTION,
  }));
}

/** Harm already recorded first, then immediate risk, then oldest received (London date), then id. */
function compareCandidates(a: Candidate, b: Candidate): number {
  return a.rank - b.rank || a.day - b.day || compareText(a.id, b.id);
}
