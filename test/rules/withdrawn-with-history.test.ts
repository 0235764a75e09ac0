import rule from '../../rules/withdrawn-with-history.js';
import type { Application, HistoryRecord } from '../../src/model/records.js';
import { app, history } from '../support/dataset.js';
import { RuleTester, type ExpectedFinding } from '../support/rule-tester.js';

const tester = new RuleTester({ asOf: '2025-01-31' });

const P = 'PAR-1';
const S = 'SUBJ-1';
/** The Right to Ask under test: received 2023-01-02, withdrawn 2023-02-01. */
const rta = (fields: Partial<Parameters<typeof app>[0]> = {}): Application =>
  app({ application_id: 'A1', route: 'right_to_ask', person_at_risk_id: P, subject_id: S, decision: 'withdrawn', decision_at: '2023-02-01', closed_at: '2023-02-03', ...fields });
const rtk = (id: string, received: string, fields: Partial<Parameters<typeof app>[0]> = {}): Application =>
  app({ application_id: id, route: 'right_to_know', person_at_risk_id: P, subject_id: S, received_at: received, decision: 'disclose', decision_at: received, disclosure_at: received, ...fields });
const held: HistoryRecord[] = [history({ record_id: 'H1', subject_id: S, recorded_at: '2020-06-01' })];
const tables = (applications: Application[], records: HistoryRecord[] = held) => ({ applications, history: records });

function fires(withdrawalDate: string, field: string, ids: string[]): ExpectedFinding {
  return {
    applicationId: 'A1',
    severity: 'medium',
    evidenceEquals: { withdrawalDate, withdrawalDateField: field, subjectId: S, historyRecordIds: ids },
    message: /^Right to Ask A1 was withdrawn \(\w+ \S+\) while \d+ domestic abuse records? of subject SUBJ-1 (was|were) held, and no Right to Know followed for person at risk PAR-1\.$/,
  };
}

tester.run(rule, {
  valid: [
    { name: 'near-miss: a Right to Know for the pair received after it', tables: tables([rta(), rtk('K1', '2023-03-01')]) },
    { name: 'near-miss: a Right to Know for the pair received the same day', tables: tables([rta(), rtk('K1', '2023-01-02')]) },
    {
      name: 'near-miss: history recorded the day after the withdrawal',
      tables: tables([rta()], [history({ record_id: 'H1', subject_id: S, recorded_at: '2023-02-02' })]),
    },
    {
      name: 'near-miss: a record in which the subject was the victim does not count',
      tables: tables([rta()], [history({ record_id: 'H1', subject_id: S, recorded_at: '2020-06-01', subject_role: 'victim' })]),
    },
    { name: 'near-miss: not about domestic abuse', tables: tables([rta()], [history({ record_id: 'H1', subject_id: S, recorded_at: '2020-06-01', domestic_abuse: false })]) },
    { name: 'near-miss: a withdrawn Right to Know', tables: tables([rta({ route: 'right_to_know' })]) },
    { name: 'near-miss: a Right to Ask not withdrawn', tables: tables([rta({ decision: 'no_disclosure' })]) },
    { name: 'near-miss: history of another subject', tables: tables([rta()], [history({ record_id: 'H1', subject_id: 'SUBJ-2', recorded_at: '2020-06-01' })]) },
    { name: 'no history table: skipped', tables: { applications: [rta()], history: null }, skipped: 'needs history.csv (not supplied)' },
  ],
  invalid: [
    { name: 'withdrawn with a counting record held, no Right to Know', tables: tables([rta()]), findings: [fires('2023-02-01', 'decision_at', ['H1'])] },
    {
      name: 'a Right to Know for the pair received before it does not answer the withdrawal',
      tables: tables([rtk('K0', '2022-12-01'), rta()]),
      findings: [fires('2023-02-01', 'decision_at', ['H1'])],
    },
    {
      name: 'a later Right to Know for the same person at risk but another subject does not answer it',
      tables: tables([rta(), rtk('K1', '2023-03-01', { subject_id: 'SUBJ-2' })]),
      findings: [fires('2023-02-01', 'decision_at', ['H1'])],
    },
    {
      name: 'a later Right to Know about the subject for another person at risk does not answer it',
      tables: tables([rta(), rtk('K1', '2023-03-01', { person_at_risk_id: 'PAR-2' })]),
      findings: [fires('2023-02-01', 'decision_at', ['H1'])],
    },
    {
      name: 'a later Right to Ask for the pair does not answer it',
      tables: tables([rta(), rtk('K1', '2023-03-01', { route: 'right_to_ask' })]),
      findings: [fires('2023-02-01', 'decision_at', ['H1'])],
    },
    {
      name: 'history recorded on the withdrawal day counts, even after the withdrawal time',
      tables: tables([rta({ decision_at: '2023-02-01T09:00' })], [history({ record_id: 'H1', subject_id: S, recorded_at: '2023-02-01T17:00' })]),
      findings: [fires('2023-02-01T09:00+00:00', 'decision_at', ['H1'])],
    },
    {
      name: 'no withdrawal date: the closure date; records sorted by id, later and victim ones left out',
      tables: tables(
        [rta({ decision_at: null, closed_at: '2023-02-10' })],
        [
          history({ record_id: 'H9', subject_id: S, recorded_at: '2019-01-01', subject_role: 'offender' }),
          history({ record_id: 'H2', subject_id: S, recorded_at: '2023-02-10', subject_role: 'suspect' }),
          history({ record_id: 'H5', subject_id: S, recorded_at: '2018-01-01', subject_role: 'victim' }),
          history({ record_id: 'H7', subject_id: S, recorded_at: '2023-02-11' }),
        ],
      ),
      findings: [fires('2023-02-10', 'closed_at', ['H2', 'H9'])],
    },
    {
      name: 'neither date: the as-of date',
      tables: tables([rta({ decision_at: null, closed_at: null })], [history({ record_id: 'H1', subject_id: S, recorded_at: '2025-01-31' })]),
      findings: [fires('2025-01-31', 'as_of', ['H1'])],
    },
  ],
});
