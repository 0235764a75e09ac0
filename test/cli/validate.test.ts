/**
 * End to end: the built CLI (`npm run build` first; `npm test` does it).
 */
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli as runCli } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

const BASIC = resolve('fixtures/loader/basic');
const MAPPED = resolve('fixtures/loader/mapped');

const cli = (args: string[], cwd?: string) => runCli(args, cwd === undefined ? {} : { cwd });

const BASIC_TABLE = `table              file                   read  accepted  rejected  blank
applications       applications.csv          8         4         4      0
incidents          incidents.csv             2         2         0      0
history            history.csv               2         2         0      0
staff              staff.csv                 3         3         0      0
conduct_referrals  conduct_referrals.csv     1         1         0      0
household          (not supplied)
persons            (not supplied)
checks             (not supplied)

4 rejected rows:
applications.csv:6: column "received_at": "31/02/2023" is not a date (expected ISO 8601, e.g. 2023-04-05 or 2023-04-05T14:30)
applications.csv:7: column "application_id": duplicate application_id "DV-0002" (first on line 3)
applications.csv:8: column "route": "walk_in" is not one of right_to_ask, right_to_know; also column "immediate_risk": "maybe" is not a yes/no value (expected yes/no, y/n, true/false or 1/0)
applications.csv:9: has 16 fields, expected 17 as in the header

Values read (flag, enum and yes/no columns):
applications.csv "route" -> route: "right_to_ask" x3 -> right_to_ask; "right_to_know" x2 -> right_to_know; "Right to Ask" x1 -> right_to_ask; "walk_in" x1 -> invalid
applications.csv "immediate_risk" -> immediate_risk: (empty) x3 -> empty; "N" x1 -> no; "maybe" x1 -> invalid; "no" x1 -> no; "yes" x1 -> yes
applications.csv "decision" -> decision: (empty) x4 -> empty; "disclose" x1 -> disclose; "no_disclosure" x1 -> no_disclosure; "withdrawn" x1 -> withdrawn
applications.csv "disclosure_method" -> disclosure_method: (empty) x6 -> empty; "in_person" x1 -> in_person
applications.csv "exceptional_circumstances" -> exceptional_circumstances: (empty) x7 -> not recorded
incidents.csv "harm" -> harm: "injury" x1 -> injury; "serious injury" x1 -> serious_injury
history.csv "category" -> category: "conviction" x1 -> conviction; "intelligence" x1 -> intelligence
history.csv "domestic_abuse" -> domestic_abuse: "no" x1 -> no; "yes" x1 -> yes
staff.csv "role" -> role: "officer" x2 -> officer; "staff" x1 -> staff
conduct_referrals.csv "body" -> body: "psd" x1 -> psd
`;

describe('dvds-audit validate', () => {
  it('prints the accounting and every rejected row of a folder (DIR argument)', async () => {
    const { code, stdout, stderr } = await cli(['validate', BASIC]);
    expect(stderr).toBe('');
    expect(stdout).toBe(BASIC_TABLE);
    expect(code).toBe(0);
  });

  it('reads the working folder by default', async () => {
    expect(await cli(['validate'], BASIC)).toEqual({ code: 0, stdout: BASIC_TABLE, stderr: '' });
  });

  it('--strict exits 2 after printing the accounting', async () => {
    const { code, stdout, stderr } = await cli(['validate', BASIC, '--strict']);
    expect(stdout).toBe(BASIC_TABLE);
    expect(stderr).toBe('dvds-audit: 4 rows rejected; --strict makes any rejected row an error\n');
    expect(code).toBe(2);
  });

  it('--format json prints the report shapes of inputs[] and rejectedRows[]', async () => {
    const { code, stdout, stderr } = await cli(['validate', BASIC, '--format', 'json']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout.endsWith('}\n')).toBe(true);
    const json = JSON.parse(stdout) as { inputs: Record<string, unknown>[]; rejectedRows: Record<string, unknown>[] };
    expect(Object.keys(json)).toEqual(['inputs', 'rejectedRows', 'profile']);
    expect(json.inputs.map((i) => Object.keys(i))).toEqual(Array(5).fill(['table', 'file', 'sha256', 'rowsRead', 'rowsAccepted', 'rowsRejected', 'blankRows']));
    expect(json.inputs[0]).toMatchObject({ table: 'applications', file: 'applications.csv', rowsRead: 8, rowsAccepted: 4, rowsRejected: 4 });
    expect(json.rejectedRows[0]).toEqual({
      table: 'applications',
      file: 'applications.csv',
      line: 6,
      column: 'received_at',
      reason: '"31/02/2023" is not a date (expected ISO 8601, e.g. 2023-04-05 or 2023-04-05T14:30)',
    });
    expect(json.rejectedRows[3]).toEqual({ table: 'applications', file: 'applications.csv', line: 9, reason: 'has 16 fields, expected 17 as in the header' });
    expect(stdout).toBe(`${JSON.stringify(json, null, 2)}\n`);
    expect(stdout).not.toContain(BASIC);
  });

  it('finds dvds-audit.config.json in the working folder: mapped Windows-1252 semicolon export', async () => {
    const { code, stdout, stderr } = await cli(['validate'], MAPPED);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(`table              file                    read  accepted  rejected  blank
applications       exports/dvds_cases.csv     5         3         2      0
incidents          exports/incidents.csv      1         1         0      0
history            (not supplied)
staff              (not supplied)
conduct_referrals  (not supplied)
household          (not supplied)
persons            (not supplied)
checks             (not supplied)

2 rejected rows:
exports/dvds_cases.csv:5: column "Route": "RTX" is not one of right_to_ask, right_to_know; also column "Date Received": "31/02/2023" is not a date (expected ISO 8601 or dd/MM/yyyy HH:mm or dd/MM/yyyy)
exports/dvds_cases.csv:6: column "Disclosure Method": "Pigeon" is not one of in_person, telephone, written, other

Values read (flag, enum and yes/no columns):
exports/dvds_cases.csv "Route" -> route: "RTA" x3 -> right_to_ask; "RTK" x1 -> right_to_know; "RTX" x1 -> invalid
exports/dvds_cases.csv "Outcome" -> decision: "Disclosed" x2 -> disclose; "Open" x2 -> empty; "No Disclosure" x1 -> no_disclosure
exports/dvds_cases.csv "Disclosure Method" -> disclosure_method: (empty) x3 -> empty; "Face to face" x1 -> in_person; "Pigeon" x1 -> invalid
exports/incidents.csv "Harm" -> harm: "No Injury" x1 -> no_injury
`);
  });

  it('takes --config from another folder', async () => {
    const { code, stdout } = await cli(['validate', '--config', join(MAPPED, 'dvds-audit.config.json'), '--format', 'json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { inputs: { file: string }[] };
    expect(json.inputs.map((i) => i.file)).toEqual(['exports/dvds_cases.csv', 'exports/incidents.csv']);
  });

  it('prints "No rejected rows." for a clean export', async () => {
    const dir = await tempDir('validate');
    await writeFile(join(dir, 'applications.csv'), 'application_id,route,received_at,person_at_risk_id,subject_id\r\nA1,RTA,2023-01-01,P,S\r\n');
    await writeFile(join(dir, 'dvds-audit.config.json'), JSON.stringify({ inputs: { applications: { values: { route: { RTA: 'right_to_ask' } } } } }));
    const { code, stdout, stderr } = await cli(['validate', '--strict'], dir);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^applications +applications\.csv +1 +1 +0 +0$/m);
    expect(stdout).toContain('\nNo rejected rows.\n');
  });

  it.each([
    [['validate'], /^dvds-audit: applications file not found: .*applications\.csv \(the applications table is required\)\n$/],
    [['validate', '--config', 'nope.json'], /^dvds-audit: config file not found: nope\.json\n$/],
  ])('%j is a one-line error, exit 2, no stack', async (args, message) => {
    const { code, stdout, stderr } = await cli(args);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(code).toBe(2);
  });

  it.each([
    ['an empty applications file', { 'applications.csv': '' }, 'dvds-audit: applications.csv: the file is empty (no header line)\n'],
    [
      'a missing required column',
      { 'applications.csv': 'application_id,route,Date Recieved,person_at_risk_id,subject_id\n' },
      'dvds-audit: applications.csv: missing required column "received_at", closest header: "Date Recieved"; headers found: "application_id", "route", "Date Recieved", "person_at_risk_id", "subject_id"\n',
    ],
    [
      'an unterminated quote',
      { 'applications.csv': 'application_id,route,received_at,person_at_risk_id,subject_id\nA1,right_to_ask,"2023-01-01,P,S\n' },
      'dvds-audit: applications.csv:2: a quoted field opened on this line is never closed (a missing closing quote; everything after it was read as that field)\n',
    ],
    [
      'an invalid config',
      { 'applications.csv': 'x\n', 'dvds-audit.config.json': '{"inputs":{"applications":{"columns":{"received_at":5}}}}' },
      'dvds-audit: invalid config file dvds-audit.config.json:\n  inputs.applications.columns.received_at: expected string, received number\n',
    ],
  ])('%s: a clear error, exit 2', async (_name, files, message) => {
    const dir = await tempDir('validate');
    for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
    const { code, stdout, stderr } = await cli(['validate'], dir);
    expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: '', stderr: message });
  });

  it('counts a row of empty cells (an Excel blank row) as blank, not read or rejected, and --strict ignores it', async () => {
    const dir = await tempDir('validate-blank');
    const header = 'application_id,route,received_at,person_at_risk_id,subject_id';
    await writeFile(join(dir, 'applications.csv'), `${header}\r\nA1,right_to_ask,2024-01-02,P1,S1\r\n,,,,\r\n , , ,,\r\n\r\nA2,right_to_ask,2024-01-03,P2,S2\r\n,,,,\r\n`);
    const run = await cli(['validate', '.', '--strict', '--format', 'json'], dir);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { inputs: Record<string, unknown>[] };
    expect(json.inputs[0]).toMatchObject({ rowsRead: 2, rowsAccepted: 2, rowsRejected: 0, blankRows: 3 });
  });

  it('profiles exceptional circumstances by what is not recorded, never showing the text read as recorded; nothing from persons', async () => {
    const dir = await tempDir('validate-profile');
    const header = 'application_id,route,received_at,person_at_risk_id,subject_id,exceptional_circumstances,closed_at';
    const rows = ['A1,RTA,2024-01-02,P1,S1,N/A,31/12/9999', 'A2,RTA,2024-01-03,P2,S2,Awaiting Mrs Jones,2024-02-01', 'A3,RTA,2024-01-04,P3,S3,n/a,', 'A4,RTA,2024-01-05,P4,S4,No,'];
    await writeFile(join(dir, 'applications.csv'), `${header}\n${rows.join('\n')}\n`);
    await writeFile(join(dir, 'persons.csv'), 'person_id,surname,forenames,date_of_birth\nS1,Harwood,Jon,1984-07-12\n');
    await writeFile(
      join(dir, 'dvds-audit.config.json'),
      JSON.stringify({ inputs: { applications: { values: { route: { RTA: 'right_to_ask' } }, dateFormats: ['dd/MM/yyyy'], nullDates: ['31/12/9999'] } } }),
    );
    const run = await cli(['validate'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('applications.csv "route" -> route: "RTA" x4 -> right_to_ask\n');
    expect(run.stdout).toContain(
      'applications.csv "exceptional_circumstances" -> exceptional_circumstances: "N/A" x1 -> not recorded; "No" x1 -> not recorded; "n/a" x1 -> not recorded; 1 cell of text read as recorded (not shown)\n',
    );
    expect(run.stdout).not.toContain('Jones');
    expect(run.stdout).not.toMatch(/Harwood|persons\.csv "/);
    // The sentinel date is no date: not a rejected row.
    expect(run.stdout).toContain('No rejected rows.');
  });

  it('checks the rule options too: a config validate passes does not fail audit', async () => {
    const dir = await tempDir('validate-rules');
    await writeFile(join(dir, 'applications.csv'), 'application_id,route,received_at,person_at_risk_id,subject_id\nA1,right_to_ask,2024-01-02,P1,S1\n');
    await writeFile(join(dir, 'dvds-audit.config.json'), JSON.stringify({ rules: { 'deadline-missed': { options: { graceDays: '2' } } } }));
    const run = await cli(['validate'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/rules\.deadline-missed\.options\.graceDays: expected number/);
  });
});
