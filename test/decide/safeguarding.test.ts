import { describe, expect, it } from 'vitest';
import { decide } from '../../src/decide/index.js';
import { DEFAULT_SCHEDULE } from '../../src/time/limits.js';
import { app, dataset, day, incident } from '../support/dataset.js';
import { decideOn, finding, harm, ruleStatuses } from './support.js';

const OPTIONS = { 'deadline-missed': { schedule: DEFAULT_SCHEDULE, graceDays: 0 } };

function setup() {
  const applications = [
    app({ application_id: 'S1', received_at: '2022-01-01T23:30', person_at_risk_id: 'P1', subject_id: 'X1' }),
    app({ application_id: 'S0', received_at: '2022-01-01T08:00', person_at_risk_id: 'P0', subject_id: 'X0' }),
    app({ application_id: 'S2', received_at: '2023-01-01', person_at_risk_id: 'P2', subject_id: 'X2', immediate_risk: true, decision: 'disclose' }),
    app({ application_id: 'S3', received_at: '2023-06-01', person_at_risk_id: 'P3', subject_id: 'X3', decision: 'no_disclosure', decision_at: '2023-06-10' }),
    app({ application_id: 'S4', received_at: '2021-01-01', person_at_risk_id: 'P4', subject_id: 'X4' }),
    app({ application_id: 'S5', received_at: '2020-01-01', person_at_risk_id: 'P5', subject_id: 'X5' }),
    app({ application_id: 'S6', received_at: '2019-01-01', person_at_risk_id: 'P6', subject_id: 'X6', immediate_risk: false }),
  ];
  const incidents = [
    incident({ incident_id: 'I3', occurred_at: '2023-06-20', victim_id: 'P3', suspect_id: 'X3', harm: 'injury' }),
    // P4 was killed, by someone other than the subject: nobody left to safeguard.
    incident({ incident_id: 'I4', occurred_at: '2024-01-01', victim_id: 'P4', suspect_id: 'OTHER', harm: 'death' }),
    // P0 was injured by someone else: still to safeguard.
    incident({ incident_id: 'I0', occurred_at: '2024-01-01', victim_id: 'P0', suspect_id: 'OTHER', harm: 'serious_injury' }),
  ];
  const findings = [
    harm('S3', 'I3'),
    finding('no-outcome', 'S1', 'high'),
    finding('no-outcome', 'S0', 'high'),
    finding('disclosure-not-made', 'S2', 'high'),
    finding('withheld-despite-history', 'S3', 'high'),
    finding('no-outcome', 'S4', 'high'),
    finding('deadline-missed', 'S5', 'medium'),
    finding('no-outcome', 'S6', 'high'),
    finding('initial-checks-late', 'S6', 'medium'),
    finding('date-order', 'S6', 'low'),
  ];
  const ds = dataset({ applications, incidents });
  return decide({
    dataset: ds,
    findings,
    asOf: day('2025-01-31'),
    ruleOptions: OPTIONS,
    rules: ruleStatuses(['no-outcome', 'disclosure-not-made', 'withheld-despite-history', 'harm-after-request', 'deadline-missed', 'initial-checks-late', 'date-order', 'unknown-handler']),
    rejectedRows: 4,
  });
}

describe('safeguarding', () => {
  it('orders harm recorded, then immediate risk, then oldest received (London date), then id; skips a person recorded dead', () => {
    const { safeguarding } = setup();
    expect(safeguarding.map((s) => [s.priority, s.applicationId])).toEqual([
      [1, 'S3'],
      [2, 'S2'],
      [3, 'S6'],
      [4, 'S0'],
      [5, 'S1'],
    ]);
    expect(safeguarding[0]).toEqual({
      applicationId: 'S3',
      personAtRiskId: 'P3',
      priority: 1,
      reasons: ['withheld-despite-history'],
      harmRecorded: true,
      immediateRisk: false,
      receivedAt: '2023-06-01',
      action: 'Arrange an urgent face-to-face disclosure review',
    });
    expect(safeguarding[1]).toMatchObject({ applicationId: 'S2', immediateRisk: true, harmRecorded: false, reasons: ['disclosure-not-made'] });
    expect(safeguarding.some((s) => s.applicationId === 'S4')).toBe(false);
    expect(safeguarding.some((s) => s.applicationId === 'S5')).toBe(false);
  });

  it('review holds the rest by severity, without data quality or the safeguarding reasons', () => {
    const out = setup();
    const byFp = new Map(
      [
        finding('no-outcome', 'S4', 'high'),
        finding('deadline-missed', 'S5', 'medium'),
        finding('initial-checks-late', 'S6', 'medium'),
        harm('S3', 'I3'),
      ].map((f) => [f.fingerprint, `${f.ruleId}:${f.applicationId}`]),
    );
    // S3 is referred (the withheld decision of 2023-06-10 preceded the incident), so its harm finding leaves review.
    expect(out.referrals.map((r) => [r.id, r.basis, r.routes, r.grounds])).toEqual([
      ['S3', 'voluntary', ['conduct-gravity'], ['harm-after-request', 'withheld-despite-history']],
    ]);
    expect(out.review.map((fp) => byFp.get(fp) ?? fp)).toEqual(['no-outcome:S4', 'deadline-missed:S5', 'initial-checks-late:S6']);
  });

  it('summary counts', () => {
    const { summary } = setup();
    expect(summary).toMatchObject({
      applications: 7,
      findings: 10,
      bySeverity: { critical: 0, high: 7, medium: 2, low: 1, info: 0 },
      serviceFailures: 7,
      safeguarding: 5,
      review: 3,
      dataQuality: { rejectedRows: 4, findings: 1 },
      referrals: { applications: 1, staff: 0, mandatory: 0, voluntary: 1, assess: 0, due: 1, overdue: 0, referred: 0 },
      // S3 harm (its harm grounds conduct-gravity); S0, S1, S2, S4, S6 service; S5 administrative.
      suggested: { harm: 1, service: 5, administrative: 1, none: 0 },
    });
    expect(summary.byRule).toEqual({
      'date-order': 1,
      'deadline-missed': 1,
      'disclosure-not-made': 1,
      'harm-after-request': 1,
      'initial-checks-late': 1,
      'no-outcome': 4,
      'unknown-handler': 0,
      'withheld-despite-history': 1,
    });
    expect(Object.keys(summary.bySeverity)).toEqual(['critical', 'high', 'medium', 'low', 'info']);
  });
});

describe('safeguarding: the v2 reasons', () => {
  const one = (fields: Partial<Parameters<typeof app>[0]>, ruleIds: string[], incidents: ReturnType<typeof incident>[] = []) => {
    const ds = dataset({ applications: [app({ application_id: 'A1', person_at_risk_id: 'P1', subject_id: 'X1', ...fields })], incidents });
    return decideOn(ds, ruleIds.map((id) => finding(id, 'A1', 'high'))).safeguarding;
  };

  it.each([
    ['possible-duplicate-subject', { decision: 'no_disclosure', decision_at: '2023-01-10' }],
    ['withdrawn-with-history', { decision: 'withdrawn', decision_at: '2023-01-10' }],
    ['no-outcome', {}],
    ['disclosure-not-made', { decision: 'disclose' }],
    ['withheld-despite-history', { decision: 'not_proceeded', decision_at: '2023-01-10' }],
  ] as const)('%s safeguards, with the face-to-face action', (ruleId, fields) => {
    expect(one(fields, [ruleId])).toEqual([
      expect.objectContaining({ applicationId: 'A1', priority: 1, reasons: [ruleId], action: 'Arrange an urgent face-to-face disclosure review' }),
    ]);
  });

  it.each([
    ['checks-missing', null],
    ['checks-missing', 'no_disclosure'],
    ['check-wrong-identity', 'not_proceeded'],
    ['check-wrong-identity', null],
  ] as const)('%s safeguards where the decision is not disclose (%s): re-run the checks first', (ruleId, decision) => {
    expect(one({ decision }, [ruleId])).toEqual([
      expect.objectContaining({ reasons: [ruleId], action: 'Re-run the checks, then arrange an urgent face-to-face disclosure review' }),
    ]);
  });

  it.each(['checks-missing', 'check-wrong-identity'])('%s does not safeguard a disclosed case', (ruleId) => {
    expect(one({ decision: 'disclose', disclosure_at: '2023-01-10' }, [ruleId])).toEqual([]);
  });

  it('a check reason among others: sorted reasons, re-run the checks first', () => {
    expect(one({ decision: 'no_disclosure' }, ['withheld-despite-history', 'check-wrong-identity', 'checks-missing'])).toEqual([
      expect.objectContaining({
        reasons: ['check-wrong-identity', 'checks-missing', 'withheld-despite-history'],
        action: 'Re-run the checks, then arrange an urgent face-to-face disclosure review',
      }),
    ]);
  });

  it('no entry for a person at risk recorded as killed', () => {
    const killed = incident({ incident_id: 'I1', occurred_at: '2023-02-01', victim_id: 'P1', suspect_id: 'OTHER', harm: 'death' });
    expect(one({ decision: 'no_disclosure' }, ['possible-duplicate-subject'], [killed])).toEqual([]);
  });

  it('other rules do not safeguard', () => {
    expect(one({ decision: 'no_disclosure', decision_at: '2023-03-20' }, ['deadline-missed', 'initial-checks-late', 'decision-record-missing'])).toEqual([]);
  });
});
