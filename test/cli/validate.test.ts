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
    expect(Object.keys(json)).toEqual(['inputs', 'rejectedRows']);
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
    expect(stdout.endsWith('\nNo rejected rows.\n')).toBe(true);
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
      'dvds-audit: applications.csv:2: a quoted field in the record starting on this line is never closed (a missing closing quote)\n',
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
});
