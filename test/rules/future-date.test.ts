import { describe, expect, it } from 'vitest';
import rule from '../../rules/future-date.js';
import { app, dataset, day } from '../support/dataset.js';
import { runRule } from '../support/run-rule.js';
import type { Application } from '../../src/model/records.js';

const AS_OF = '2024-06-30';

const cases: { name: string; application: Application; evidence: Record<string, unknown> | null }[] = [
  { name: 'near-miss: every date on or before the as-of date', application: app({ application_id: 'A1', received_at: '2024-06-01', decision_at: '2024-06-30T23:59', closed_at: '2024-06-30' }), evidence: null },
  {
    name: 'near-miss: 23:30Z on the as-of date in summer is the next London day',
    application: app({ application_id: 'A1', received_at: '2024-06-01', closed_at: '2024-06-30T22:30Z' }),
    evidence: null,
  },
  {
    name: 'London calendar day after the as-of date',
    application: app({ application_id: 'A1', received_at: '2024-06-01', closed_at: '2024-06-30T23:30Z' }),
    evidence: { fields: ['closed_at'], asOf: AS_OF, closed_at: '2024-07-01T00:30+01:00' },
  },
  {
    name: 'received after the as-of date',
    application: app({ application_id: 'A1', received_at: '2024-07-01' }),
    evidence: { fields: ['received_at'], asOf: AS_OF, received_at: '2024-07-01' },
  },
  {
    name: 'several fields: one finding listing each, in field order',
    application: app({ application_id: 'A1', received_at: '2024-06-01', initial_checks_at: '2024-06-02', disclosure_at: '2025-01-01', decision_at: '2024-12-31', face_to_face_at: '2024-07-15' }),
    evidence: {
      fields: ['face_to_face_at', 'decision_at', 'disclosure_at'],
      asOf: AS_OF,
      face_to_face_at: '2024-07-15',
      decision_at: '2024-12-31',
      disclosure_at: '2025-01-01',
    },
  },
];

describe('future-date', () => {
  it.each(cases)('$name', (c) => {
    const findings = runRule(rule, dataset({ applications: [c.application] }), { asOf: day(AS_OF) });
    if (c.evidence === null) {
      expect(findings).toEqual([]);
      return;
    }
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f.applicationId).toBe('A1');
    expect(f.severity).toBe('low');
    expect(f.evidence).toEqual(c.evidence);
    expect(f.key).toEqual(c.evidence.fields);
    expect(f.message).toBe(`Application A1 has ${(c.evidence.fields as string[]).join(', ')} after the audit date ${AS_OF}.`);
  });

  it('moves with the as-of date', () => {
    const ds = dataset({ applications: [app({ application_id: 'A1', received_at: '2024-07-01' })] });
    expect(runRule(rule, ds, { asOf: day('2024-06-30') })).toHaveLength(1);
    expect(runRule(rule, ds, { asOf: day('2024-07-01') })).toHaveLength(0);
  });
});
