/**
 * (v2) Which table an export is, from its headers and first rows, and the mapping of the
 * source-case tables (persons, checks) and the decision-maker columns.
 */
import { describe, expect, it } from 'vitest';
import { guessMapping, guessTable } from '../../src/init/guess.js';

const EXPORTS: Record<string, { headers: string[]; rows: string[][] }> = {
  applications: {
    headers: ['DVDS Ref', 'Route', 'Date Received', 'Person At Risk Ref', 'Subject Ref', 'Outcome', 'Outcome Date', 'Decision Maker', 'Decision Record Date'],
    rows: [['DV1', 'RTA', '01/02/2024', 'P1', 'S1', 'DISC', '03/02/2024', 'E1', '03/02/2024']],
  },
  incidents: {
    headers: ['Incident No', 'Date of Incident', 'Victim Ref', 'Suspect Ref', 'Injury Level'],
    rows: [['IN1', '05/03/2024', 'P1', 'S1', 'SERIOUS']],
  },
  persons: {
    headers: ['Nominal Ref', 'Surname', 'Forenames', 'DOB', 'PNC ID'],
    rows: [['P1', 'Smith', 'John Paul', '12/03/1985', '85/123456X']],
  },
  checks: {
    headers: ['Check Ref', 'DVDS Ref', 'System', 'Check On', 'Date Checked', 'Checked By', 'Surname Searched', 'DOB Searched', 'Result'],
    rows: [['C1', 'DV1', 'PNC', 'SUBJ', '02/02/2024', 'E1', 'SMITH', '12/03/1985', 'NO TRACE']],
  },
  household: {
    headers: ['Person Ref', 'Member Ref', 'Relationship'],
    rows: [['P1', 'P9', 'CHILD']],
  },
};

describe('guessTable', () => {
  it.each(Object.keys(EXPORTS))('recognises a %s export', (table) => {
    const { headers, rows } = EXPORTS[table]!;
    expect(guessTable(headers, rows).table).toBe(table);
  });

  it('maps a checks export, its codes included', () => {
    const { headers, rows } = EXPORTS['checks']!;
    const guess = guessMapping(headers, rows, 'checks');
    expect(guess.columns).toEqual({
      check_id: 'Check Ref',
      application_id: 'DVDS Ref',
      system: 'System',
      about: 'Check On',
      performed_at: 'Date Checked',
      performed_by: 'Checked By',
      searched_surname: 'Surname Searched',
      searched_date_of_birth: 'DOB Searched',
      result: 'Result',
    });
    // PNC and NO TRACE read as they are (case, spaces); only SUBJ needs a map.
    expect(guess.values).toEqual({ about: { SUBJ: 'subject' } });
    expect(guess.unmapped).toEqual([]);
  });

  it('maps a persons export and the decision-maker columns of applications', () => {
    const persons = guessMapping(EXPORTS['persons']!.headers, EXPORTS['persons']!.rows, 'persons');
    expect(persons.columns).toEqual({ person_id: 'Nominal Ref', surname: 'Surname', forenames: 'Forenames', date_of_birth: 'DOB', pnc_id: 'PNC ID' });
    const apps = guessMapping(EXPORTS['applications']!.headers, EXPORTS['applications']!.rows, 'applications');
    expect(apps.columns).toMatchObject({ decision_maker_id: 'Decision Maker', decision_record_at: 'Decision Record Date' });
  });
});
