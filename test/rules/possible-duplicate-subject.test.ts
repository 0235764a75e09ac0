import { describe, expect, it } from 'vitest';
import rule from '../../rules/possible-duplicate-subject.js';
import { Dataset } from '../../src/model/dataset.js';
import { duplicateKey } from '../../src/model/identity.js';
import { app, history } from '../support/dataset.js';
import { RuleTester } from '../support/rule-tester.js';
import { person } from '../support/source-case.js';
import type { Application, HistoryRecord, Person } from '../../src/model/records.js';

const tester = new RuleTester({ asOf: '2025-01-31' });

const SUBJECT = person({ person_id: 'S1', surname: 'Smith', forenames: 'John Paul', date_of_birth: '1985-03-12' });
const twin = (person_id: string, date_of_birth: string, fields: { surname?: string; forenames?: string } = {}): Person =>
  person({ person_id, surname: 'SMITH', forenames: 'J.', date_of_birth, ...fields });
const record = (record_id: string, subject_id: string, fields: Partial<Parameters<typeof history>[0]> = {}): HistoryRecord =>
  history({ record_id, subject_id, recorded_at: '2020-01-01', ...fields });
const notDisclosed = (fields: Partial<Parameters<typeof app>[0]> = {}): Application =>
  app({ application_id: 'A1', subject_id: 'S1', decision: 'no_disclosure', decision_at: '2023-03-01', ...fields });

interface Case {
  name: string;
  applications?: Application[];
  persons: Person[];
  history: HistoryRecord[];
  expected?: Record<string, unknown>;
}

const cases: Case[] = [
  {
    name: 'day and month swapped, holding a conviction',
    persons: [SUBJECT, twin('Q1', '1985-12-03')],
    history: [record('H1', 'Q1')],
    expected: {
      decision: 'no_disclosure',
      endDate: '2023-03-01',
      subjectId: 'S1',
      duplicatePersonIds: ['Q1'],
      nearness: ['day-month-swapped'],
      historyRecordIds: ['H1'],
      historyPersonIds: ['Q1'],
    },
  },
  {
    name: 'one digit off',
    persons: [SUBJECT, twin('Q1', '1985-03-13')],
    history: [record('H1', 'Q1')],
    expected: { nearness: ['one-digit'] },
  },
  {
    name: 'a year apart (across a decade, so not also one digit)',
    persons: [person({ person_id: 'S1', surname: 'Smith', forenames: 'John', date_of_birth: '1990-03-12' }), twin('Q1', '1989-03-12')],
    history: [record('H1', 'Q1')],
    expected: { nearness: ['year-apart'] },
  },
  {
    name: 'near-miss: a different initial',
    persons: [SUBJECT, twin('Q1', '1985-03-12', { forenames: 'Paul John' })],
    history: [record('H1', 'Q1')],
  },
  {
    name: 'near-miss: a date of birth two digits off',
    persons: [SUBJECT, twin('Q1', '1985-03-21')],
    history: [record('H1', 'Q1')],
  },
  {
    name: 'near-miss: a duplicate with no counting history',
    persons: [SUBJECT, twin('Q1', '1985-03-12')],
    history: [record('H1', 'Q1', { domestic_abuse: false }), record('H2', 'Q2')],
  },
  {
    name: 'near-miss: the duplicate\'s history was recorded after the end date',
    persons: [SUBJECT, twin('Q1', '1985-03-12')],
    history: [record('H1', 'Q1', { recorded_at: '2023-03-02' })],
  },
  {
    name: 'history recorded on the end date counts',
    persons: [SUBJECT, twin('Q1', '1985-03-12')],
    history: [record('H1', 'Q1', { recorded_at: '2023-03-01' })],
    expected: { nearness: ['same-date-of-birth'], historyRecordIds: ['H1'] },
  },
  {
    name: 'near-miss: the decision was to disclose',
    applications: [notDisclosed({ decision: 'disclose', disclosure_at: '2023-03-02' })],
    persons: [SUBJECT, twin('Q1', '1985-03-12')],
    history: [record('H1', 'Q1')],
  },
  {
    name: 'near-miss: the duplicate\'s record has the subject as the victim',
    persons: [SUBJECT, twin('Q1', '1985-03-12')],
    history: [record('H1', 'Q1', { subject_role: 'victim' })],
  },
  {
    name: 'near-miss: the history is the subject\'s own (withheld-despite-history\'s case)',
    persons: [SUBJECT, twin('Q1', '1985-03-12')],
    history: [record('H1', 'S1')],
  },
  {
    name: 'near-miss: the subject has no person record',
    persons: [twin('Q1', '1985-03-12'), twin('Q2', '1985-03-13')],
    history: [record('H1', 'Q1'), record('H2', 'Q2')],
  },
  {
    name: 'withdrawn counts, judged at the withdrawal date',
    applications: [notDisclosed({ decision: 'withdrawn', decision_at: '2023-02-01', closed_at: '2023-06-01' })],
    persons: [SUBJECT, twin('Q1', '1985-03-12')],
    history: [record('H1', 'Q1', { recorded_at: '2023-02-01' }), record('H2', 'Q1', { recorded_at: '2023-02-02' })],
    expected: { decision: 'withdrawn', endDate: '2023-02-01', historyRecordIds: ['H1'] },
  },
  {
    name: 'an open case with no decision: judged at the audit date',
    applications: [app({ application_id: 'A1', subject_id: 'S1' })],
    persons: [SUBJECT, twin('Q1', '1985-03-12')],
    history: [record('H1', 'Q1', { recorded_at: '2025-01-31' })],
    expected: { decision: 'none', endDate: '2025-01-31' },
  },
  {
    name: 'several duplicates: by person id, records by duplicate then id, those without history left out',
    persons: [SUBJECT, twin('Q2', '1985-12-03'), twin('Q1', '1986-03-12'), twin('Q3', '1985-03-12'), twin('Q4', '1985-03-14', { surname: 'Smyth' })],
    history: [
      record('H9', 'Q1'),
      record('H2', 'Q2', { subject_role: 'offender' }),
      record('H1', 'Q2', { subject_role: 'suspect' }),
      record('H3', 'Q3', { subject_role: 'witness' }),
      record('H4', 'Q4'),
    ],
    expected: {
      duplicatePersonIds: ['Q1', 'Q2'],
      nearness: ['one-digit', 'day-month-swapped'],
      historyRecordIds: ['H9', 'H1', 'H2'],
      historyPersonIds: ['Q1', 'Q2', 'Q2'],
    },
  },
];

const asCase = (c: Case) => ({
  name: c.name,
  tables: { applications: c.applications ?? [notDisclosed()], persons: c.persons, history: c.history },
});

tester.run(rule, {
  valid: cases.filter((c) => c.expected === undefined).map(asCase),
  invalid: cases.flatMap((c) =>
    c.expected === undefined
      ? []
      : [{ ...asCase(c), findings: [{ applicationId: 'A1', severity: 'high' as const, evidence: c.expected, message: /^Application A1 \(decision \S+\) made no disclosure although person records? Q/ }] }],
  ),
});

describe('Dataset.personsByDuplicateKey', () => {
  const persons = [SUBJECT, twin('Q1', '1985-12-03'), twin('Q2', '1990-01-01', { forenames: 'Anne' }), person({ person_id: 'Q3', surname: 'Smith' })];

  it('groups persons by their duplicate key, builds the index once and holds no keyless person', () => {
    const ds = new Dataset({ applications: [], persons });
    const key = duplicateKey('Smith', 'John')!;
    expect(ds.personsByDuplicateKey(key).map((p) => p.person_id)).toEqual(['S1', 'Q1']);
    expect(ds.personsByDuplicateKey(duplicateKey('smith', 'A')!).map((p) => p.person_id)).toEqual(['Q2']);
    expect(ds.personsByDuplicateKey('SMITH/X')).toEqual([]);
    expect(ds.personsByDuplicateKey(key)).toBe(ds.personsByDuplicateKey(key));
  });

  it('is empty without a persons table', () => {
    expect(new Dataset({ applications: [] }).personsByDuplicateKey('SMITH/J')).toEqual([]);
  });
});
