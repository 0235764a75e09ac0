import { describe, expect, it } from 'vitest';
import rule from '../../rules/deadline-missed.js';
import { app } from '../support/dataset.js';
import { RuleTester } from '../support/rule-tester.js';

const tester = new RuleTester({ asOf: '2024-06-01' });

const fired = (applicationId: string, severity: 'medium' | 'high' | 'info', days: number, limitDays: number, outcomeField: string) => ({
  applicationId,
  severity,
  evidence: { days, limitDays, outcomeField },
});

tester.run(rule, {
  valid: [
    {
      name: 'received 2023-04-04: 35 days to disclosure is within the 35-day limit',
      tables: { applications: [app({ application_id: 'A1', received_at: '2023-04-04', decision: 'disclose', disclosure_at: '2023-05-09' })] },
    },
    {
      name: 'received 2023-04-05: 28 days is in time',
      tables: { applications: [app({ application_id: 'A1', received_at: '2023-04-05', decision: 'no_disclosure', decision_at: '2023-05-03' })] },
    },
    {
      name: 'withdrawn cases never fire',
      tables: { applications: [app({ application_id: 'W1', received_at: '2023-06-01', decision: 'withdrawn', decision_at: '2023-12-01', closed_at: '2023-12-01' })] },
    },
    {
      name: 'no outcome date (no decision, or a disclosure not made) is for other rules',
      tables: {
        applications: [
          app({ application_id: 'E1', received_at: '2023-06-01', closed_at: '2023-12-01' }),
          app({ application_id: 'D1', received_at: '2023-06-01', decision: 'disclose', decision_at: '2023-06-05', closed_at: '2023-12-01' }),
        ],
      },
    },
  ],
  invalid: [
    {
      name: 'received 2023-04-04: 36 days is over the 35-day limit',
      tables: { applications: [app({ application_id: 'A1', received_at: '2023-04-04', decision: 'disclose', disclosure_at: '2023-05-10' })] },
      findings: [fired('A1', 'medium', 36, 35, 'disclosure_at')],
    },
    {
      name: 'received 2023-04-05: 29 days is over the 28-day limit, with the dates, days, limit and deadline',
      tables: { applications: [app({ application_id: 'A1', received_at: '2023-04-05', decision: 'no_disclosure', decision_at: '2023-05-04' })] },
      options: { graceDays: 0 },
      findings: [
        {
          applicationId: 'A1',
          severity: 'medium',
          message: 'Application A1 reached its outcome (decision_at) on 2023-05-04, 29 days after receipt on 2023-04-05, over the 28-day limit.',
          evidence: {
            days: 29,
            limitDays: 28,
            outcomeField: 'decision_at',
            receivedAt: '2023-04-05',
            outcomeAt: '2023-05-04',
            deadline: '2023-05-03',
            daysOver: 1,
            graceDays: 0,
            exceptionalCircumstances: false,
            limit: expect.stringContaining('s.77 DA Act 2021'),
          },
        },
      ],
    },
    {
      name: 'no decision date: the closure date is the outcome',
      tables: { applications: [app({ application_id: 'A1', received_at: '2023-06-01', decision: 'not_proceeded', closed_at: '2023-07-10' })] },
      findings: [fired('A1', 'medium', 39, 28, 'closed_at')],
    },
    {
      name: 'over twice the limit is high (57 > 56)',
      tables: { applications: [app({ application_id: 'A1', received_at: '2023-06-01', decision: 'disclose', disclosure_at: '2023-07-28' })] },
      findings: [fired('A1', 'high', 57, 28, 'disclosure_at')],
    },
    {
      name: 'exactly twice the limit stays at the configured severity (56)',
      tables: { applications: [app({ application_id: 'A1', received_at: '2023-06-01', decision: 'disclose', disclosure_at: '2023-07-27' })] },
      findings: [fired('A1', 'medium', 56, 28, 'disclosure_at')],
    },
    {
      name: 'exceptional circumstances recorded: still fires, at info, even over twice the limit',
      tables: {
        applications: [
          app({ application_id: 'A1', received_at: '2023-06-01', decision: 'disclose', disclosure_at: '2023-07-10', exceptional_circumstances: true }),
          app({ application_id: 'A2', received_at: '2023-06-01', decision: 'disclose', disclosure_at: '2023-09-10', exceptional_circumstances: true }),
        ],
      },
      findings: [fired('A1', 'info', 39, 28, 'disclosure_at'), fired('A2', 'info', 101, 28, 'disclosure_at')],
    },
    {
      name: 'graceDays: over the limit means more than limit + grace days',
      options: { graceDays: 2 },
      tables: {
        applications: [
          app({ application_id: 'G1', received_at: '2023-06-01', decision: 'no_disclosure', decision_at: '2023-07-01' }),
          app({ application_id: 'G2', received_at: '2023-06-01', decision: 'no_disclosure', decision_at: '2023-07-02' }),
        ],
      },
      findings: [{ ...fired('G2', 'medium', 31, 28, 'decision_at'), evidence: { days: 31, limitDays: 28, outcomeField: 'decision_at', graceDays: 2, deadline: '2023-07-01' } }],
    },
  ],
});

describe('deadline-missed options', () => {
  it('rejects a negative or fractional graceDays and a misspelt option', () => {
    expect(rule.options.safeParse({ graceDays: -1 }).success).toBe(false);
    expect(rule.options.safeParse({ graceDays: 1.5 }).success).toBe(false);
    expect(rule.options.safeParse({ graceDay: 1 }).success).toBe(false);
  });
});
