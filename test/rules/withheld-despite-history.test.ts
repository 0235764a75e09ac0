import { describe, expect, it } from 'vitest';
import rule from '../../rules/withheld-despite-history.js';
import { app, history } from '../support/dataset.js';
import { RuleTester } from '../support/rule-tester.js';
import type { Application, HistoryRecord } from '../../src/model/records.js';
import type { Evidence } from '../../src/engine/types.js';

const tester = new RuleTester({ asOf: '2025-01-31' });

interface Case {
  name: string;
  applications: Application[];
  history: HistoryRecord[];
  asOf?: string;
  expected: { applicationId: string; key: string[]; evidence: Partial<Record<string, Evidence[string]>> }[];
}

const S = 'SUBJ-1';

const cases: Case[] = [
  {
    name: 'no_disclosure with a domestic abuse record held before the decision',
    applications: [app({ application_id: 'A1', subject_id: S, decision: 'no_disclosure', decision_at: '2023-03-01', closed_at: '2023-03-05' })],
    history: [history({ record_id: 'H1', subject_id: S, recorded_at: '2020-06-01', category: 'conviction' })],
    expected: [
      {
        applicationId: 'A1',
        key: ['H1'],
        evidence: {
          decision: 'no_disclosure',
          decisionDate: '2023-03-01',
          decisionDateField: 'decision_at',
          historyRecordIds: ['H1'],
          historyCategories: ['conviction'],
          historyRecordedAt: ['2020-06-01'],
        },
      },
    ],
  },
  {
    name: 'history recorded on the decision day counts (on or before), even when the decision came earlier that day',
    applications: [app({ application_id: 'A1', subject_id: S, decision: 'not_proceeded', decision_at: '2023-03-01T09:00' })],
    history: [history({ record_id: 'H1', subject_id: S, recorded_at: '2023-03-01', category: 'intelligence' })],
    expected: [
      {
        applicationId: 'A1',
        key: ['H1'],
        evidence: { decision: 'not_proceeded', decisionDate: '2023-03-01T09:00+00:00', decisionDateField: 'decision_at', historyCategories: ['intelligence'] },
      },
    ],
  },
  {
    name: 'near-miss: history recorded the day after the decision',
    applications: [app({ application_id: 'A1', subject_id: S, decision: 'no_disclosure', decision_at: '2023-03-01' })],
    history: [history({ record_id: 'H1', subject_id: S, recorded_at: '2023-03-02' })],
    expected: [],
  },
  {
    name: 'near-miss (v2): a domestic abuse record in which the subject was the victim does not count',
    applications: [app({ application_id: 'A1', subject_id: S, decision: 'no_disclosure', decision_at: '2023-03-01' })],
    history: [
      history({ record_id: 'H1', subject_id: S, recorded_at: '2020-01-01', subject_role: 'victim' }),
      history({ record_id: 'H2', subject_id: S, recorded_at: '2020-01-01', subject_role: 'witness' }),
      history({ record_id: 'H3', subject_id: S, recorded_at: '2020-01-01', subject_role: 'other' }),
    ],
    expected: [],
  },
  {
    name: 'v2: records as offender or suspect count, and the victim record is left out of the evidence',
    applications: [app({ application_id: 'A1', subject_id: S, decision: 'no_disclosure', decision_at: '2023-03-01' })],
    history: [
      history({ record_id: 'H1', subject_id: S, recorded_at: '2020-01-01', subject_role: 'victim' }),
      history({ record_id: 'H2', subject_id: S, recorded_at: '2020-02-01', subject_role: 'suspect' }),
      history({ record_id: 'H3', subject_id: S, recorded_at: '2020-03-01', subject_role: 'offender' }),
    ],
    expected: [{ applicationId: 'A1', key: ['H2'], evidence: { historyRecordIds: ['H2', 'H3'] } }],
  },
  {
    name: 'near-miss: history not about domestic abuse',
    applications: [app({ application_id: 'A1', subject_id: S, decision: 'no_disclosure', decision_at: '2023-03-01' })],
    history: [history({ record_id: 'H1', subject_id: S, recorded_at: '2020-01-01', domestic_abuse: false })],
    expected: [],
  },
  {
    name: 'near-miss: the record is about another subject',
    applications: [app({ application_id: 'A1', subject_id: S, decision: 'no_disclosure', decision_at: '2023-03-01' })],
    history: [history({ record_id: 'H1', subject_id: 'SUBJ-2', recorded_at: '2020-01-01' })],
    expected: [],
  },
  {
    name: 'near-miss: the decision was to disclose',
    applications: [app({ application_id: 'A1', subject_id: S, decision: 'disclose', decision_at: '2023-03-01', disclosure_at: '2023-03-02' })],
    history: [history({ record_id: 'H1', subject_id: S, recorded_at: '2020-01-01' })],
    expected: [],
  },
  {
    name: 'near-miss: withdrawn',
    applications: [app({ application_id: 'A1', subject_id: S, decision: 'withdrawn', decision_at: '2023-03-01', closed_at: '2023-03-01' })],
    history: [history({ record_id: 'H1', subject_id: S, recorded_at: '2020-01-01' })],
    expected: [],
  },
  {
    name: 'near-miss: no decision and still open',
    applications: [app({ application_id: 'A1', subject_id: S })],
    history: [history({ record_id: 'H1', subject_id: S, recorded_at: '2020-01-01' })],
    expected: [],
  },
  {
    name: 'closed with no decision: judged at the closure date',
    applications: [app({ application_id: 'A1', subject_id: S, closed_at: '2023-03-10' })],
    history: [
      history({ record_id: 'H2', subject_id: S, recorded_at: '2023-03-10', category: 'order' }),
      history({ record_id: 'H3', subject_id: S, recorded_at: '2023-03-11' }),
    ],
    expected: [
      {
        applicationId: 'A1',
        key: ['H2'],
        evidence: { decision: 'none', decisionDate: '2023-03-10', decisionDateField: 'closed_at', historyRecordIds: ['H2'] },
      },
    ],
  },
  {
    name: 'no decision date: closure date is used',
    applications: [app({ application_id: 'A1', subject_id: S, decision: 'no_disclosure', closed_at: '2023-03-10' })],
    history: [history({ record_id: 'H1', subject_id: S, recorded_at: '2023-03-11' })],
    expected: [],
  },
  {
    name: 'neither decision nor closure date: the as-of date is used',
    applications: [app({ application_id: 'A1', subject_id: S, decision: 'no_disclosure' })],
    history: [history({ record_id: 'H1', subject_id: S, recorded_at: '2024-12-01' }), history({ record_id: 'H9', subject_id: S, recorded_at: '2025-02-01' })],
    asOf: '2025-01-31',
    expected: [
      {
        applicationId: 'A1',
        key: ['H1'],
        evidence: { decisionDate: '2025-01-31', decisionDateField: 'as_of', historyRecordIds: ['H1'] },
      },
    ],
  },
  {
    name: 'several qualifying records: listed by recorded date then id, keyed on the earliest',
    applications: [app({ application_id: 'A1', subject_id: S, decision: 'no_disclosure', decision_at: '2023-03-01' })],
    history: [
      history({ record_id: 'H-b', subject_id: S, recorded_at: '2021-01-01', category: 'caution' }),
      history({ record_id: 'H-z', subject_id: S, recorded_at: '2019-01-01', category: 'charge' }),
      history({ record_id: 'H-a', subject_id: S, recorded_at: '2021-01-01', category: 'order' }),
      history({ record_id: 'H-x', subject_id: S, recorded_at: '2018-01-01', domestic_abuse: false }),
    ],
    expected: [
      {
        applicationId: 'A1',
        key: ['H-z'],
        evidence: {
          historyRecordIds: ['H-z', 'H-a', 'H-b'],
          historyCategories: ['charge', 'order', 'caution'],
          historyRecordedAt: ['2019-01-01', '2021-01-01', '2021-01-01'],
        },
      },
    ],
  },
  {
    name: 'two applications about the same subject give one finding each',
    applications: [
      app({ application_id: 'A1', subject_id: S, decision: 'no_disclosure', decision_at: '2023-03-01' }),
      app({ application_id: 'A2', subject_id: S, decision: 'no_disclosure', decision_at: '2023-06-01' }),
    ],
    history: [history({ record_id: 'H1', subject_id: S, recorded_at: '2022-01-01' })],
    expected: [
      { applicationId: 'A1', key: ['H1'], evidence: { decisionDate: '2023-03-01' } },
      { applicationId: 'A2', key: ['H1'], evidence: { decisionDate: '2023-06-01' } },
    ],
  },
];

const asCase = (c: Case) => ({ name: c.name, ...(c.asOf === undefined ? {} : { asOf: c.asOf }), tables: { applications: c.applications, history: c.history } });

tester.run(rule, {
  valid: cases.filter((c) => c.expected.length === 0).map(asCase),
  invalid: [
    ...cases
      .filter((c) => c.expected.length > 0)
      .map((c) => ({
        ...asCase(c),
        findings: c.expected.map((e) => ({ applicationId: e.applicationId, severity: 'high' as const, key: e.key, evidence: e.evidence, message: /^Application \S+ .*\.$/ })),
      })),
    {
      name: 'takes the configured severity',
      severity: 'critical',
      tables: {
        applications: [app({ application_id: 'A1', subject_id: S, decision: 'no_disclosure', decision_at: '2023-03-01' })],
        history: [history({ record_id: 'H1', subject_id: S, recorded_at: '2022-01-01' })],
      },
      findings: [{ applicationId: 'A1', severity: 'critical', key: ['H1'] }],
    },
  ],
});

describe('withheld-despite-history metadata', () => {
  it('needs the history table and rejects unknown options', () => {
    expect(rule.requires).toEqual(['history']);
    expect(() => rule.options.parse({ typo: 1 })).toThrow();
  });
});
