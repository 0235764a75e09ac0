/**
 * (v2) Excel workbooks as inputs (fixtures/loader/workbook, written by XlsxWriter:
 * scripts/make-workbook-fixture.py): a workbook reads to the same records as its CSV twin, with
 * the sheet's row numbers; a binary file given as CSV is named for what it is.
 */
import { copyFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import type { InputConfig } from '../../src/config/schema.js';
import { InputError } from '../../src/errors.js';
import { loadInputs } from '../../src/load/index.js';
import { readTable } from '../../src/load/read-table.js';
import { cli, tmp } from '../support/cli.js';
import { tmpFolder } from './tmp-files.js';

const FIXTURE = path.resolve('fixtures/loader/workbook');

async function workbookSettings(): Promise<InputConfig> {
  const config = await loadConfig({ cwd: FIXTURE, configPath: 'dvds-audit.config.json' });
  return config.inputs.applications!;
}

async function read(file: string, settings: InputConfig) {
  return readTable<'applications'>({ table: 'applications', path: path.join(FIXTURE, file), file, settings });
}

describe('an .xlsx workbook', () => {
  it('reads to the same records as its CSV twin: date-typed cells as London dates, ids as their digits, the blank row counted', async () => {
    const settings = await workbookSettings();
    const xlsx = await read('applications.xlsx', settings);
    const csv = await read('applications.csv', { ...settings, file: 'applications.csv' });
    expect(xlsx.rejected).toEqual(csv.rejected);
    expect(xlsx.records).toEqual(csv.records);
    expect(xlsx.summary).toMatchObject({ rowsRead: 4, rowsAccepted: 4, rowsRejected: 0, blankRows: 1 });
    expect(xlsx.records.map((r) => r.application_id)).toEqual(['1234567', '1234568', '1234569', '1234570']);
    expect(xlsx.records.map((r) => r.line)).toEqual([2, 3, 5, 6]);
    expect(xlsx.records[2]!.received_at.day).toBe(csv.records[2]!.received_at.day);
    // "Awaiting partner agency" is recorded; "N/A" is not.
    expect(xlsx.records.map((r) => r.exceptional_circumstances)).toEqual([false, false, true, false]);
  });

  it('names rows by the sheet\'s numbers, below a title row and a blank one', async () => {
    const settings: InputConfig = { encoding: 'auto', delimiter: 'auto', dateFormats: [], nullDates: [], maxCellSize: 1_048_576, columns: { application_id: 'DVDS Ref', route: 'Route', received_at: 'Date Received', person_at_risk_id: 'Person At Risk Ref', subject_id: 'Subject Ref' }, values: { route: { RTA: 'right_to_ask', RTK: 'right_to_know' } } };
    const result = await read('titled.xlsx', settings);
    expect(result.records.map((r) => [r.application_id, r.line])).toEqual([['X-1', 4], ['X-2', 5]]);
    expect(result.rejected).toEqual([{ table: 'applications', file: 'titled.xlsx', line: 6, column: 'Route', reason: expect.stringContaining('"Walk-in"') as string }]);
  });

  it('reads the sheet the config names, and says which sheets there are when it is not there', async () => {
    const settings = await workbookSettings();
    await expect(read('applications.xlsx', { ...settings, sheet: 'Notes' })).rejects.toThrow(/applications\.xlsx: .*DVDS Ref/);
    await expect(read('applications.xlsx', { ...settings, sheet: 'Cases' })).rejects.toThrow(
      new InputError('applications.xlsx: no sheet "Cases" (the workbook has "DVDS Cases", "Notes")'),
    );
  });

  it('is found through the config as audit reads it', async () => {
    const config = await loadConfig({ cwd: FIXTURE });
    const loaded = await loadInputs({ cwd: FIXTURE, config });
    expect(loaded.inputs.map((i) => [i.file, i.rowsAccepted, i.blankRows])).toEqual([['applications.xlsx', 4, 1]]);
  });
});

describe('a binary file given as CSV', () => {
  it.each([
    ['a workbook saved as .csv', async (dir: string) => copyFile(path.join(FIXTURE, 'applications.xlsx'), path.join(dir, 'applications.csv')), /applications\.csv is a zip file \(an Excel \.xlsx workbook\? name it \.xlsx/],
    ['a legacy .xls renamed .csv', (dir: string) => writeFile(path.join(dir, 'applications.csv'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])), /is a legacy Excel \.xls workbook .*save it as \.xlsx or CSV/],
    ['a PDF', (dir: string) => writeFile(path.join(dir, 'applications.csv'), '%PDF-1.7\n...'), /applications\.csv is a PDF document/],
  ])('%s is named for what it is (exit 2)', async (_, make, message) => {
    const dir = await tmp('binary');
    await make(dir);
    const run = await cli(['validate', '.'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  it('a .xls named in the config is refused with what to do', async () => {
    const dir = await tmpFolder({ 'cases.xls': 'whatever', 'dvds-audit.config.json': JSON.stringify({ inputs: { applications: { file: 'cases.xls' } } }) });
    const run = await cli(['validate'], { cwd: dir });
    expect([run.code, run.stderr]).toEqual([2, 'dvds-audit: cases.xls is a legacy Excel .xls workbook (or another OLE compound file): save it as .xlsx or CSV\n']);
  });

  it('init --from reads a workbook and writes a config that loads it', async () => {
    const dir = await tmp('init-xlsx');
    await copyFile(path.join(FIXTURE, 'titled.xlsx'), path.join(dir, 'report.xlsx'));
    const run = await cli(['init', '--from', 'report.xlsx'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('read report.xlsx: 5 columns, 3 rows sampled (at most 1000), workbook sheet "Report"');
    const validate = await cli(['validate', '--format', 'json'], { cwd: dir });
    expect((JSON.parse(validate.stdout) as { inputs: unknown[] }).inputs[0]).toMatchObject({ file: 'report.xlsx', rowsRead: 3, rowsRejected: 1 });
  });
});
