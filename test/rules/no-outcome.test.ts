import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-outcome.js';
import { app, dataset, day } from '../support/dataset.js';
import { runRule } from '../support/run-rule.js';

type Case = {
  name: string;
  apps: ReturnType<typeof app>[];
  asOf: string;
  options?: unknown;
  fires: { applicationId: string; reason: string; limit_days: number; deadline: string }[];
};

const cases: Case[] = [
  {
    name: 'received 2023-04-04: 35-day limit, 30 days open is in time',
    apps: [app({ application_id: 'A1', received_at: '2023-04-04' })],
    asOf: '2023-05-04',
    fires: [],
  },
  {
    name: 'received 2023-04-05: 28-day limit, 29 days open is past it',
    apps: [app({ application_id: 'A1', received_at: '2023-04-05' })],
    asOf: '2023-05-04',
    fires: [{ applicationId: 'A1', reason: 'open past the limit', limit_days: 28, deadline: '2023-05-03' }],
  },
  {
    name: 'exactly the limit (28 days) is not past it',
    apps: [app({ application_id: 'A1', received_at: '2023-04-05' })],
    asOf: '2023-05-03',
    fires: [],
  },
  {
    name: 'received 2023-04-04, 36 days open is past the 35-day limit',
    apps: [app({ application_id: 'A1', received_at: '2023-04-04' })],
    asOf: '2023-05-10',
    fires: [{ applicationId: 'A1', reason: 'open past the limit', limit_days: 35, deadline: '2023-05-09' }],
  },
  {
    name: 'closed with no decision fires even inside the limit',
    apps: [app({ application_id: 'A1', received_at: '2023-06-01', closed_at: '2023-06-03' })],
    asOf: '2023-06-05',
    fires: [{ applicationId: 'A1', reason: 'closed without a decision', limit_days: 28, deadline: '2023-06-29' }],
  },
  {
    name: 'withdrawn cases never fire, open or closed',
    apps: [
      app({ application_id: 'W1', received_at: '2023-01-02', decision: 'withdrawn' }),
      app({ application_id: 'W2', received_at: '2023-01-02', decision: 'withdrawn', closed_at: '2023-01-05' }),
    ],
    asOf: '2024-01-01',
    fires: [],
  },
  {
    name: 'a decision of any kind, however late, is not this rule',
    apps: [
      app({ application_id: 'D1', decision: 'no_disclosure', decision_at: '2023-12-01' }),
      app({ application_id: 'D2', decision: 'disclose' }),
      app({ application_id: 'D3', decision: 'not_proceeded' }),
    ],
    asOf: '2024-01-01',
    fires: [],
  },
  {
    name: 'a force schedule changes the limit',
    apps: [app({ application_id: 'A1', received_at: '2023-06-01' })],
    asOf: '2023-06-12',
    options: { schedule: [{ from: '2000-01-01', days: 10, source: 'local policy' }] },
    fires: [{ applicationId: 'A1', reason: 'open past the limit', limit_days: 10, deadline: '2023-06-11' }],
  },
  {
    name: 'received after the as-of date is not past anything',
    apps: [app({ application_id: 'A1', received_at: '2023-06-01' })],
    asOf: '2023-05-01',
    fires: [],
  },
];

describe('no-outcome', () => {
  it.each(cases)('$name', ({ apps, asOf, options, fires }) => {
    const found = runRule(rule, dataset({ applications: apps }), { asOf: day(asOf), options });
    expect(
      found.map((f) => ({
        applicationId: f.applicationId,
        reason: f.evidence.reason,
        limit_days: f.evidence.limit_days,
        deadline: f.evidence.deadline,
      })),
    ).toEqual(fires);
    for (const f of found) expect(f.severity).toBe('high');
  });

  it('gives evidence and a one-sentence message an analyst can check', () => {
    const [f] = runRule(rule, dataset({ applications: [app({ application_id: 'A1', received_at: '2023-04-05T10:15' })] }), {
      asOf: day('2023-05-04'),
    });
    expect(f?.message).toBe(
      'Application A1 has no decision 29 days after it was received on 2023-04-05, past the 28-day limit that ended on 2023-05-03.',
    );
    expect(f?.evidence).toMatchObject({
      received_at: '2023-04-05T10:15+01:00',
      as_of: '2023-05-04',
      days_open: 29,
      days_over: 1,
      limit: expect.stringMatching(/^28 days \(received on or after 2023-04-05: /),
    });
  });

  it('takes the configured severity', () => {
    const found = runRule(rule, dataset({ applications: [app({ application_id: 'A1', closed_at: '2023-01-03' })] }), {
      asOf: day('2023-01-04'),
      severity: 'critical',
    });
    expect(found.map((f) => f.severity)).toEqual(['critical']);
  });

  it('rejects unknown options', () => {
    expect(rule.options.safeParse({ graceDays: 1 }).success).toBe(false);
  });
});
