import { describe, expect, it } from 'vitest';
import rule from '../../rules/checks-missing.js';
import { app } from '../support/dataset.js';
import { RuleTester } from '../support/rule-tester.js';
import { check } from '../support/source-case.js';
import type { Application, Check } from '../../src/model/records.js';

const tester = new RuleTester({ asOf: '2025-01-31' });

/** One check about the subject on each default system, all on the given day. */
function allSystems(appId: string, on: string, prefix = 'C'): Check[] {
  return (['pnc', 'pnd', 'local'] as const).map((system, i) =>
    check({ check_id: `${prefix}${i + 1}`, application_id: appId, system, performed_at: on }),
  );
}

const decided = (fields: Partial<Parameters<typeof app>[0]> = {}): Application =>
  app({ application_id: 'A1', subject_id: 'S1', decision: 'no_disclosure', decision_at: '2023-03-01', closed_at: '2023-03-05', ...fields });

interface Case {
  name: string;
  applications: Application[];
  checks: Check[];
  options?: Record<string, unknown>;
  asOf?: string;
  expected: { applicationId: string; evidence: Record<string, unknown> }[];
}

const cases: Case[] = [
  {
    name: 'every default system checked on the decision day: fine',
    applications: [decided()],
    checks: allSystems('A1', '2023-03-01'),
    expected: [],
  },
  {
    name: 'near-miss: the pnd check one day after the decision is missing',
    applications: [decided()],
    checks: [
      check({ check_id: 'C1', application_id: 'A1', system: 'pnc', performed_at: '2023-02-20' }),
      check({ check_id: 'C2', application_id: 'A1', system: 'pnd', performed_at: '2023-03-02' }),
      check({ check_id: 'C3', application_id: 'A1', system: 'local', performed_at: '2023-03-01T23:30' }),
    ],
    expected: [
      {
        applicationId: 'A1',
        evidence: {
          decision: 'no_disclosure',
          decisionDate: '2023-03-01',
          decisionDateField: 'decision_at',
          subjectId: 'S1',
          missingSystems: ['pnd'],
          checkIds: ['C1', 'C3'],
        },
      },
    ],
  },
  {
    name: 'near-miss: a check about the person at risk only does not count',
    applications: [decided()],
    checks: [
      check({ check_id: 'C1', application_id: 'A1', system: 'pnc', about: 'person_at_risk', performed_at: '2023-02-20' }),
      check({ check_id: 'C2', application_id: 'A1', system: 'pnd', about: 'subject', performed_at: '2023-02-20' }),
      check({ check_id: 'C3', application_id: 'A1', system: 'local', about: 'applicant', performed_at: '2023-02-20' }),
    ],
    expected: [{ applicationId: 'A1', evidence: { missingSystems: ['local', 'pnc'], checkIds: ['C2'] } }],
  },
  {
    name: 'no checks at all: every required system, sorted, and no check ids',
    applications: [decided({ decision: 'disclose', disclosure_at: '2023-03-02' })],
    checks: [],
    expected: [{ applicationId: 'A1', evidence: { decision: 'disclose', missingSystems: ['local', 'pnc', 'pnd'], checkIds: [] } }],
  },
  {
    name: 'checks of another application do not count',
    applications: [decided(), app({ application_id: 'A2', subject_id: 'S1' })],
    checks: allSystems('A2', '2023-02-01'),
    expected: [{ applicationId: 'A1', evidence: { missingSystems: ['local', 'pnc', 'pnd'] } }],
  },
  {
    name: 'near-miss: an undecided open case gives no finding',
    applications: [app({ application_id: 'A1', subject_id: 'S1' })],
    checks: [],
    expected: [],
  },
  {
    name: 'near-miss: withdrawn',
    applications: [decided({ decision: 'withdrawn' })],
    checks: [],
    expected: [],
  },
  {
    name: 'closed with no decision: judged against closed_at',
    applications: [app({ application_id: 'A1', subject_id: 'S1', closed_at: '2023-04-10' })],
    checks: [
      ...allSystems('A1', '2023-04-10').slice(0, 2),
      check({ check_id: 'C3', application_id: 'A1', system: 'local', performed_at: '2023-04-11' }),
    ],
    expected: [
      {
        applicationId: 'A1',
        evidence: { decision: 'none', decisionDate: '2023-04-10', decisionDateField: 'closed_at', missingSystems: ['local'], checkIds: ['C1', 'C2'] },
      },
    ],
  },
  {
    name: 'closed with no decision, every check by the closure: fine',
    applications: [app({ application_id: 'A1', subject_id: 'S1', closed_at: '2023-04-10' })],
    checks: allSystems('A1', '2023-04-10'),
    expected: [],
  },
  {
    name: 'decided with no decision date: the closure date is used',
    applications: [decided({ decision: 'not_proceeded', decision_at: null, closed_at: '2023-03-05' })],
    checks: allSystems('A1', '2023-03-05'),
    expected: [],
  },
  {
    name: 'decided with neither decision nor closure date: judged at the audit date',
    applications: [app({ application_id: 'A1', subject_id: 'S1', decision: 'disclose', disclosure_at: '2023-03-02' })],
    checks: [...allSystems('A1', '2023-03-01').slice(1), check({ check_id: 'C9', application_id: 'A1', system: 'pnc', performed_at: '2025-02-01' })],
    expected: [{ applicationId: 'A1', evidence: { decisionDate: '2025-01-31', decisionDateField: 'as_of', missingSystems: ['pnc'], checkIds: ['C2', 'C3'] } }],
  },
  {
    name: 'a custom systems option: visor required, pnd not',
    applications: [decided()],
    checks: [
      check({ check_id: 'C1', application_id: 'A1', system: 'pnc', performed_at: '2023-02-20' }),
      check({ check_id: 'C2', application_id: 'A1', system: 'local', performed_at: '2023-02-20' }),
    ],
    options: { systems: ['visor', 'pnc', 'visor'] },
    expected: [{ applicationId: 'A1', evidence: { missingSystems: ['visor'], checkIds: ['C1', 'C2'] } }],
  },
  {
    name: 'a custom systems option that is all met: fine, though pnd was never searched',
    applications: [decided()],
    checks: [check({ check_id: 'C1', application_id: 'A1', system: 'pnc', performed_at: '2023-02-20' })],
    options: { systems: ['pnc'] },
    expected: [],
  },
];

const asCase = (c: Case) => ({
  name: c.name,
  ...(c.asOf === undefined ? {} : { asOf: c.asOf }),
  ...(c.options === undefined ? {} : { options: c.options }),
  tables: { applications: c.applications, checks: c.checks },
});

tester.run(rule, {
  valid: cases.filter((c) => c.expected.length === 0).map(asCase),
  invalid: cases
    .filter((c) => c.expected.length > 0)
    .map((c) => ({
      ...asCase(c),
      findings: c.expected.map((e) => ({ applicationId: e.applicationId, severity: 'high' as const, evidence: e.evidence, message: /^Application \S+ .* by then\.$/ })),
    })),
});

describe('checks-missing options', () => {
  it('defaults to pnc, pnd and local, and rejects an unknown system, an empty list and unknown options', () => {
    expect(rule.options.parse({})).toEqual({ systems: ['pnc', 'pnd', 'local'] });
    expect(() => rule.options.parse({ systems: ['pnc', 'interpol'] })).toThrow();
    expect(() => rule.options.parse({ systems: [] })).toThrow();
    expect(() => rule.options.parse({ typo: 1 })).toThrow();
  });
});
