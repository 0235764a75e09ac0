import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TableName } from '../../src/model/records.js';
import { ColumnSink, decodeRecords } from '../../src/load/columns.js';
import { readRows, readTable, type TableSource } from '../../src/load/read-table.js';
import { tempDir } from '../support/temp.js';

// Each table with empty optional cells, every enum value, dates with and without a time (and
// across the October clock change), text beyond Latin-1, and a rejected row between accepted ones.
const TABLES: { table: TableName; csv: string; settings?: TableSource['settings'] }[] = [
  {
    table: 'applications',
    csv: [
      'application_id,route,received_at,applicant_id,person_at_risk_id,subject_id,handler_id,initial_checks_at,immediate_risk,face_to_face_at,decision,decision_at,disclosure_at,disclosure_method,exceptional_circumstances,closed_at,notes,decision_maker_id,decision_record_at,decision_record_modified_at',
      'A1,right_to_ask,2023-10-29T01:30,P9,V1,S1,H1,2023-10-30,yes,,disclose,2023-11-01,2023-11-02T09:00Z,in_person,urgent,2023-11-03,free text,D1,2023-11-01,2023-11-05T10:00',
      'A2,right_to_know,2023-10-29T01:30+00:00,,V2,S2,,,,,,,,,No,,,,,',
      'A3,bad_route,2023-01-01,,V3,S3,,,,,,,,,,,,,,',
      'Ä-ünïcödé-id-that-is-long,right_to_know,2020-02-29,,V€,S😀,H1,,no,,withdrawn,,,,,,,,,',
    ].join('\n'),
  },
  {
    table: 'incidents',
    csv: 'incident_id,occurred_at,victim_id,suspect_id,harm\nI1,2024-01-01,V1,S1,death\nI2,2024-01-02T23:59,V1,S1,serious_injury\nI3,2024-01-03,V2,S2,injury\nI4,2024-01-04,V2,S2,no_injury\n',
  },
  {
    table: 'history',
    csv: 'record_id,subject_id,recorded_at,category,domestic_abuse,subject_role\nR1,S1,2010-01-01,conviction,yes,\nR2,S1,2011-01-01,caution,no,victim\nR3,S2,2012-01-01,other,y,witness\n',
  },
  { table: 'staff', csv: 'staff_id,role,display_name\nH1,officer,PC Ōkubo\nH2,staff,\n' },
  { table: 'conduct_referrals', csv: 'referral_id,staff_id,referred_at,body,outcome\nC1,H1,2019-05-05,iopc,upheld\nC2,H1,2019-06-06,psd,\n' },
  { table: 'household', csv: 'person_id,member_id,relationship\nV1,K1,child\nV1,K2,other\n' },
  { table: 'persons', csv: 'person_id,surname,forenames,date_of_birth,pnc_id\nS1,Smith,John Paul,1980-01-01,12/345678A\nS2,Ng,,,\n' },
  {
    table: 'checks',
    csv: 'check_id,application_id,system,about,performed_at,performed_by,searched_surname,searched_date_of_birth,result\nK1,A1,pnc,,2023-11-01,H1,Smith,1980-01-01,trace\nK2,A1,local,person_at_risk,2023-11-01T10:00,,,,no_trace\n',
  },
];

describe('records handed over as columns', () => {
  it.each(TABLES)('$table: the records rebuilt from the columns are the records the reader makes', async ({ table, csv }) => {
    const dir = await tempDir('columns');
    const source: TableSource = { table, path: join(dir, `${table}.csv`), file: `${table}.csv` };
    await writeFile(source.path, csv);
    const direct = await readTable(source);
    expect(direct.records.length).toBeGreaterThan(1);
    // Parts of a few characters, so text columns span several joined strings.
    for (const partChars of [3, 1 << 24]) {
      let sink: ColumnSink<TableName> | null = null;
      const viaColumns = await readRows(source, undefined, () => (sink = new ColumnSink(table, partChars)));
      const { records, ...rest } = viaColumns;
      const { records: directRecords, ...directRest } = direct;
      expect(rest).toEqual(directRest);
      expect(records.count).toBe(directRecords.length);
      const cloned = structuredClone(records, { transfer: (sink as ColumnSink<TableName> | null)?.transfer ?? [] });
      expect(decodeRecords(table, cloned)).toStrictEqual(directRecords);
    }
  });

  it('equal dates share one object, as the reader hands them out', async () => {
    const dir = await tempDir('columns');
    const source: TableSource = { table: 'incidents', path: join(dir, 'incidents.csv'), file: 'incidents.csv' };
    await writeFile(source.path, 'incident_id,occurred_at,victim_id,suspect_id,harm\nI1,2024-01-01,V,S,death\nI2,2024-01-01,V,S,death\nI3,2024-01-01T10:00,V,S,death\nI4,2024-01-01T10:00,V,S,death\n');
    const { records } = await readRows(source, undefined, () => new ColumnSink('incidents'));
    const [a, b, c, d] = decodeRecords('incidents', records);
    expect(a?.occurred_at).toBe(b?.occurred_at);
    expect(c?.occurred_at).toBe(d?.occurred_at);
    expect(a?.occurred_at).not.toBe(c?.occurred_at);
  });

  it('refuses columns handed over as another table', async () => {
    const sink = new ColumnSink('staff');
    sink.add(2, ['H1', 'officer', null]);
    expect(() => decodeRecords('incidents', sink.result())).toThrow('columns of staff handed over as incidents');
  });
});
