import { describe, expect, it } from 'vitest';
import rule from '../../rules/harm-after-request.js';
import { app, incident, member } from '../support/dataset.js';
import { RuleTester } from '../support/rule-tester.js';
import type { Application, Harm, Incident } from '../../src/model/records.js';
import type { Evidence, Severity } from '../../src/engine/types.js';

const tester = new RuleTester({ asOf: '2025-01-31' });

const V = 'VICTIM-1';
const S = 'SUBJ-1';

/** An application about the pair V/S received 2023-01-02 (a Monday), with any overrides. */
function pairApp(fields: Partial<Parameters<typeof app>[0]> = {}): Application {
  return app({ application_id: 'A1', person_at_risk_id: V, subject_id: S, received_at: '2023-01-02', ...fields });
}

function inc(id: string, occurred: string, harm: Harm = 'injury', fields: Partial<Parameters<typeof incident>[0]> = {}): Incident {
  return incident({ incident_id: id, occurred_at: occurred, victim_id: V, suspect_id: S, harm, ...fields });
}

interface Case {
  name: string;
  applications: Application[];
  incidents: Incident[];
  options?: Record<string, unknown>;
  expected: { applicationId: string; incidentId: string; severity: Severity; evidence?: Partial<Record<string, Evidence[string]>> }[];
}

const cases: Case[] = [
  { name: 'near-miss: incident on the day of receipt (later that day)', applications: [pairApp({ received_at: '2023-01-02T09:00' })], incidents: [inc('I1', '2023-01-02T18:00')], expected: [] },
  {
    name: 'incident the next calendar day, however few hours later',
    applications: [pairApp({ received_at: '2023-01-02T23:00' })],
    incidents: [inc('I1', '2023-01-03T00:30')],
    expected: [{ applicationId: 'A1', incidentId: 'I1', severity: 'high', evidence: { daysAfterReceipt: 1, receivedAt: '2023-01-02T23:00+00:00', occurredAt: '2023-01-03T00:30+00:00' } }],
  },
  {
    name: 'London calendar date, not UTC: 23:30Z on 1 July 2023 is 2 July in London',
    applications: [pairApp({ received_at: '2023-07-01' })],
    incidents: [inc('I1', '2023-07-01T23:30Z')],
    expected: [{ applicationId: 'A1', incidentId: 'I1', severity: 'high', evidence: { daysAfterReceipt: 1, occurredAt: '2023-07-02T00:30+01:00' } }],
  },
  {
    name: 'day 365 is within the window',
    applications: [pairApp()],
    incidents: [inc('I1', '2024-01-02', 'no_injury')],
    expected: [
      {
        applicationId: 'A1',
        incidentId: 'I1',
        severity: 'high',
        evidence: { incidentId: 'I1', occurredAt: '2024-01-02', harm: 'no_injury', receivedAt: '2023-01-02', daysAfterReceipt: 365, windowDays: 365, disclosureAt: null },
      },
    ],
  },
  { name: 'near-miss: day 366', applications: [pairApp()], incidents: [inc('I1', '2024-01-03', 'death')], expected: [] },
  {
    name: 'death is critical',
    applications: [pairApp()],
    incidents: [inc('I1', '2023-02-01', 'death')],
    expected: [{ applicationId: 'A1', incidentId: 'I1', severity: 'critical', evidence: { harm: 'death', daysAfterReceipt: 30 } }],
  },
  {
    name: 'serious injury is critical',
    applications: [pairApp()],
    incidents: [inc('I1', '2023-02-01', 'serious_injury')],
    expected: [{ applicationId: 'A1', incidentId: 'I1', severity: 'critical', evidence: { harm: 'serious_injury' } }],
  },
  {
    name: 'injury is high',
    applications: [pairApp()],
    incidents: [inc('I1', '2023-02-01', 'injury')],
    expected: [{ applicationId: 'A1', incidentId: 'I1', severity: 'high', evidence: { harm: 'injury' } }],
  },
  { name: 'near-miss: a different suspect', applications: [pairApp()], incidents: [inc('I1', '2023-02-01', 'death', { suspect_id: 'SUBJ-2' })], expected: [] },
  { name: 'near-miss: a different victim', applications: [pairApp()], incidents: [inc('I1', '2023-02-01', 'death', { victim_id: 'VICTIM-2' })], expected: [] },
  {
    name: 'near-miss: victim and suspect the other way round',
    applications: [pairApp()],
    incidents: [inc('I1', '2023-02-01', 'death', { victim_id: S, suspect_id: V })],
    expected: [],
  },
  {
    name: 'near-miss: incident after the disclosure',
    applications: [pairApp({ decision: 'disclose', decision_at: '2023-01-20', disclosure_at: '2023-01-25' })],
    incidents: [inc('I1', '2023-01-26', 'serious_injury')],
    expected: [],
  },
  {
    name: 'near-miss: disclosure made on the incident day (earlier or later that day)',
    applications: [pairApp({ decision: 'disclose', decision_at: '2023-01-20', disclosure_at: '2023-01-26T18:00' })],
    incidents: [inc('I1', '2023-01-26T08:00', 'serious_injury')],
    expected: [],
  },
  {
    name: 'incident the day before a disclosure fires, with the disclosure date',
    applications: [pairApp({ decision: 'disclose', decision_at: '2023-01-20', disclosure_at: '2023-01-26' })],
    incidents: [inc('I1', '2023-01-25', 'injury')],
    expected: [{ applicationId: 'A1', incidentId: 'I1', severity: 'high', evidence: { disclosureAt: '2023-01-26', daysAfterReceipt: 23 } }],
  },
  {
    name: 'a decision not to disclose does not protect',
    applications: [pairApp({ decision: 'no_disclosure', decision_at: '2023-01-10', closed_at: '2023-01-10' })],
    incidents: [inc('I1', '2023-03-01', 'injury')],
    expected: [{ applicationId: 'A1', incidentId: 'I1', severity: 'high', evidence: { disclosureAt: null } }],
  },
  {
    name: 'two applications about the same pair give two findings',
    applications: [pairApp({ application_id: 'A1', received_at: '2023-01-02' }), pairApp({ application_id: 'A2', received_at: '2023-03-01' })],
    incidents: [inc('I1', '2023-04-01', 'injury')],
    expected: [
      { applicationId: 'A1', incidentId: 'I1', severity: 'high', evidence: { daysAfterReceipt: 89 } },
      { applicationId: 'A2', incidentId: 'I1', severity: 'high', evidence: { daysAfterReceipt: 31 } },
    ],
  },
  {
    name: 'two incidents after one application give two findings (the engine lists the critical first)',
    applications: [pairApp()],
    incidents: [inc('I9', '2023-05-01', 'death'), inc('I2', '2023-02-01', 'no_injury'), inc('I0', '2022-12-01', 'death')],
    expected: [
      { applicationId: 'A1', incidentId: 'I9', severity: 'critical' },
      { applicationId: 'A1', incidentId: 'I2', severity: 'high' },
    ],
  },
  {
    name: 'a shorter window from the options',
    applications: [pairApp()],
    incidents: [inc('I1', '2023-02-01'), inc('I2', '2023-02-02')],
    options: { windowDays: 30 },
    expected: [{ applicationId: 'A1', incidentId: 'I1', severity: 'high', evidence: { daysAfterReceipt: 30, windowDays: 30 } }],
  },
];

const asCase = (c: Case) => ({ name: c.name, ...(c.options === undefined ? {} : { options: c.options }), tables: { applications: c.applications, incidents: c.incidents } });

tester.run(rule, {
  valid: cases.filter((c) => c.expected.length === 0).map(asCase),
  invalid: [
    ...cases
      .filter((c) => c.expected.length > 0)
      .map((c) => ({
        ...asCase(c),
        findings: c.expected.map((e) => ({
          applicationId: e.applicationId,
          severity: e.severity,
          key: [e.incidentId],
          evidence: { incidentId: e.incidentId, ...e.evidence },
          message: /^Person at risk \S+ was the victim of incident .*\.$/,
        })),
      })),
    {
      name: 'leaves the escalation to critical in place when the configured severity is lowered',
      severity: 'medium',
      tables: { applications: [pairApp()], incidents: [inc('I1', '2023-02-01', 'death'), inc('I2', '2023-02-02', 'injury')] },
      findings: [
        { applicationId: 'A1', severity: 'critical', key: ['I1'] },
        { applicationId: 'A1', severity: 'medium', key: ['I2'] },
      ],
    },
  ],
});

describe('harm-after-request metadata', () => {
  it('needs the incidents table and validates its options', () => {
    expect(rule.requires).toEqual(['incidents']);
    expect(rule.options.parse({})).toEqual({ windowDays: 365 });
    expect(() => rule.options.parse({ windowDays: 0 })).toThrow();
    expect(() => rule.options.parse({ window: 10 })).toThrow();
  });
});

const C = 'CHILD-1';
const withHousehold = (household: ReturnType<typeof member>[], incidents: Incident[]) => ({ applications: [pairApp()], incidents, household });

describe('harm-after-request: children of the person at risk (v2, household table)', () => {
  new RuleTester({ asOf: '2025-01-31' }).run(rule, {
    valid: [
      {
        name: 'near-miss: a member recorded as `other`',
        tables: withHousehold([member({ person_id: V, member_id: C, relationship: 'other' })], [inc('I1', '2023-02-01', 'death', { victim_id: C })]),
      },
      {
        name: 'near-miss: a child of another person',
        tables: withHousehold([member({ person_id: 'SOMEONE-ELSE', member_id: C })], [inc('I1', '2023-02-01', 'death', { victim_id: C })]),
      },
      { name: 'near-miss: no household table', tables: withHousehold([], [inc('I1', '2023-02-01', 'death', { victim_id: C })]) },
      {
        name: 'near-miss: the child harmed by someone other than the subject',
        tables: withHousehold([member({ person_id: V, member_id: C })], [inc('I1', '2023-02-01', 'death', { victim_id: C, suspect_id: 'OTHER' })]),
      },
    ],
    invalid: [
      {
        name: "fires for a child recorded as `child`, critical for serious injury, with its own key beside the parent's",
        // One incident, two victims: the same incident id on two rows.
        tables: withHousehold([member({ person_id: V, member_id: C })], [inc('I1', '2023-02-01', 'injury'), inc('I1', '2023-02-01', 'serious_injury', { victim_id: C })]),
        findings: [
          { applicationId: 'A1', severity: 'critical', key: ['I1', C], evidence: { victimRelation: 'child', victimId: C }, message: new RegExp(`^${C}, a child of person at risk ${V}, `) },
          { applicationId: 'A1', severity: 'high', key: ['I1'], evidence: { victimRelation: 'person_at_risk', victimId: V } },
        ],
      },
    ],
  });
});
