/**
 * Safeguarding now (BRIEF section 6): applications left without an outcome, a disclosure, or a
 * right decision, whose person at risk is not recorded as having died, each for an urgent
 * face-to-face disclosure review, in order of urgency.
 */
import type { Dataset } from '../model/dataset.js';
import type { Application } from '../model/records.js';
import type { SafeguardingEntry } from '../report/model.js';
import { formatDateValue } from '../time/london.js';
import { compareText, type FindingsByApplication, sortedUnique } from './findings-index.js';
import { HARM_RULE } from './referrals.js';

export const SAFEGUARDING_RULES: readonly string[] = ['no-outcome', 'disclosure-not-made', 'withheld-despite-history'];
export const SAFEGUARDING_ACTION = 'Arrange an urgent face-to-face disclosure review';

interface Candidate {
  readonly app: Application;
  readonly reasons: string[];
  readonly harmRecorded: boolean;
  readonly immediateRisk: boolean;
}

export function decideSafeguarding(dataset: Dataset, byApplication: FindingsByApplication): SafeguardingEntry[] {
  const rules = new Set(SAFEGUARDING_RULES);
  const candidates: Candidate[] = [];
  for (const id of byApplication.applicationIds()) {
    const app = dataset.application(id);
    if (app === undefined) continue;
    const findings = byApplication.of(id);
    const reasons = sortedUnique(findings.filter((f) => rules.has(f.ruleId)).map((f) => f.ruleId));
    if (reasons.length === 0) continue;
    // Nobody left to safeguard: the person at risk is recorded as killed (by anyone).
    if (dataset.incidentsByVictim(app.person_at_risk_id).some((i) => i.harm === 'death')) continue;
    candidates.push({
      app,
      reasons,
      harmRecorded: findings.some((f) => f.ruleId === HARM_RULE),
      immediateRisk: app.immediate_risk === true,
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
    action: SAFEGUARDING_ACTION,
  }));
}

/** Harm already recorded first, then immediate risk, then oldest received (London date), then id. */
function compareCandidates(a: Candidate, b: Candidate): number {
  return (
    Number(b.harmRecorded) - Number(a.harmRecorded) ||
    Number(b.immediateRisk) - Number(a.immediateRisk) ||
    a.app.received_at.day - b.app.received_at.day ||
    compareText(a.app.application_id, b.app.application_id)
  );
}
