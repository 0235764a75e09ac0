import rule from '../../rules/disclosure-not-made.js';
import { app } from '../support/dataset.js';
import { RuleTester } from '../support/rule-tester.js';

const tester = new RuleTester({ asOf: '2025-01-31' });

const fired = (applicationId: string, reason: string, limitDays: number) => ({ applicationId, severity: 'high' as const, evidence: { reason, limitDays } });

tester.run(rule, {
  valid: [
    {
      name: 'received 2023-04-04: 35-day limit, 30 days without a disclosure is in time',
      asOf: '2023-05-04',
      tables: { applications: [app({ application_id: 'A1', received_at: '2023-04-04', decision: 'disclose', decision_at: '2023-04-20' })] },
    },
    {
      name: 'a disclosure made, even late, is not this rule',
      asOf: '2024-01-01',
      tables: { applications: [app({ application_id: 'A1', received_at: '2023-06-01', decision: 'disclose', disclosure_at: '2023-09-01', closed_at: '2023-09-02' })] },
    },
    {
      name: 'withdrawn and other decisions never fire',
      asOf: '2024-01-01',
      tables: {
        applications: [
          app({ application_id: 'W1', decision: 'withdrawn', closed_at: '2023-01-05' }),
          app({ application_id: 'N1', decision: 'no_disclosure', closed_at: '2023-01-05' }),
          app({ application_id: 'E1', closed_at: '2023-01-05' }),
        ],
      },
    },
    {
      name: 'open, decided to disclose, exactly at the limit is not past it',
      asOf: '2023-06-29',
      tables: { applications: [app({ application_id: 'A1', received_at: '2023-06-01', decision: 'disclose' })] },
    },
  ],
  invalid: [
    {
      name: 'received 2023-04-05: 28-day limit, 29 days without a disclosure is past it; says when it was decided and where the limit ended',
      asOf: '2023-05-04',
      tables: { applications: [app({ application_id: 'A1', received_at: '2023-04-05', decision: 'disclose', decision_at: '2023-04-20' })] },
      findings: [
        {
          ...fired('A1', 'open past the limit', 28),
          message:
            'Application A1 has a decision to disclose on 2023-04-20 but no disclosure 29 days after receipt on 2023-04-05, past the 28-day limit that ended on 2023-05-03.',
          evidence: { reason: 'open past the limit', limitDays: 28, decisionAt: '2023-04-20', closedAt: null, daysOpen: 29, deadline: '2023-05-03' },
        },
      ],
    },
    {
      name: 'closed after a decision to disclose with no disclosure fires inside the limit',
      asOf: '2023-06-12',
      tables: { applications: [app({ application_id: 'A1', received_at: '2023-06-01', decision: 'disclose', closed_at: '2023-06-10' })] },
      findings: [{ ...fired('A1', 'closed without a disclosure', 28), evidence: { reason: 'closed without a disclosure', limitDays: 28, daysToClosure: 9 } }],
    },
  ],
});
