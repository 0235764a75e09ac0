import { describe, expect, it } from 'vitest';
import rule from '../../rules/check-wrong-identity.js';
import { app } from '../support/dataset.js';
import { RuleTester } from '../support/rule-tester.js';
import { check, person } from '../support/source-case.js';
import type { Application, Check, Person } from '../../src/model/records.js';

const tester = new RuleTester({ asOf: '2025-01-31' });

const SUBJECT = person({ person_id: 'S1', surname: "O'Brien-Núñez", forenames: 'Sean', date_of_birth: '1985-03-12' });
const decided = (fields: Partial<Parameters<typeof app>[0]> = {}): Application =>
  app({ application_id: 'A1', subject_id: 'S1', decision: 'no_disclosure', decision_at: '2023-03-01', ...fields });
const onTime = (fields: Partial<Parameters<typeof check>[0]> & { check_id: string }): Check =>
  check({ application_id: 'A1', performed_at: '2023-02-20', ...fields });

interface Case {
  name: string;
  applications?: Application[];
  persons?: Person[];
  checks: Check[];
  expected?: { severity: 'high' | 'medium'; evidence: Record<string, unknown> };
}

const cases: Case[] = [
  {
    name: 'a date of birth two digits off, no trace: high',
    checks: [onTime({ check_id: 'C1', searched_date_of_birth: '1985-03-21', searched_surname: "O'Brien-Núñez" })],
    expected: {
      severity: 'high',
      evidence: {
        decision: 'no_disclosure',
        decisionDate: '2023-03-01',
        decisionDateField: 'decision_at',
        subjectId: 'S1',
        checkIds: ['C1'],
        systems: ['pnc'],
        results: ['no_trace'],
        differences: ['date-of-birth'],
        noTrace: true,
      },
    },
  },
  {
    name: 'near-miss: the date of birth equal',
    checks: [onTime({ check_id: 'C1', searched_date_of_birth: '1985-03-12' })],
  },
  {
    name: 'near-miss: a surname differing only by accents, apostrophe, hyphen and case',
    checks: [onTime({ check_id: 'C1', searched_surname: 'obrien nunez', searched_date_of_birth: '1985-03-12' })],
  },
  {
    name: 'a surname that differs: a trace result is medium',
    checks: [onTime({ check_id: 'C1', system: 'local', searched_surname: 'OBrian-Nunez', result: 'trace' })],
    expected: { severity: 'medium', evidence: { checkIds: ['C1'], systems: ['local'], results: ['trace'], differences: ['surname'], noTrace: false } },
  },
  {
    name: 'near-miss: a check after the decision is not considered',
    checks: [onTime({ check_id: 'C1', performed_at: '2023-03-02', searched_date_of_birth: '1985-03-21' })],
  },
  {
    name: 'a check on the decision day is considered',
    checks: [onTime({ check_id: 'C1', performed_at: '2023-03-01T18:00', searched_date_of_birth: '1958-03-12' })],
    expected: { severity: 'high', evidence: { checkIds: ['C1'] } },
  },
  {
    name: 'near-miss: nothing searched to compare',
    checks: [onTime({ check_id: 'C1' })],
  },
  {
    name: 'near-miss: a searched surname that normalises to nothing is not compared',
    checks: [onTime({ check_id: 'C1', searched_surname: '李' })],
  },
  {
    name: 'near-miss: a subject surname that normalises to nothing is not compared',
    persons: [person({ person_id: 'S1', surname: '---', date_of_birth: '1985-03-12' })],
    checks: [onTime({ check_id: 'C1', searched_surname: 'Smith' })],
  },
  {
    name: 'near-miss: the subject has no date of birth on record',
    persons: [person({ person_id: 'S1', surname: "O'Brien-Núñez" })],
    checks: [onTime({ check_id: 'C1', searched_date_of_birth: '1985-03-21' })],
  },
  {
    name: 'near-miss: a wrong date of birth on a check about the person at risk',
    checks: [onTime({ check_id: 'C1', about: 'person_at_risk', searched_date_of_birth: '1990-01-01' })],
  },
  {
    name: 'near-miss: the subject has no person record',
    persons: [person({ person_id: 'OTHER', surname: 'Smith', date_of_birth: '1985-03-12' })],
    checks: [onTime({ check_id: 'C1', searched_date_of_birth: '1985-03-21' })],
  },
  {
    name: 'near-miss: withdrawn',
    applications: [decided({ decision: 'withdrawn' })],
    checks: [onTime({ check_id: 'C1', searched_date_of_birth: '1985-03-21' })],
  },
  {
    name: 'one finding for several checks: ids sorted, a part per check, high when any returned no trace',
    checks: [
      onTime({ check_id: 'C3', system: 'pnd', searched_surname: 'Brien', searched_date_of_birth: '1985-12-03', result: 'trace' }),
      onTime({ check_id: 'C1', system: 'local', searched_surname: 'Smith', result: 'trace' }),
      onTime({ check_id: 'C2', system: 'pnc', searched_date_of_birth: '1985-03-12', searched_surname: 'obrien-nunez' }),
      onTime({ check_id: 'C4', system: 'visor', about: 'subject', searched_date_of_birth: '1986-03-12', result: 'no_trace' }),
    ],
    expected: {
      severity: 'high',
      evidence: {
        checkIds: ['C1', 'C3', 'C4'],
        systems: ['local', 'pnd', 'visor'],
        results: ['trace', 'trace', 'no_trace'],
        differences: ['surname', 'date-of-birth+surname', 'date-of-birth'],
        noTrace: true,
      },
    },
  },
  {
    name: 'closed with no decision: judged at the closure date',
    applications: [app({ application_id: 'A1', subject_id: 'S1', closed_at: '2023-04-10' })],
    checks: [
      onTime({ check_id: 'C1', performed_at: '2023-04-10', searched_date_of_birth: '1985-03-13' }),
      onTime({ check_id: 'C2', performed_at: '2023-04-11', searched_date_of_birth: '1985-03-13' }),
    ],
    expected: { severity: 'high', evidence: { decision: 'none', decisionDate: '2023-04-10', decisionDateField: 'closed_at', checkIds: ['C1'] } },
  },
  {
    name: 'an open case: its checks up to the audit date',
    applications: [app({ application_id: 'A1', subject_id: 'S1' })],
    checks: [
      onTime({ check_id: 'C1', performed_at: '2025-01-31', searched_date_of_birth: '1985-03-13', result: 'trace' }),
      onTime({ check_id: 'C2', performed_at: '2025-02-01', searched_date_of_birth: '1985-03-13' }),
    ],
    expected: { severity: 'medium', evidence: { decisionDate: '2025-01-31', decisionDateField: 'as_of', checkIds: ['C1'], noTrace: false } },
  },
];

const asCase = (c: Case) => ({
  name: c.name,
  tables: { applications: c.applications ?? [decided()], persons: c.persons ?? [SUBJECT], checks: c.checks },
});

tester.run(rule, {
  valid: cases.filter((c) => c.expected === undefined).map(asCase),
  invalid: cases.flatMap((c) =>
    c.expected === undefined
      ? []
      : [{ ...asCase(c), findings: [{ applicationId: 'A1', severity: c.expected.severity, evidence: c.expected.evidence, message: /^Application A1: \d+ checks? about subject S1 by / }] }],
  ),
});

describe('check-wrong-identity privacy', () => {
  it('never shows a surname or a date of birth of its inputs', () => {
    const subject = person({ person_id: 'S1', surname: 'Featherstonehaugh', forenames: 'Arabella', date_of_birth: '1979-11-23' });
    const checks = [
      check({ check_id: 'C1', application_id: 'A1', performed_at: '2023-02-20', searched_surname: 'Fanshawe', searched_date_of_birth: '1979-11-28' }),
      check({ check_id: 'C2', application_id: 'A1', performed_at: '2023-02-21', system: 'pnd', searched_surname: 'Fetherstonhaugh', result: 'trace' }),
    ];
    const findings = tester.findings(rule, { name: 'privacy', tables: { applications: [decided()], persons: [subject], checks } });
    expect(findings).toHaveLength(1);
    const shown = JSON.stringify({ message: findings[0]!.message, evidence: findings[0]!.evidence }).toUpperCase();
    const secrets = ['Featherstonehaugh', 'Arabella', 'Fanshawe', 'Fetherstonhaugh', '1979-11-23', '1979-11-28', '23/11/1979', '28/11/1979', '1979', '19791123'];
    for (const secret of secrets) expect(shown, secret).not.toContain(secret.toUpperCase());
  });
});
