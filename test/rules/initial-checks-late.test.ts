import rule from '../../rules/initial-checks-late.js';
import type { Severity } from '../../src/engine/types.js';
import { app } from '../support/dataset.js';
import { RuleTester } from '../support/rule-tester.js';

const tester = new RuleTester({ asOf: '2024-01-01' });

const checked = (received: string, checks: string | null, risk: boolean | null = null) => ({
  applications: [app({ application_id: 'A1', received_at: received, initial_checks_at: checks, immediate_risk: risk })],
});
const HOURS = 'elapsed hours';
const DAYS = 'calendar days (a date without a time)';
const fired = (severity: Severity, measuredIn: string, measure: { hours: number } | { days: number }) => [
  { applicationId: 'A1', severity, evidence: { measuredIn, ...measure } },
];

tester.run(rule, {
  valid: [
    { name: '09:00 25 March to 09:30 26 March 2023 is 23.5 real hours across the clock change: in time', tables: checked('2023-03-25T09:00', '2023-03-26T09:30') },
    { name: 'exactly 24 hours is in time', tables: checked('2023-06-01T10:00', '2023-06-02T10:00') },
    { name: 'date-only values: the next day is in time', tables: checked('2023-06-01', '2023-06-02') },
    { name: 'one value without a time is read by calendar date: 1 day is in time', tables: checked('2023-06-01T23:59', '2023-06-02') },
    { name: 'immediate risk, in time: no finding', tables: checked('2023-06-01T10:00', '2023-06-01T12:00', true) },
    { name: 'no initial checks recorded: nothing to measure', tables: checked('2023-06-01', null) },
  ],
  invalid: [
    {
      name: '09:00 25 March to 10:30 26 March 2023 is 24.5 real hours: late; shows the London times with their offsets and the elapsed time',
      tables: checked('2023-03-25T09:00', '2023-03-26T10:30'),
      findings: [
        {
          applicationId: 'A1',
          severity: 'medium',
          message: 'Application A1 had its initial checks 24h 30m after receipt, over the 24-hour limit.',
          evidence: { measuredIn: HOURS, hours: 24.5, receivedAt: '2023-03-25T09:00+00:00', initialChecksAt: '2023-03-26T10:30+01:00', elapsed: '24h 30m' },
        },
      ],
    },
    { name: '24 hours and one minute is late', tables: checked('2023-06-01T10:00', '2023-06-02T10:01'), findings: fired('medium', HOURS, { hours: 24.02 }) },
    { name: '08:30 to 08:30 across the October change is 25 real hours: late', tables: checked('2023-10-28T08:30', '2023-10-29T08:30'), findings: fired('medium', HOURS, { hours: 25 }) },
    { name: 'date-only values: two calendar days is late', tables: checked('2023-06-01', '2023-06-03'), findings: fired('medium', DAYS, { days: 2 }) },
    { name: 'one value without a time: 2 calendar days is late', tables: checked('2023-06-01T08:00', '2023-06-03'), findings: fired('medium', DAYS, { days: 2 }) },
    { name: 'immediate risk makes a late check high', tables: checked('2023-06-01T10:00', '2023-06-03T10:00', true), findings: fired('high', HOURS, { hours: 48 }) },
    {
      name: 'immediate risk recorded as no stays at the configured severity',
      tables: checked('2023-06-01', '2023-06-05', false),
      findings: fired('medium', DAYS, { days: 4 }),
    },
  ],
});
