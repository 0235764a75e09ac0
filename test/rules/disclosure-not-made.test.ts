import { describe, expect, it } from 'vitest';
import rule from '../../rules/disclosure-not-made.js';
import { app, dataset, day } from '../support/dataset.js';
import { runRule } from '../support/run-rule.js';

type Case = { name: string; apps: ReturnType<typeof app>[]; asOf: string; fires: { applicationId: string; reason: string; limit_days: number }[] };

const cases: Case[] = [
  {
    name: 'received 2023-04-04: 35-day limit, 30 days without a disclosure is in time',
    apps: [app({ application_id: 'A1', received_at: '2023-04-04', decision: 'disclose', decision_at: '2023-04-20' })],
    asOf: '2023-05-04',
    fires: [],
  },
  {
    name: 'received 2023-04-05: 28-day limit, 29 days without a disclosure is past it',
    apps: [app({ application_id: 'A1', received_at: '2023-04-05', decision: 'disclose', decision_at: '2023-04-20' })],
    asOf: '2023-05-04',
    fires: [{ applicationId: 'A1', reason: 'open past the limit', limit_days: 28 }],
  },
  {
    name: 'closed after a decision to disclose with no disclosure fires inside the limit',
    apps: [app({ application_id: 'A1', received_at: '2023-06-01', decision: 'disclose', closed_at: '2023-06-10' })],
    asOf: '2023-06-12',
    fires: [{ applicationId: 'A1', reason: 'closed without a disclosure', limit_days: 28 }],
  },
  {
    name: 'a disclosure made, even late, is not this rule',
    apps: [app({ application_id: 'A1', received_at: '2023-06-01', decision: 'disclose', disclosure_at: '2023-09-01', closed_at: '2023-09-02' })],
    asOf: '2024-01-01',
    fires: [],
  },
  {
    name: 'withdrawn and other decisions never fire',
    apps: [
      app({ application_id: 'W1', decision: 'withdrawn', closed_at: '2023-01-05' }),
      app({ application_id: 'N1', decision: 'no_disclosure', closed_at: '2023-01-05' }),
      app({ application_id: 'E1', closed_at: '2023-01-05' }),
    ],
    asOf: '2024-01-01',
    fires: [],
  },
  {
    name: 'open, decided to disclose, exactly at the limit is not past it',
    apps: [app({ application_id: 'A1', received_at: '2023-06-01', decision: 'disclose' })],
    asOf: '2023-06-29',
    fires: [],
  },
];

describe('disclosure-not-made', () => {
  it.each(cases)('$name', ({ apps, asOf, fires }) => {
    const found = runRule(rule, dataset({ applications: apps }), { asOf: day(asOf) });
    expect(found.map((f) => ({ applicationId: f.applicationId, reason: f.evidence.reason, limit_days: f.evidence.limit_days }))).toEqual(fires);
    for (const f of found) expect(f.severity).toBe('high');
  });

  it('says when it was decided and where the limit ended', () => {
    const [f] = runRule(
      rule,
      dataset({ applications: [app({ application_id: 'A1', received_at: '2023-04-05', decision: 'disclose', decision_at: '2023-04-20' })] }),
      { asOf: day('2023-05-04') },
    );
    expect(f?.message).toBe(
      'Application A1 has a decision to disclose on 2023-04-20 but no disclosure 29 days after receipt on 2023-04-05, past the 28-day limit that ended on 2023-05-03.',
    );
    expect(f?.evidence).toMatchObject({ decision_at: '2023-04-20', closed_at: null, days_open: 29, deadline: '2023-05-03' });
  });
});
