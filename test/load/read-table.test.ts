import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InputConfig } from '../../src/config/schema.js';
import { InputError } from '../../src/errors.js';
import type { TableName } from '../../src/model/records.js';
import { readTable } from '../../src/load/read-table.js';
import { formatDateValue } from '../../src/time/london.js';
import { cp1252, tmpFolder } from './tmp-files.js';

const APP_HEADER = 'application_id,route,received_at,person_at_risk_id,subject_id';

/** UTF-16 bytes of a text, with the byte order mark Excel writes. */
function utf16(order: 'le' | 'be', text: string): Buffer {
  const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
  return order === 'le' ? le : le.swap16();
}

function settings(partial: Partial<InputConfig> = {}): InputConfig {
  return { encoding: 'auto', delimiter: 'auto', dateFormats: [], nullDates: [], maxCellSize: 1_048_576, columns: {}, values: {}, ...partial };
}

async function load<T extends TableName>(table: T, content: string | Uint8Array, partial: Partial<InputConfig> = {}) {
  const dir = await tmpFolder({ 'in.csv': content });
  return readTable<T>({ table, path: path.join(dir, 'in.csv'), file: 'in.csv', settings: settings(partial) });
}

/** Records as plain values, dates as the analyst reads them. */
function plain(records: readonly object[]): Record<string, unknown>[] {
  return records.map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [k, v !== null && typeof v === 'object' && 'day' in v ? formatDateValue(v as never) : v]),
    ),
  );
}

describe('readTable: every row accepted or rejected, with its line', () => {
  it('reads all the fields of an application', async () => {
    const csv = [
      'application_id,route,received_at,applicant_id,person_at_risk_id,subject_id,handler_id,initial_checks_at,immediate_risk,face_to_face_at,decision,decision_at,disclosure_at,disclosure_method,exceptional_circumstances,closed_at,notes',
      ' A-1 ,Right to Ask,2023-04-05T09:15,AP1,P1,S1,H1,2023-04-05T18:00,Yes,2023-04-12,Disclose,2023-04-20,2023-04-21,In-Person,"Staff sickness, approved",2023-04-30,"private, never kept"',
      'A-2,RIGHT-TO-KNOW,2023-04-06,,P2,S2,,,n,,,,,,,,',
    ].join('\n');
    const result = await load('applications', csv);
    expect(result.rejected).toEqual([]);
    expect(plain(result.records)).toEqual([
      {
        line: 2,
        application_id: 'A-1',
        route: 'right_to_ask',
        received_at: '2023-04-05T09:15+01:00',
        applicant_id: 'AP1',
        person_at_risk_id: 'P1',
        subject_id: 'S1',
        handler_id: 'H1',
        initial_checks_at: '2023-04-05T18:00+01:00',
        immediate_risk: true,
        face_to_face_at: '2023-04-12',
        decision: 'disclose',
        decision_at: '2023-04-20',
        disclosure_at: '2023-04-21',
        disclosure_method: 'in_person',
        exceptional_circumstances: true,
        closed_at: '2023-04-30',
        decision_maker_id: null,
        decision_record_at: null,
        decision_record_modified_at: null,
      },
      {
        line: 3,
        application_id: 'A-2',
        route: 'right_to_know',
        received_at: '2023-04-06',
        applicant_id: null,
        person_at_risk_id: 'P2',
        subject_id: 'S2',
        handler_id: null,
        initial_checks_at: null,
        immediate_risk: false,
        face_to_face_at: null,
        decision: null,
        decision_at: null,
        disclosure_at: null,
        disclosure_method: null,
        exceptional_circumstances: false,
        closed_at: null,
        decision_maker_id: null,
        decision_record_at: null,
        decision_record_modified_at: null,
      },
    ]);
    // (v2) The columns the header supplied: the decision-maker ones are absent, not empty.
    expect(result.columns).not.toContain('decision_record_at');
    expect(result.columns).toContain('closed_at');
    expect(JSON.stringify(result.records)).not.toContain('private');
    expect(result.summary).toMatchObject({ table: 'applications', file: 'in.csv', rowsRead: 2, rowsAccepted: 2, rowsRejected: 0 });
    expect(result.summary.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['yes', true], ['No', false], ['Y', true], ['n', false], ['TRUE', true], ['false', false], ['1', true], ['0', false], ['', null],
  ] as const)('reads the boolean %j as %j', async (cell, value) => {
    const result = await load('applications', `${APP_HEADER},immediate_risk\nA1,right_to_ask,2023-01-01,P,S,${cell}\n`);
    expect(result.records[0]?.immediate_risk).toBe(value);
  });

  const invalid: { name: string; header?: string; row: string; column?: string; reason: string | RegExp }[] = [
    { name: 'impossible date', row: 'A1,right_to_ask,31/02/2023,P,S', column: 'received_at', reason: '"31/02/2023" is not a date (expected ISO 8601, e.g. 2023-04-05 or 2023-04-05T14:30)' },
    { name: 'impossible ISO date', row: 'A1,right_to_ask,2023-02-29,P,S', column: 'received_at', reason: /"2023-02-29" is not a date/ },
    // Issue 15 item 4: a sentinel date read as the year 9999 cost 1.2 s per row in working days.
    { name: 'a year outside 1900-2199', header: `${APP_HEADER},face_to_face_at`, row: 'A1,right_to_ask,2023-01-01,P,S,9999-12-31', column: 'face_to_face_at', reason: '"9999-12-31" has the year 9999, outside 1900-2199 (if it means "no date", list it in this table\'s nullDates)' },
    { name: 'unknown enum', row: 'A1,right_to_asq,2023-01-01,P,S', column: 'route', reason: '"right_to_asq" is not one of right_to_ask, right_to_know' },
    { name: 'bad boolean', header: `${APP_HEADER},immediate_risk`, row: 'A1,right_to_ask,2023-01-01,P,S,maybe', column: 'immediate_risk', reason: '"maybe" is not a yes/no value (expected yes/no, y/n, true/false or 1/0)' },
    { name: 'missing required id', row: 'A1,right_to_ask,2023-01-01,,S', column: 'person_at_risk_id', reason: 'required value is missing' },
    { name: 'missing required date', row: 'A1,right_to_ask,  ,P,S', column: 'received_at', reason: 'required value is missing' },
    { name: 'bad optional date', header: `${APP_HEADER},closed_at`, row: 'A1,right_to_ask,2023-01-01,P,S,soon', column: 'closed_at', reason: /"soon" is not a date/ },
    { name: 'bad optional enum', header: `${APP_HEADER},decision`, row: 'A1,right_to_ask,2023-01-01,P,S,maybe later', column: 'decision', reason: /"maybe later" is not one of disclose, no_disclosure/ },
    { name: 'too few fields', row: 'A1,right_to_ask,2023-01-01,P', reason: 'has 4 fields, expected 5 as in the header' },
    { name: 'too many fields', row: 'A1,right_to_ask,2023-01-01,P,S,extra', reason: 'has 6 fields, expected 5 as in the header' },
    { name: 'several problems', row: 'A1,walk-in,2023-02-30,P,', column: 'route', reason: '"walk-in" is not one of right_to_ask, right_to_know; also column "received_at": "2023-02-30" is not a date (expected ISO 8601, e.g. 2023-04-05 or 2023-04-05T14:30); also column "subject_id": required value is missing' },
  ];
  it.each(invalid)('rejects: $name', async ({ header, row, column, reason }) => {
    const result = await load('applications', `${header ?? APP_HEADER}\nA0,right_to_ask,2023-01-01,P,S${header ? ',' : ''}\n${row}\n`);
    expect(result.records.map((r) => r.application_id)).toEqual(['A0']);
    expect(result.rejected).toHaveLength(1);
    const rejected = result.rejected[0]!;
    expect(rejected.line).toBe(3);
    expect(rejected.table).toBe('applications');
    expect(rejected.file).toBe('in.csv');
    expect(rejected.column).toBe(column);
    if (typeof reason === 'string') expect(rejected.reason).toBe(reason);
    else expect(rejected.reason).toMatch(reason);
    expect(result.summary).toMatchObject({ rowsRead: 2, rowsAccepted: 1, rowsRejected: 1 });
  });

  it.each([
    ['applications', `${APP_HEADER}\nA1,right_to_ask,2023-01-01,P,S\nA2,right_to_ask,2023-01-01,P,S\nA1,right_to_know,2023-02-01,P2,S2\n`, 'application_id', 'A1'],
    ['incidents', 'incident_id,occurred_at,victim_id,suspect_id,harm\nI1,2023-01-01,V,S,injury\nI1,2023-01-02,V,S,death\nI2,2023-01-01,V,S,injury\n', 'incident_id', 'I1" and victim_id "V'],
    ['history', 'record_id,subject_id,recorded_at,category,domestic_abuse\nR1,S,2020-01-01,conviction,yes\nR1,S,2020-01-01,caution,no\nR2,S,2020-01-01,order,no\n', 'record_id', 'R1'],
    ['staff', 'staff_id,role,display_name\nH1,officer,PC One\nH1,staff,\nH2,staff,\n', 'staff_id', 'H1'],
    ['conduct_referrals', 'referral_id,staff_id,referred_at,body,outcome\nC1,H1,2020-01-01,IOPC,\nC1,H1,2020-01-01,PSD,x\nC2,H1,2020-01-01,psd,\n', 'referral_id', 'C1'],
    ['household', 'person_id,member_id,relationship\nP1,C1,child\nP1,C1,other\nP1,C2,child\n', 'person_id', 'P1" and member_id "C1'],
  ] as const)('%s: the later row repeating the id is rejected, naming the first line', async (table, csv, key, id) => {
    const result = await load(table, csv);
    expect(result.records).toHaveLength(2);
    const line = table === 'applications' ? 4 : 3;
    expect(result.rejected).toEqual([{ table, file: 'in.csv', line, column: key, reason: `duplicate ${key} "${id}" (first on line 2)` }]);
  });

  it('v2: one incident with two victims is two rows; a child in two households is two rows', async () => {
    const inc = await load('incidents', 'incident_id,occurred_at,victim_id,suspect_id,harm\nI1,2023-01-01,MUM,S,injury\nI1,2023-01-01,CHILD,S,serious_injury\n');
    expect(inc.rejected).toEqual([]);
    expect(inc.records.map((r) => [r.incident_id, r.victim_id])).toEqual([['I1', 'MUM'], ['I1', 'CHILD']]);
    const house = await load('household', 'person_id,member_id,relationship\nMUM,CHILD,Child\nDAD,CHILD,child\nMUM,AUNT,other\nMUM,,child\n');
    expect(plain(house.records)).toEqual([
      { line: 2, person_id: 'MUM', member_id: 'CHILD', relationship: 'child' },
      { line: 3, person_id: 'DAD', member_id: 'CHILD', relationship: 'child' },
      { line: 4, person_id: 'MUM', member_id: 'AUNT', relationship: 'other' },
    ]);
    expect(house.rejected).toEqual([{ table: 'household', file: 'in.csv', line: 5, column: 'member_id', reason: 'required value is missing' }]);
  });

  it.each([
    ['No', false],
    ['N/A', false],
    [' n/a ', false],
    ['NONE', false],
    ['nil', false],
    ['na', false],
    ['Not Applicable', false],
    ['false', false],
    ['0', false],
    ['-', false],
    ['N', false],
    ['', false],
    ['Yes', true],
    ['Awaiting partner agency records (documented 12/03)', true],
    ['Not known', true],
  ])('v2: exceptional_circumstances %j is recorded: %s', async (cell, recorded) => {
    const result = await load('applications', `application_id,route,received_at,person_at_risk_id,subject_id,exceptional_circumstances\nA1,right_to_ask,2023-01-01,P,S,"${cell}"\n`);
    expect(result.records.map((r) => r.exceptional_circumstances)).toEqual([recorded]);
  });

  it('v2: a values map is applied first: a value mapped to "" is not recorded', async () => {
    const csv = 'application_id,route,received_at,person_at_risk_id,subject_id,exceptional_circumstances\nA1,right_to_ask,2023-01-01,P,S,see file\nA2,right_to_ask,2023-01-01,P,S,PENDING\n';
    const result = await load('applications', csv, { values: { exceptional_circumstances: { 'see file': '', PENDING: 'documented' } } });
    expect(result.records.map((r) => r.exceptional_circumstances)).toEqual([false, true]);
  });

  it('a rejected row still claims its id, so a later row with it is rejected too', async () => {
    const result = await load('applications', `${APP_HEADER}\nA1,walk-in,2023-01-01,P,S\nA1,right_to_ask,2023-01-01,P,S\n`);
    expect(result.records).toEqual([]);
    expect(result.rejected.map((r) => [r.line, r.column])).toEqual([[2, 'route'], [3, 'application_id']]);
  });

  it('reads the other tables into their records', async () => {
    const inc = await load('incidents', 'incident_id,occurred_at,victim_id,suspect_id,harm\nI1,2023-07-01T23:30Z,V,S,Serious Injury\n');
    expect(plain(inc.records)).toEqual([
      { line: 2, incident_id: 'I1', occurred_at: '2023-07-02T00:30+01:00', victim_id: 'V', suspect_id: 'S', harm: 'serious_injury' },
    ]);
    const ref = await load('conduct_referrals', 'referral_id,staff_id,referred_at,body,outcome\nC1,H1,2020-01-01,IOPC,"Final written warning"\nC2,H1,2020-02-01,psd,\n');
    expect(plain(ref.records)).toEqual([
      { line: 2, referral_id: 'C1', staff_id: 'H1', referred_at: '2020-01-01', body: 'iopc', outcome: true },
      { line: 3, referral_id: 'C2', staff_id: 'H1', referred_at: '2020-02-01', body: 'psd', outcome: false },
    ]);
    const staff = await load('staff', 'staff_id,role,display_name\nH1,Officer,PC Ann Smith\nH2,staff,\n');
    expect(plain(staff.records)).toEqual([
      { line: 2, staff_id: 'H1', role: 'officer', display_name: 'PC Ann Smith' },
      { line: 3, staff_id: 'H2', role: 'staff', display_name: null },
    ]);
    const hist = await load('history', 'record_id,subject_id,recorded_at,category,domestic_abuse\nR1,S1,2019-05-01,Intelligence,Y\n');
    expect(plain(hist.records)).toEqual([
      { line: 2, record_id: 'R1', subject_id: 'S1', recorded_at: '2019-05-01', category: 'intelligence', domestic_abuse: true, subject_role: null },
    ]);
    const roles = await load('history', 'record_id,subject_id,recorded_at,category,domestic_abuse,subject_role\nR1,S1,2019-05-01,order,Y,Victim\nR2,S1,2019-05-01,order,Y,\nR3,S1,2019-05-01,order,Y,bystander\n');
    expect(roles.records.map((r) => r.subject_role)).toEqual(['victim', null]);
    expect(roles.rejected[0]).toMatchObject({ line: 4, column: 'subject_role' });
  });
});

describe('readTable: the cell size limit (issue 15 item 4)', () => {
  it('rejects a row with a cell over maxCellSize, naming its line and column, and reads on', async () => {
    const csv = `${APP_HEADER}\nA1,right_to_ask,2023-01-01,P,S\nA2,right_to_ask,2023-01-01,"P\n${'x'.repeat(40)}",S\nA3,right_to_ask,2023-01-01,P,S\n`;
    const result = await load('applications', csv, { maxCellSize: 40 });
    expect(result.records.map((r) => [r.application_id, r.line])).toEqual([['A1', 2], ['A3', 5]]);
    expect(result.rejected).toEqual([
      { table: 'applications', file: 'in.csv', line: 3, column: 'person_at_risk_id', reason: 'the cell holds 42 characters, more than the limit of 40 (maxCellSize; a quote left open runs a cell on over the lines below)' },
    ]);
    expect(result.summary).toMatchObject({ rowsRead: 3, rowsAccepted: 2, rowsRejected: 1 });
  });

  it('a cell at the limit is read', async () => {
    const result = await load('applications', `${APP_HEADER}\nA1,right_to_ask,2023-01-01,${'P'.repeat(40)},S\n`, { maxCellSize: 40 });
    expect(result.rejected).toEqual([]);
  });

  it('by default a cell of more than 1 MiB rejects its row: a quote opened by mistake over a large file', async () => {
    const body = 'A9,right_to_ask,2023-01-01,P,S\n'.repeat(40_000);
    const csv = `${APP_HEADER}\nA1,right_to_ask,2023-01-01,"P,S\n${body}",S,P,S\nA2,right_to_ask,2023-01-01,P,S\n`;
    const result = await load('applications', csv);
    expect(result.records.map((r) => r.application_id)).toEqual(['A2']);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]).toMatchObject({ line: 2, column: 'person_at_risk_id', reason: expect.stringMatching(/^the cell holds 1,240,004 characters, more than the limit of 1,048,576/) as string });
  });
});

describe('readTable: physical lines', () => {
  it('counts the lines of quoted fields with newlines, commas and quotes, CRLF and blank lines', async () => {
    const csv = [
      'application_id,route,received_at,person_at_risk_id,subject_id,notes',
      'A1,right_to_ask,2023-01-01,P,S,"line one',
      'line two, with a comma',
      'and ""quotes"""',
      '',
      'A2,right_to_ask,bad,P,S,',
      'A3,right_to_ask,2023-01-01,P,S,"x\ry"',
      'A4,right_to_ask,worse,P,S,',
    ].join('\r\n');
    const result = await load('applications', csv);
    expect(result.records.map((r) => [r.application_id, r.line])).toEqual([['A1', 2], ['A3', 7]]);
    expect(result.rejected.map((r) => r.line)).toEqual([6, 9]);
    expect(result.summary).toMatchObject({ rowsRead: 4, rowsAccepted: 2, rowsRejected: 2 });
  });

  it('reads a lone-CR file (old Mac Excel)', async () => {
    const result = await load('applications', `${APP_HEADER}\rA1,right_to_ask,2023-01-01,P,S\rA2,x,2023-01-01,P,S\r`);
    expect(result.records.map((r) => r.line)).toEqual([2]);
    expect(result.rejected.map((r) => r.line)).toEqual([3]);
  });
});

describe('readTable: encodings and delimiters', () => {
  const row = 'A1,right_to_ask,2023-01-01,P,S,"£500 café’s bill"\nA2,right_to_ask,2023-01-01,Zoë,S,\n';
  const header = `${APP_HEADER},exceptional_circumstances\n`;

  it.each([
    ['UTF-8', 'auto', Buffer.from(header + row, 'utf8')],
    ['UTF-8 with BOM', 'auto', Buffer.from(`\uFEFF${header}${row}`, 'utf8')],
    ['UTF-8 explicit', 'utf-8', Buffer.from(header + row, 'utf8')],
    ['UTF-8 with BOM explicit', 'utf-8', Buffer.from(`\uFEFF${header}${row}`, 'utf8')],
    ['Windows-1252', 'auto', cp1252(header + row)],
    ['Windows-1252 explicit', 'windows-1252', cp1252(header + row)],
    // (v2) Excel's "Unicode Text": UTF-16LE with a BOM (tab-separated in real life; any delimiter reads).
    ['UTF-16LE with BOM', 'auto', utf16('le', header + row)],
    ['UTF-16BE with BOM', 'auto', utf16('be', header + row)],
    ['UTF-16LE with BOM explicit', 'utf-16le', utf16('le', header + row)],
    ['UTF-16LE without BOM explicit', 'utf-16le', utf16('le', header + row).subarray(2)],
    ['UTF-16LE tab-separated, CRLF', 'auto', utf16('le', (header + row).replace(/,/g, '\t').replace(/\n/g, '\r\n'))],
  ] as const)('%s (%s)', async (_name, encoding, bytes) => {
    const result = await load('applications', bytes, { encoding });
    expect(result.rejected).toEqual([]);
    expect(result.records.map((r) => r.person_at_risk_id)).toEqual(['P', 'Zoë']);
    expect(result.records[0]!.exceptional_circumstances).toBe(true);
  });

  it('auto restarts as Windows-1252 when the only non-ASCII byte is near the end of a large file', async () => {
    const rows: string[] = [];
    for (let i = 0; i < 40_000; i++) rows.push(`A${i},right_to_ask,2023-01-01,P${i},S${i}`);
    rows.push('B1,right_to_ask,2023-01-01,Zoë,S');
    const bytes = cp1252(`${APP_HEADER}\n${rows.join('\n')}\n`);
    expect(bytes.length).toBeGreaterThan(1 << 20);
    const result = await load('applications', bytes);
    expect(result.summary).toMatchObject({ rowsRead: 40_001, rowsAccepted: 40_001, rowsRejected: 0 });
    expect(result.records.at(-1)!.person_at_risk_id).toBe('Zoë');
  });

  it('explicit utf-8 with a Windows-1252 byte is an InputError naming file and line', async () => {
    const error = await load('applications', cp1252(`${APP_HEADER}\nA1,right_to_ask,2023-01-01,P,S\nA2,right_to_ask,2023-01-01,Zoë,S\n`), {
      encoding: 'utf-8',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      'in.csv:3: not valid UTF-8 (byte 0xEB); if the file is from Excel on Windows, set "encoding": "windows-1252" or "auto"',
    );
  });

  it('counts UTF-16 lines as any other: a quoted line break moves the next row down', async () => {
    const result = await load('applications', utf16('le', `${APP_HEADER},notes\nA1,right_to_ask,2023-01-01,P,S,"two\nlines"\nA2,x,2023-01-01,P,S,\n`));
    expect(result.rejected.map((r) => [r.line, r.column])).toEqual([[4, 'route']]);
  });

  it('UTF-16 that is not (an unpaired surrogate) is an InputError naming the file', async () => {
    const bad = Buffer.concat([utf16('le', `${APP_HEADER}\nA1,right_to_ask,2023-01-01,P,S`), Buffer.from([0x00, 0xd8, 0x41, 0x00]), utf16('le', '\n').subarray(2)]);
    await expect(load('applications', bad)).rejects.toThrow('in.csv: starts with a UTF-16LE byte order mark but is not valid UTF-16LE text');
    await expect(load('applications', bad.subarray(2), { encoding: 'utf-16le' })).rejects.toThrow('in.csv: not valid UTF-16LE text');
  });

  it('a UTF-8 BOM means UTF-8 even in auto, so a bad byte after it is an error', async () => {
    const bytes = Buffer.concat([Buffer.from(`\uFEFF${APP_HEADER}\n`), cp1252('A1,right_to_ask,2023-01-01,Zoë,S\n')]);
    await expect(load('applications', bytes)).rejects.toThrow(/in\.csv:2: not valid UTF-8/);
  });

  it.each([
    ['semicolon', ';', 'auto'],
    ['tab', '\t', 'auto'],
    ['semicolon explicit', ';', ';'],
    ['tab explicit', '\t', 'tab'],
    ['tab explicit as the character', '\t', '\t'],
  ] as const)('%s', async (_name, sep, delimiter) => {
    const text = `${APP_HEADER}\nA1,right_to_ask,2023-01-01,"P;1",S\n`.replace(/,/g, sep);
    const result = await load('applications', text, { delimiter });
    expect(result.rejected).toEqual([]);
    expect(result.records[0]!.person_at_risk_id).toBe('P;1');
  });
});

describe('readTable: mapping', () => {
  const mapped = settings({
    dateFormats: ['dd/MM/yyyy HH:mm', 'dd/MM/yyyy'],
    columns: { application_id: 'DVDS Ref', received_at: 'Date Received', route: 'Route', person_at_risk_id: 'Victim', subject_id: 'Subject', decision: 'Outcome' },
    values: { route: { RTA: 'right_to_ask', RTK: 'right_to_know' }, decision: { 'No Disc': 'no_disclosure', 'N/A': '' } },
  });

  it('reads mapped headers and values, then normalises enums', async () => {
    const csv = 'DVDS Ref;Route;Date Received;victim;Subject;Outcome\nD1;RTA;26/03/2023 09:30;V1;S1;No Disc\nD2; RTK ;05/04/2023;V2;S2;N/A\nD3;right to know;5/4/2023;V3;S3;Withdrawn\n';
    const result = await load('applications', csv, mapped);
    expect(result.rejected).toEqual([]);
    expect(plain(result.records).map((r) => [r.application_id, r.route, r.received_at, r.decision, r.person_at_risk_id])).toEqual([
      ['D1', 'right_to_ask', '2023-03-26T09:30+01:00', 'no_disclosure', 'V1'],
      ['D2', 'right_to_know', '2023-04-05', null, 'V2'],
      ['D3', 'right_to_know', '2023-04-05', 'withdrawn', 'V3'],
    ]);
  });

  it('names the export header and the formats expected in a rejected row', async () => {
    const csv = 'DVDS Ref,Route,Date Received,Victim,Subject,Outcome\nD1,RTX,31/02/2023,V1,S1,\n';
    const result = await load('applications', csv, mapped);
    expect(result.rejected).toEqual([
      {
        table: 'applications',
        file: 'in.csv',
        line: 2,
        column: 'Route',
        reason:
          '"RTX" is not one of right_to_ask, right_to_know; also column "Date Received": "31/02/2023" is not a date (expected ISO 8601 or dd/MM/yyyy HH:mm or dd/MM/yyyy)',
      },
    ]);
  });

  it('says what a mapped value became when it is still not valid', async () => {
    const result = await load('applications', 'DVDS Ref,Route,Date Received,Victim,Subject,Outcome\nD1,RTA,2023-01-01,V1,S1,\n', {
      ...mapped,
      values: { route: { RTA: 'ask' } },
    });
    expect(result.rejected[0]!.reason).toBe('"ask" is not one of right_to_ask, right_to_know (mapped from "RTA")');
  });
});

describe('readTable: files it cannot read', () => {
  it.each([
    ['an empty file', '', 'in.csv: the file is empty (no header line)'],
    ['only blank lines', '\n\r\n\n', 'in.csv: the file is empty (no header line)'],
    [
      'a missing required column',
      'application_id,route,date_received,person_at_risk_id,subject_id\n',
      'in.csv: missing required column "received_at", closest header: "date_received"; headers found: "application_id", "route", "date_received", "person_at_risk_id", "subject_id"',
    ],
    [
      'a mapped column not found',
      'DVDS Ref,route,received_at,person_at_risk_id,subject_id\n',
      'in.csv: missing required column "Ref" (mapped to application_id in the config), closest header: "DVDS Ref"; headers found: "DVDS Ref", "route", "received_at", "person_at_risk_id", "subject_id"',
      { columns: { application_id: 'Ref' } },
    ],
    [
      'an unterminated quote',
      `${APP_HEADER}\nA1,right_to_ask,2023-01-01,P,S\nA2,right_to_ask,"2023-01-01,P,S\nA3,right_to_ask,2023-01-01,P,S\n`,
      'in.csv:3: a quoted field opened on this line is never closed (a missing closing quote; everything after it was read as that field)',
    ],
    [
      'one column read for two fields',
      'Ref,route,received_at,person_at_risk_id\n',
      'in.csv: column "Ref" is read for both application_id and subject_id; map each field to its own column',
      { columns: { application_id: 'Ref', subject_id: 'Ref' } },
    ],
  ] as const)('%s is a one-line InputError', async (_name, content, message, partial: Partial<InputConfig> = {}) => {
    const error = await load('applications', content, partial).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(message);
    expect(message).not.toContain('\n');
  });

  it('a column the config maps, even for an optional field, must exist', async () => {
    await expect(load('applications', `${APP_HEADER}\n`, { columns: { decision: 'Outcome' } })).rejects.toThrow(
      'in.csv: missing column "Outcome" (mapped to decision in the config)',
    );
  });

  it('matches headers case-insensitively and ignores unknown columns', async () => {
    const result = await load('applications', 'Application_ID,ROUTE,Received_At,Person_At_Risk_Id,Subject_Id,Extra\nA1,right_to_ask,2023-01-01,P,S,x\n');
    expect(result.records.map((r) => r.application_id)).toEqual(['A1']);
  });
});
