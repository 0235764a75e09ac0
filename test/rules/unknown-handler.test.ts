import rule from '../../rules/unknown-handler.js';
import type { Application, Staff } from '../../src/model/records.js';
import { app, staff } from '../support/dataset.js';
import { RuleTester, type ExpectedFinding } from '../support/rule-tester.js';

const tester = new RuleTester({ asOf: '2025-01-31' });

function unknown(applicationId: string, handlerId: string, registerSize: number): ExpectedFinding {
  return {
    applicationId,
    severity: 'info',
    key: [handlerId],
    evidenceEquals: { handlerId, staffRegisterSize: registerSize },
    message: `Application ${applicationId} names handler ${handlerId}, who is not in the staff register.`,
  };
}
const tables = (applications: Application[], register: Staff[] | null) => ({ applications, staff: register });

tester.run(rule, {
  valid: [
    { name: 'near-miss: handler in the register', tables: tables([app({ application_id: 'A1', handler_id: 'S1' })], [staff({ staff_id: 'S1' })]) },
    { name: 'near-miss: no handler recorded', tables: tables([app({ application_id: 'A1' })], [staff({ staff_id: 'S1' })]) },
    {
      name: 'no staff table: the engine skips the rule, with the reason',
      tables: tables([app({ application_id: 'A1', handler_id: 'S9' })], null),
      skipped: 'needs staff.csv (not supplied)',
    },
  ],
  invalid: [
    {
      name: 'handler not in the register',
      tables: tables([app({ application_id: 'A1', handler_id: 'S9' })], [staff({ staff_id: 'S1' }), staff({ staff_id: 'S2', role: 'staff' })]),
      findings: [unknown('A1', 'S9', 2)],
    },
    {
      name: 'ids are matched exactly (case matters)',
      tables: tables([app({ application_id: 'A1', handler_id: 's1' })], [staff({ staff_id: 'S1' })]),
      findings: [unknown('A1', 's1', 1)],
    },
    {
      name: 'an empty register: every handled application',
      tables: tables([app({ application_id: 'A1', handler_id: 'S1' }), app({ application_id: 'A2' }), app({ application_id: 'A3', handler_id: 'S1' })], []),
      findings: [unknown('A1', 'S1', 0), unknown('A3', 'S1', 0)],
    },
  ],
});
