import rule from '../../rules/decision-record-altered.js';
import type { Application } from '../../src/model/records.js';
import { app } from '../support/dataset.js';
import { columnsWithout } from '../support/columns.js';
import { RuleTester, type ExpectedFinding } from '../support/rule-tester.js';

const tester = new RuleTester({ asOf: '2025-01-31' });
const tables = (...applications: Application[]) => ({ applications });
const closed = { decision: 'no_disclosure', decision_at: '2023-02-01', closed_at: '2023-02-10' } as const;

function altered(applicationId: string, closedAt: string, decisionRecordModifiedAt: string, daysAfterClosure: number): ExpectedFinding {
  return {
    applicationId,
    severity: 'medium',
    evidenceEquals: { closedAt, decisionRecordModifiedAt, daysAfterClosure },
    message: new RegExp(`^The decision-maker record of application ${applicationId} was changed on \\S+, ${daysAfterClosure} days? after the case was closed on \\S+\\.$`),
  };
}

tester.run(rule, {
  valid: [
    { name: 'near-miss: modified before closure', tables: tables(app({ application_id: 'A1', ...closed, decision_record_modified_at: '2023-02-09' })) },
    {
      name: 'near-miss: modified later on the closing day (same London date is not after)',
      tables: tables(app({ application_id: 'A1', ...closed, closed_at: '2023-02-10T09:00', decision_record_modified_at: '2023-02-10T23:30' })),
    },
    {
      name: 'near-miss: 23:30 UTC on the closing day is still that London day in winter',
      tables: tables(app({ application_id: 'A1', ...closed, decision_record_modified_at: '2023-02-10T23:30Z' })),
    },
    { name: 'near-miss: not closed', tables: tables(app({ application_id: 'A1', decision: 'disclose', decision_record_modified_at: '2023-05-01' })) },
    { name: 'near-miss: closed, never modified', tables: tables(app({ application_id: 'A1', ...closed })) },
    {
      name: 'near-miss: withdrawn cases are ignored',
      tables: tables(app({ application_id: 'A1', decision: 'withdrawn', decision_at: '2023-02-01', closed_at: '2023-02-10', decision_record_modified_at: '2023-03-01' })),
    },
    {
      name: 'the export has no decision_record_modified_at column: skipped naming it',
      tables: {
        applications: [app({ application_id: 'A1', ...closed, decision_record_modified_at: '2023-03-01' })],
        columns: { applications: columnsWithout('applications', 'decision_record_modified_at') },
      },
      skipped: 'needs column decision_record_modified_at of applications.csv (not in the export)',
    },
  ],
  invalid: [
    {
      name: 'modified the day after closure',
      tables: tables(app({ application_id: 'A1', ...closed, decision_record_modified_at: '2023-02-11' })),
      findings: [altered('A1', '2023-02-10', '2023-02-11', 1)],
    },
    {
      name: 'summer: 23:30 UTC is 00:30 London the next day, so it is after',
      tables: tables(app({ application_id: 'A1', ...closed, closed_at: '2023-07-10', decision_record_modified_at: '2023-07-10T23:30Z' })),
      findings: [altered('A1', '2023-07-10', '2023-07-11T00:30+01:00', 1)],
    },
    {
      name: 'an undecided closed case whose record was changed months later',
      tables: tables(app({ application_id: 'A1', closed_at: '2023-02-10', decision_record_modified_at: '2023-05-11T10:00' })),
      findings: [altered('A1', '2023-02-10', '2023-05-11T10:00+01:00', 90)],
    },
  ],
});
