import { describe, expect, it } from 'vitest';
import rule from '../../rules/harm-after-request.js';
import { app, dataset, day, incident, member } from '../support/dataset.js';
import { runRule } from '../support/run-rule.js';
import type { Application, Harm, Incident } from '../../src/model/records.js';
import type { Evidence, Severity } from '../../src/engine/types.js';

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
    name: 'two incidents after one application give two findings, in date order',
    applications: [pairApp()],
    incidents: [inc('I9', '2023-05-01', 'death'), inc('I2', '2023-02-01', 'no_injury'), inc('I0', '2022-12-01', 'death')],
    expected: [
      { applicationId: 'A1', incidentId: 'I2', severity: 'high' },
      { applicationId: 'A1', incidentId: 'I9', severity: 'critical' },
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

describe('harm-after-request', () => {
  it.each(cases)('$name', (c) => {
    const findings = runRule(rule, dataset({ applications: c.applications, incidents: c.incidents }), {
      asOf: day('2025-01-31'),
      options: c.options,
    });
    expect(findings.map((f) => [f.applicationId, f.key?.[0], f.severity])).toEqual(
      c.expected.map((e) => [e.applicationId, e.incidentId, e.severity]),
    );
    c.expected.forEach((e, i) => {
      const f = findings[i]!;
      expect(f.key).toEqual([e.incidentId]);
      expect(f.evidence.incidentId).toBe(e.incidentId);
      if (e.evidence) expect(f.evidence).toMatchObject(e.evidence);
      expect(f.message).toMatch(/^Person at risk \S+ was the victim of incident .*\.$/);
    });
  });

  it('leaves the escalation to critical in place when the configured severity is lowered', () => {
    const ds = dataset({ applications: [pairApp()], incidents: [inc('I1', '2023-02-01', 'death'), inc('I2', '2023-02-02', 'injury')] });
    expect(runRule(rule, ds, { asOf: day('2025-01-31'), severity: 'medium' }).map((f) => f.severity)).toEqual(['critical', 'medium']);
  });

  it('needs the incidents table and validates its options', () => {
    expect(rule.requires).toEqual(['incidents']);
    expect(rule.options.parse({})).toEqual({ windowDays: 365 });
    expect(() => rule.options.parse({ windowDays: 0 })).toThrow();
    expect(() => rule.options.parse({ window: 10 })).toThrow();
  });
});

describe('harm-after-request: children of the person at risk (v2, household table)', () => {
  const C = 'CHILD-1';
  const run = (household: ReturnType<typeof member>[], incidents: Incident[]) =>
    runRule(rule, dataset({ applications: [pairApp()], incidents, household }), { asOf: day('2025-01-31') });

  it('fires for a child recorded as `child`, critical for serious injury, with its own key beside the parent\'s', () => {
    // One incident, two victims: the same incident id on two rows.
    const found = run([member({ person_id: V, member_id: C })], [inc('I1', '2023-02-01', 'injury'), inc('I1', '2023-02-01', 'serious_injury', { victim_id: C })]);
    expect(found.map((f) => [f.severity, f.evidence.victimRelation, f.evidence.victimId, f.key])).toEqual([
      ['high', 'person_at_risk', V, ['I1']],
      ['critical', 'child', C, ['I1', C]],
    ]);
    expect(found[1]!.message).toContain(`${C}, a child of person at risk ${V},`);
  });

  it.each([
    { name: 'a member recorded as `other`', household: [member({ person_id: V, member_id: C, relationship: 'other' })] },
    { name: 'a child of another person', household: [member({ person_id: 'SOMEONE-ELSE', member_id: C })] },
    { name: 'no household table', household: [] },
  ])('near-miss: $name', ({ household }) => {
    expect(run(household, [inc('I1', '2023-02-01', 'death', { victim_id: C })])).toEqual([]);
  });

  it('near-miss: the child harmed by someone other than the subject', () => {
    expect(run([member({ person_id: V, member_id: C })], [inc('I1', '2023-02-01', 'death', { victim_id: C, suspect_id: 'OTHER' })])).toEqual([]);
  });
});
