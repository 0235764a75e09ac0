import { describe, expect, it } from 'vitest';
import rule from '../../rules/date-order.js';
import { app, dataset, day } from '../support/dataset.js';
import { runRule } from '../support/run-rule.js';
import type { Application } from '../../src/model/records.js';

interface Case {
  name: string;
  application: Application;
  /** Expected evidence in full, or null for no finding. */
  evidence: Record<string, unknown> | null;
}

const R = '2023-01-10';

const cases: Case[] = [
  { name: 'every step in order', application: app({ application_id: 'A1', received_at: R, initial_checks_at: '2023-01-10', face_to_face_at: '2023-01-12', decision_at: '2023-01-20', disclosure_at: '2023-01-21', closed_at: '2023-01-22' }), evidence: null },
  {
    name: 'near-miss: a step earlier on the received day (London calendar dates)',
    application: app({ application_id: 'A1', received_at: '2023-01-10T15:00', initial_checks_at: '2023-01-10T09:00' }),
    evidence: null,
  },
  {
    name: 'near-miss: disclosure earlier on the decision day',
    application: app({ application_id: 'A1', received_at: R, decision: 'disclose', decision_at: '2023-01-20T16:00', disclosure_at: '2023-01-20T10:00' }),
    evidence: null,
  },
  {
    name: 'near-miss: BST instant that is the same London day though the UTC day before',
    application: app({ application_id: 'A1', received_at: '2023-07-02', initial_checks_at: '2023-07-01T23:30Z' }),
    evidence: null,
  },
  {
    name: 'initial checks the day before receipt',
    application: app({ application_id: 'A1', received_at: R, initial_checks_at: '2023-01-09T23:59' }),
    evidence: { violations: ['initial_checks_at before received_at'], received_at: '2023-01-10', initial_checks_at: '2023-01-09T23:59+00:00' },
  },
  {
    name: 'disclosure before its decision',
    application: app({ application_id: 'A1', received_at: R, decision: 'disclose', decision_at: '2023-01-20', disclosure_at: '2023-01-19' }),
    evidence: { violations: ['disclosure_at before decision_at'], decision_at: '2023-01-20', disclosure_at: '2023-01-19' },
  },
  {
    name: 'several offending pairs: one finding listing each, in process order',
    application: app({ application_id: 'A1', received_at: R, closed_at: '2023-01-01', face_to_face_at: '2023-01-05', decision_at: '2023-01-20', disclosure_at: '2023-01-09' }),
    evidence: {
      violations: ['face_to_face_at before received_at', 'disclosure_at before received_at', 'closed_at before received_at', 'disclosure_at before decision_at'],
      received_at: '2023-01-10',
      face_to_face_at: '2023-01-05',
      decision_at: '2023-01-20',
      disclosure_at: '2023-01-09',
      closed_at: '2023-01-01',
    },
  },
  {
    name: 'decision before receipt',
    application: app({ application_id: 'A1', received_at: R, decision: 'no_disclosure', decision_at: '2022-12-31' }),
    evidence: { violations: ['decision_at before received_at'], received_at: '2023-01-10', decision_at: '2022-12-31' },
  },
];

describe('date-order', () => {
  it.each(cases)('$name', (c) => {
    const findings = runRule(rule, dataset({ applications: [c.application] }), { asOf: day('2025-01-31') });
    if (c.evidence === null) {
      expect(findings).toEqual([]);
      return;
    }
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f.applicationId).toBe('A1');
    expect(f.severity).toBe('low');
    expect(f.evidence).toEqual(c.evidence);
    expect(f.key).toEqual(c.evidence.violations);
    expect(f.message).toBe(`Application A1 has ${(c.evidence.violations as string[]).join(', ')}.`);
  });

  it('gives one finding per application, in input order', () => {
    const ds = dataset({
      applications: [
        app({ application_id: 'B', received_at: R, closed_at: '2023-01-01' }),
        app({ application_id: 'OK', received_at: R }),
        app({ application_id: 'A', received_at: R, initial_checks_at: '2023-01-01' }),
      ],
    });
    expect(runRule(rule, ds, { asOf: day('2025-01-31') }).map((f) => f.applicationId)).toEqual(['B', 'A']);
  });
});
