import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-outcome.js';
import { app } from '../support/dataset.js';
import { RuleTester } from '../support/rule-tester.js';

const tester = new RuleTester({ asOf: '2025-01-31' });

const fired = (applicationId: string, reason: string, limitDays: number, deadline: string) => ({
  applicationId,
  severity: 'high' as const,
  evidence: { reason, limitDays, deadline },
});

tester.run(rule, {
  valid: [
    { name: 'received 2023-04-04: 35-day limit, 30 days open is in time', asOf: '2023-05-04', tables: { applications: [app({ application_id: 'A1', received_at: '2023-04-04' })] } },
    { name: 'exactly the limit (28 days) is not past it', asOf: '2023-05-03', tables: { applications: [app({ application_id: 'A1', received_at: '2023-04-05' })] } },
    {
      name: 'withdrawn cases never fire, open or closed',
      asOf: '2024-01-01',
      tables: {
        applications: [
          app({ application_id: 'W1', received_at: '2023-01-02', decision: 'withdrawn' }),
          app({ application_id: 'W2', received_at: '2023-01-02', decision: 'withdrawn', closed_at: '2023-01-05' }),
        ],
      },
    },
    {
      name: 'a decision of any kind, however late, is not this rule',
      asOf: '2024-01-01',
      tables: {
        applications: [
          app({ application_id: 'D1', decision: 'no_disclosure', decision_at: '2023-12-01' }),
          app({ application_id: 'D2', decision: 'disclose' }),
          app({ application_id: 'D3', decision: 'not_proceeded' }),
        ],
      },
    },
    { name: 'received after the as-of date is not past anything', asOf: '2023-05-01', tables: { applications: [app({ application_id: 'A1', received_at: '2023-06-01' })] } },
  ],
  invalid: [
    {
      name: 'received 2023-04-05: 28-day limit, 29 days open is past it',
      asOf: '2023-05-04',
      tables: { applications: [app({ application_id: 'A1', received_at: '2023-04-05' })] },
      findings: [fired('A1', 'open past the limit', 28, '2023-05-03')],
    },
    {
      name: 'received 2023-04-04, 36 days open is past the 35-day limit',
      asOf: '2023-05-10',
      tables: { applications: [app({ application_id: 'A1', received_at: '2023-04-04' })] },
      findings: [fired('A1', 'open past the limit', 35, '2023-05-09')],
    },
    {
      name: 'closed with no decision fires even inside the limit',
      asOf: '2023-06-05',
      tables: { applications: [app({ application_id: 'A1', received_at: '2023-06-01', closed_at: '2023-06-03' })] },
      findings: [fired('A1', 'closed without a decision', 28, '2023-06-29')],
    },
    {
      name: 'a force schedule changes the limit',
      asOf: '2023-06-12',
      options: { schedule: [{ from: '2000-01-01', days: 10, source: 'local policy' }] },
      tables: { applications: [app({ application_id: 'A1', received_at: '2023-06-01' })] },
      findings: [fired('A1', 'open past the limit', 10, '2023-06-11')],
    },
    {
      name: 'gives evidence and a one-sentence message an analyst can check',
      asOf: '2023-05-04',
      tables: { applications: [app({ application_id: 'A1', received_at: '2023-04-05T10:15' })] },
      findings: [
        {
          applicationId: 'A1',
          severity: 'high',
          message: 'Application A1 has no decision 29 days after it was received on 2023-04-05, past the 28-day limit that ended on 2023-05-03.',
          evidence: {
            receivedAt: '2023-04-05T10:15+01:00',
            asOf: '2023-05-04',
            daysOpen: 29,
            daysOver: 1,
            limit: expect.stringMatching(/^28 days \(received on or after 2023-04-05: /),
          },
        },
      ],
    },
    {
      name: 'takes the configured severity',
      asOf: '2023-01-04',
      severity: 'critical',
      tables: { applications: [app({ application_id: 'A1', closed_at: '2023-01-03' })] },
      findings: [{ applicationId: 'A1', severity: 'critical' }],
    },
  ],
});

describe('no-outcome options', () => {
  it('rejects unknown options', () => {
    expect(rule.options.safeParse({ graceDays: 1 }).success).toBe(false);
  });
});
