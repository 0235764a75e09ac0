/**
 * (v2) The source-case tables: persons and checks, the decision-maker columns, the columns an
 * export supplies, and names and dates of birth kept out of every message.
 */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/load-config.js';
import { loadInputs } from '../../src/load/index.js';
import { formatDateValue } from '../../src/time/london.js';
import { tmpFolder } from './tmp-files.js';

const APPS = 'application_id,route,received_at,person_at_risk_id,subject_id\nA1,right_to_ask,2023-01-01,P1,S1\nA2,right_to_know,2023-01-02,P2,S2\n';
const PERSONS = 'person_id,surname,forenames,date_of_birth,pnc_id\n';
const CHECKS = 'check_id,application_id,system,about,performed_at,performed_by,searched_surname,searched_date_of_birth,result\n';

async function load(files: Record<string, string>) {
  const dir = await tmpFolder({ 'applications.csv': APPS, ...files });
  return loadInputs({ cwd: dir, config: defaultConfig(dir) });
}

describe('persons and checks', () => {
  it('reads both tables into the Dataset with their indexes', async () => {
    const { dataset, rejectedRows } = await load({
      'persons.csv': `${PERSONS}S1,O'Brien,Mary Ann,1985-03-12,PNC1\nS2,Smith,,,\n`,
      'checks.csv': `${CHECKS}C2,A1,pnd,,2023-01-03,H1,OBRIEN,1985-12-03,no_trace\nC1,A1,PNC,subject,2023-01-02T10:00,,,,trace\n`,
    });
    expect(rejectedRows).toEqual([]);
    expect(dataset.has('persons')).toBe(true);
    expect(dataset.person('S1')).toMatchObject({ surname: "O'Brien", forenames: 'Mary Ann', pnc_id: 'PNC1' });
    expect(formatDateValue(dataset.person('S1')!.date_of_birth!)).toBe('1985-03-12');
    expect(dataset.person('S2')).toMatchObject({ forenames: null, date_of_birth: null, pnc_id: null });
    expect(dataset.checksOf('A1').map((c) => [c.check_id, c.system, c.about, c.result])).toEqual([
      ['C1', 'pnc', 'subject', 'trace'],
      ['C2', 'pnd', null, 'no_trace'],
    ]);
    expect(dataset.checksOf('A2')).toEqual([]);
  });

  it('rejects a check of an unknown application, with its line, and accounts for it', async () => {
    const result = await load({ 'checks.csv': `${CHECKS}C1,A1,pnc,,2023-01-02,,,,trace\nC2,A9,pnc,,2023-01-02,,,,trace\nC3,A2,pnc,,2023-01-02,,,,trace\n` });
    expect(result.rejectedRows).toEqual([
      { table: 'checks', file: 'checks.csv', line: 3, column: 'application_id', reason: 'unknown application "A9" (not an accepted application)' },
    ]);
    expect(result.inputs.find((i) => i.table === 'checks')).toMatchObject({ rowsRead: 3, rowsAccepted: 2, rowsRejected: 1 });
    expect(result.dataset.checks?.map((c) => c.check_id)).toEqual(['C1', 'C3']);
  });

  it('a bad date of birth or searched date is reported by file, line and column, never with its value', async () => {
    const result = await load({
      'persons.csv': `${PERSONS}S1,Smith,John,31/02/1985,\n`,
      'checks.csv': `${CHECKS}C1,A1,pnc,,2023-01-02,,SMITH,1985-13-40,trace\n`,
    });
    expect(result.rejectedRows.map((r) => [r.file, r.line, r.column])).toEqual([
      ['persons.csv', 2, 'date_of_birth'],
      ['checks.csv', 2, 'searched_date_of_birth'],
    ]);
    const text = JSON.stringify(result.rejectedRows);
    expect(text).not.toContain('31/02/1985');
    expect(text).not.toContain('1985-13-40');
    expect(result.rejectedRows[0]!.reason).toMatch(/^not a date \(the value is not shown/);
  });

  it('a missing surname is rejected like any required value', async () => {
    const result = await load({ 'persons.csv': `${PERSONS}S1,,John,,\n` });
    expect(result.rejectedRows.map((r) => [r.column, r.reason])).toEqual([['surname', 'required value is missing']]);
  });
});

describe('columns supplied', () => {
  it('knows a column absent from the header from one present but empty', async () => {
    const absent = await load({});
    expect(absent.dataset.hasColumn('applications', 'decision_record_at')).toBe(false);
    expect(absent.dataset.hasColumn('applications', 'received_at')).toBe(true);
    const dir = await tmpFolder({
      'applications.csv': 'application_id,route,received_at,person_at_risk_id,subject_id,decision_record_at\nA1,right_to_ask,2023-01-01,P1,S1,\n',
    });
    const present = await loadInputs({ cwd: dir, config: defaultConfig(dir) });
    expect(present.dataset.hasColumn('applications', 'decision_record_at')).toBe(true);
    expect(present.dataset.applications[0]!.decision_record_at).toBeNull();
    expect(present.dataset.hasColumn('checks', 'system')).toBe(false);
  });
});
