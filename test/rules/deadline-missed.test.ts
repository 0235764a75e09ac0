import { describe, expect, it } from 'vitest';
import rule from '../../rules/deadline-missed.js';
import type { Severity } from '../../src/engine/types.js';
import { app, dataset, day } from '../support/dataset.js';
import { runRule } from '../support/run-rule.js';

type Case = {
  name: string;
  apps: ReturnType<typeof app>[];
  options?: unknown;
  fires: { applicationId: string; severity: Severity; days: number; limit_days: number; outcome_field: string }[];
};

const AS_OF = day('2024-06-01');

const cases: Case[] = [
  {
    name: 'received 2023-04-04: 35 days to disclosure is within the 35-day limit',
    apps: [app({ application_id: 'A1', received_at: '2023-04-04', decision: 'disclose', disclosure_at: '2023-05-09' })],
    fires: [],
  },
  {
    name: 'received 2023-04-04: 36 days is over the 35-day limit',
    apps: [app({ application_id: 'A1', received_at: '2023-04-04', decision: 'disclose', disclosure_at: '2023-05-10' })],
    fires: [{ applicationId: 'A1', severity: 'medium', days: 36, limit_days: 35, outcome_field: 'disclosure_at' }],
  },
  {
    name: 'received 2023-04-05: 29 days is over the 28-day limit',
    apps: [app({ application_id: 'A1', received_at: '2023-04-05', decision: 'no_disclosure', decision_at: '2023-05-04' })],
    fires: [{ applicationId: 'A1', severity: 'medium', days: 29, limit_days: 28, outcome_field: 'decision_at' }],
  },
  {
    name: 'received 2023-04-05: 28 days is in time',
    apps: [app({ application_id: 'A1', received_at: '2023-04-05', decision: 'no_disclosure', decision_at: '2023-05-03' })],
    fires: [],
  },
  {
    name: 'no decision date: the closure date is the outcome',
    apps: [app({ application_id: 'A1', received_at: '2023-06-01', decision: 'not_proceeded', closed_at: '2023-07-10' })],
    fires: [{ applicationId: 'A1', severity: 'medium', days: 39, limit_days: 28, outcome_field: 'closed_at' }],
  },
  {
    name: 'over twice the limit is high (57 > 56)',
    apps: [app({ application_id: 'A1', received_at: '2023-06-01', decision: 'disclose', disclosure_at: '2023-07-28' })],
    fires: [{ applicationId: 'A1', severity: 'high', days: 57, limit_days: 28, outcome_field: 'disclosure_at' }],
  },
  {
    name: 'exactly twice the limit stays at the configured severity (56)',
    apps: [app({ application_id: 'A1', received_at: '2023-06-01', decision: 'disclose', disclosure_at: '2023-07-27' })],
    fires: [{ applicationId: 'A1', severity: 'medium', days: 56, limit_days: 28, outcome_field: 'disclosure_at' }],
  },
  {
    name: 'exceptional circumstances recorded: still fires, at info, even over twice the limit',
    apps: [
      app({ application_id: 'A1', received_at: '2023-06-01', decision: 'disclose', disclosure_at: '2023-07-10', exceptional_circumstances: true }),
      app({ application_id: 'A2', received_at: '2023-06-01', decision: 'disclose', disclosure_at: '2023-09-10', exceptional_circumstances: true }),
    ],
    fires: [
      { applicationId: 'A1', severity: 'info', days: 39, limit_days: 28, outcome_field: 'disclosure_at' },
      { applicationId: 'A2', severity: 'info', days: 101, limit_days: 28, outcome_field: 'disclosure_at' },
    ],
  },
  {
    name: 'withdrawn cases never fire',
    apps: [app({ application_id: 'W1', received_at: '2023-06-01', decision: 'withdrawn', decision_at: '2023-12-01', closed_at: '2023-12-01' })],
    fires: [],
  },
  {
    name: 'no outcome date (no decision, or a disclosure not made) is for other rules',
    apps: [
      app({ application_id: 'E1', received_at: '2023-06-01', closed_at: '2023-12-01' }),
      app({ application_id: 'D1', received_at: '2023-06-01', decision: 'disclose', decision_at: '2023-06-05', closed_at: '2023-12-01' }),
    ],
    fires: [],
  },
  {
    name: 'graceDays: over the limit means more than limit + grace days',
    options: { graceDays: 2 },
    apps: [
      app({ application_id: 'G1', received_at: '2023-06-01', decision: 'no_disclosure', decision_at: '2023-07-01' }),
      app({ application_id: 'G2', received_at: '2023-06-01', decision: 'no_disclosure', decision_at: '2023-07-02' }),
    ],
    fires: [{ applicationId: 'G2', severity: 'medium', days: 31, limit_days: 28, outcome_field: 'decision_at' }],
  },
];

describe('deadline-missed', () => {
  it.each(cases)('$name', ({ apps, options, fires }) => {
    const found = runRule(rule, dataset({ applications: apps }), { asOf: AS_OF, options });
    expect(
      found.map((f) => ({
        applicationId: f.applicationId,
        severity: f.severity,
        days: f.evidence.days,
        limit_days: f.evidence.limit_days,
        outcome_field: f.evidence.outcome_field,
      })),
    ).toEqual(fires);
  });

  it('gives the dates, days, limit and deadline', () => {
    const [f] = runRule(
      rule,
      dataset({ applications: [app({ application_id: 'A1', received_at: '2023-04-05', decision: 'no_disclosure', decision_at: '2023-05-04' })] }),
      { asOf: AS_OF, options: { graceDays: 0 } },
    );
    expect(f?.message).toBe(
      'Application A1 reached its outcome (decision_at) on 2023-05-04, 29 days after receipt on 2023-04-05, over the 28-day limit.',
    );
    expect(f?.evidence).toMatchObject({
      received_at: '2023-04-05',
      outcome_at: '2023-05-04',
      deadline: '2023-05-03',
      days_over: 1,
      grace_days: 0,
      exceptional_circumstances: false,
      limit: expect.stringContaining('s.77 DA Act 2021'),
    });
  });

  it('rejects a negative or fractional graceDays and a misspelt option', () => {
    expect(rule.options.safeParse({ graceDays: -1 }).success).toBe(false);
    expect(rule.options.safeParse({ graceDays: 1.5 }).success).toBe(false);
    expect(rule.options.safeParse({ graceDay: 1 }).success).toBe(false);
  });
});
