import rule from '../../rules/date-order.js';
import type { Application } from '../../src/model/records.js';
import { app } from '../support/dataset.js';
import { RuleTester, type ExpectedFinding } from '../support/rule-tester.js';

const tester = new RuleTester({ asOf: '2025-01-31' });
const R = '2023-01-10';

/** The one finding of A1, with its evidence in full; its key is its list of violations. */
function outOfOrder(evidence: { violations: string[] } & Record<string, unknown>): ExpectedFinding[] {
  return [
    {
      applicationId: 'A1',
      severity: 'low',
      key: evidence.violations,
      evidenceEquals: evidence,
      message: `Application A1 has ${evidence.violations.join(', ')}.`,
    },
  ];
}
const one = (application: Application) => ({ applications: [application] });

tester.run(rule, {
  valid: [
    {
      name: 'every step in order',
      tables: one(app({ application_id: 'A1', received_at: R, initial_checks_at: '2023-01-10', face_to_face_at: '2023-01-12', decision_at: '2023-01-20', disclosure_at: '2023-01-21', closed_at: '2023-01-22' })),
    },
    {
      name: 'near-miss: a step earlier on the received day (London calendar dates)',
      tables: one(app({ application_id: 'A1', received_at: '2023-01-10T15:00', initial_checks_at: '2023-01-10T09:00' })),
    },
    {
      name: 'near-miss: disclosure earlier on the decision day',
      tables: one(app({ application_id: 'A1', received_at: R, decision: 'disclose', decision_at: '2023-01-20T16:00', disclosure_at: '2023-01-20T10:00' })),
    },
    {
      name: 'near-miss: BST instant that is the same London day though the UTC day before',
      tables: one(app({ application_id: 'A1', received_at: '2023-07-02', initial_checks_at: '2023-07-01T23:30Z' })),
    },
  ],
  invalid: [
    {
      name: 'initial checks the day before receipt',
      tables: one(app({ application_id: 'A1', received_at: R, initial_checks_at: '2023-01-09T23:59' })),
      findings: outOfOrder({ violations: ['initial_checks_at before received_at'], receivedAt: '2023-01-10', initialChecksAt: '2023-01-09T23:59+00:00' }),
    },
    {
      name: 'disclosure before its decision',
      tables: one(app({ application_id: 'A1', received_at: R, decision: 'disclose', decision_at: '2023-01-20', disclosure_at: '2023-01-19' })),
      findings: outOfOrder({ violations: ['disclosure_at before decision_at'], decisionAt: '2023-01-20', disclosureAt: '2023-01-19' }),
    },
    {
      name: 'several offending pairs: one finding listing each, in process order',
      tables: one(app({ application_id: 'A1', received_at: R, closed_at: '2023-01-01', face_to_face_at: '2023-01-05', decision_at: '2023-01-20', disclosure_at: '2023-01-09' })),
      findings: outOfOrder({
        violations: ['face_to_face_at before received_at', 'disclosure_at before received_at', 'closed_at before received_at', 'disclosure_at before decision_at'],
        receivedAt: '2023-01-10',
        faceToFaceAt: '2023-01-05',
        decisionAt: '2023-01-20',
        disclosureAt: '2023-01-09',
        closedAt: '2023-01-01',
      }),
    },
    {
      name: 'decision before receipt',
      tables: one(app({ application_id: 'A1', received_at: R, decision: 'no_disclosure', decision_at: '2022-12-31' })),
      findings: outOfOrder({ violations: ['decision_at before received_at'], receivedAt: '2023-01-10', decisionAt: '2022-12-31' }),
    },
    {
      name: 'gives one finding per application (the engine lists them by application id)',
      tables: {
        applications: [
          app({ application_id: 'B', received_at: R, closed_at: '2023-01-01' }),
          app({ application_id: 'OK', received_at: R }),
          app({ application_id: 'A', received_at: R, initial_checks_at: '2023-01-01' }),
        ],
      },
      findings: [
        { applicationId: 'A', key: ['initial_checks_at before received_at'] },
        { applicationId: 'B', key: ['closed_at before received_at'] },
      ],
    },
  ],
});
