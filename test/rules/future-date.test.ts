import rule from '../../rules/future-date.js';
import type { Application } from '../../src/model/records.js';
import { app } from '../support/dataset.js';
import { RuleTester, type ExpectedFinding } from '../support/rule-tester.js';

const AS_OF = '2024-06-30';
const tester = new RuleTester({ asOf: AS_OF });

/** The one finding of A1, with its evidence in full; its key is its list of fields. */
function future(evidence: { fields: string[] } & Record<string, unknown>): ExpectedFinding[] {
  return [
    {
      applicationId: 'A1',
      severity: 'low',
      key: evidence.fields,
      evidenceEquals: { asOf: AS_OF, ...evidence },
      message: `Application A1 has ${evidence.fields.join(', ')} after the audit date ${AS_OF}.`,
    },
  ];
}
const one = (application: Application) => ({ applications: [application] });
const received = one(app({ application_id: 'A1', received_at: '2024-07-01' }));

tester.run(rule, {
  valid: [
    {
      name: 'near-miss: every date on or before the as-of date',
      tables: one(app({ application_id: 'A1', received_at: '2024-06-01', decision_at: '2024-06-30T23:59', closed_at: '2024-06-30' })),
    },
    {
      name: 'near-miss: 23:30Z on the as-of date in summer is the next London day',
      tables: one(app({ application_id: 'A1', received_at: '2024-06-01', closed_at: '2024-06-30T22:30Z' })),
    },
    { name: 'moves with the as-of date: received on the as-of date', asOf: '2024-07-01', tables: received },
  ],
  invalid: [
    {
      name: 'London calendar day after the as-of date',
      tables: one(app({ application_id: 'A1', received_at: '2024-06-01', closed_at: '2024-06-30T23:30Z' })),
      findings: future({ fields: ['closed_at'], closedAt: '2024-07-01T00:30+01:00' }),
    },
    { name: 'received after the as-of date', tables: received, findings: future({ fields: ['received_at'], receivedAt: '2024-07-01' }) },
    {
      name: 'several fields: one finding listing each, in field order',
      tables: one(
        app({ application_id: 'A1', received_at: '2024-06-01', initial_checks_at: '2024-06-02', disclosure_at: '2025-01-01', decision_at: '2024-12-31', face_to_face_at: '2024-07-15' }),
      ),
      findings: future({
        fields: ['face_to_face_at', 'decision_at', 'disclosure_at'],
        faceToFaceAt: '2024-07-15',
        decisionAt: '2024-12-31',
        disclosureAt: '2025-01-01',
      }),
    },
  ],
});
