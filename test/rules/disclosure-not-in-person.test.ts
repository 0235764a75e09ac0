import rule from '../../rules/disclosure-not-in-person.js';
import { app } from '../support/dataset.js';
import { RuleTester } from '../support/rule-tester.js';

const tester = new RuleTester({ asOf: '2024-01-01' });

type Method = 'telephone' | 'written' | 'other' | 'in_person' | null;
const disclosed = (method: Method, at: string | null) => ({
  applications: [app({ application_id: 'A1', decision: 'disclose', disclosure_method: method, disclosure_at: at })],
});
const fired = (method: string) => [{ applicationId: 'A1', severity: 'low' as const, evidence: { disclosureMethod: method } }];

tester.run(rule, {
  valid: [
    { name: 'in person', tables: disclosed('in_person', '2023-06-10') },
    { name: 'no method recorded', tables: disclosed(null, '2023-06-10') },
    { name: 'a method but no disclosure made', tables: disclosed('telephone', null) },
  ],
  invalid: [
    { name: 'by telephone', tables: disclosed('telephone', '2023-06-10'), findings: fired('telephone') },
    { name: 'in writing', tables: disclosed('written', '2023-06-10'), findings: fired('written') },
    { name: 'another method', tables: disclosed('other', '2023-06-10'), findings: fired('other') },
    {
      name: 'names the method and date in one sentence',
      tables: disclosed('telephone', '2023-06-10T14:00'),
      findings: [
        {
          applicationId: 'A1',
          message: 'Application A1 had its disclosure made on 2023-06-10 by telephone, not in person.',
          evidence: { disclosureAt: '2023-06-10T14:00+01:00', disclosureMethod: 'telephone' },
        },
      ],
    },
  ],
});
