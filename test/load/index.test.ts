import { describe, expect, it } from 'vitest';
import { defaultConfig, loadConfig } from '../../src/config/load-config.js';
import { InputError } from '../../src/errors.js';
import { assertStrict, loadInputs, reportPath } from '../../src/load/index.js';
import { tmpFolder } from './tmp-files.js';

const APPS = 'application_id,route,received_at,person_at_risk_id,subject_id,handler_id\n';

describe('loadInputs', () => {
  it('reads the canonical files of a folder into an indexed Dataset; absent optional tables are null', async () => {
    const dir = await tmpFolder({
      'applications.csv': `${APPS}A1,right_to_ask,2023-01-01,P1,S1,H1\nA2,right_to_ask,2023-01-02,P1,S2,H1\nA3,bad,2023-01-02,P1,S2,H1\n`,
      'incidents.csv': 'incident_id,occurred_at,victim_id,suspect_id,harm\nI1,2023-02-01,P1,S1,injury\nI2,2023-02-01,P1,S1,x\n',
      'conduct_referrals.csv': 'referral_id,staff_id,referred_at,body,outcome\n',
    });
    const progress: [string, number][] = [];
    const result = await loadInputs({ cwd: dir, config: defaultConfig(dir), onProgress: (t, n) => progress.push([t, n]) });
    const { dataset } = result;
    expect(dataset.applications.map((a) => a.application_id)).toEqual(['A1', 'A2']);
    expect(dataset.application('A2')?.subject_id).toBe('S2');
    expect(dataset.applicationsByPersonAtRisk('P1')).toHaveLength(2);
    expect(dataset.applicationsByHandler('H1')).toHaveLength(2);
    expect(dataset.incidentsByPair('P1', 'S1').map((i) => i.incident_id)).toEqual(['I1']);
    expect(dataset.has('incidents')).toBe(true);
    expect(dataset.has('history')).toBe(false);
    expect(dataset.history).toBeNull();
    expect(dataset.staff).toBeNull();
    expect(dataset.conductReferrals).toEqual([]);
    expect(result.inputs.map((i) => [i.table, i.file, i.rowsRead, i.rowsAccepted, i.rowsRejected])).toEqual([
      ['applications', 'applications.csv', 3, 2, 1],
      ['incidents', 'incidents.csv', 2, 1, 1],
      ['conduct_referrals', 'conduct_referrals.csv', 0, 0, 0],
    ]);
    expect(result.rejectedRows.map((r) => [r.table, r.line])).toEqual([['applications', 4], ['incidents', 3]]);
    expect(progress).toEqual([['applications', 3], ['incidents', 2], ['conduct_referrals', 0]]);
    for (const input of result.inputs) expect(input.rowsRead).toBe(input.rowsAccepted + input.rowsRejected);
  });

  // (v2, issue 14) The folder on the command line is the folder audited: the config's relative
  // paths resolve against it when it is given, else against the config file's folder.
  describe('which files are read', () => {
    const CASES = 'Ref,route,received_at,person_at_risk_id,subject_id\nA1,right_to_ask,2023-01-01,P,S\n';
    const layout = {
      'dvds-audit.config.json': JSON.stringify({ inputs: { applications: { file: 'exports/cases.csv', columns: { application_id: 'Ref' } }, staff: { columns: { staff_id: 'Officer' } } } }),
      'exports/cases.csv': CASES,
      'conf/dvds-audit.config.json': JSON.stringify({ inputs: { applications: { file: 'exports/cases.csv', columns: { application_id: 'Ref' } }, staff: { columns: { staff_id: 'Officer' } } } }),
      'conf/exports/cases.csv': CASES.replace('A1', 'C1'),
      'other/exports/cases.csv': CASES.replace('A1', 'O1'),
      'other/staff.csv': 'Officer,role\nH1,officer\n',
      'staff.csv': 'Officer,role\nH2,officer\n',
    };
    it.each<[string, string | undefined, string | undefined, string, string | null]>([
      ['a discovered config, no DIR: its own folder', undefined, undefined, 'A1', 'H2'],
      ['a discovered config, DIR given: DIR', undefined, 'other', 'O1', 'H1'],
      ['--config elsewhere, no DIR: the config folder (unnamed tables: the working folder)', 'conf/dvds-audit.config.json', undefined, 'C1', 'H2'],
      ['--config elsewhere, DIR given: DIR', 'conf/dvds-audit.config.json', 'other', 'O1', 'H1'],
    ])('%s', async (_, configPath, dir, applicationId, staffId) => {
      const root = await tmpFolder(layout);
      const config = await loadConfig({ cwd: root, ...(configPath === undefined ? {} : { configPath }) });
      const result = await loadInputs({ cwd: root, ...(dir === undefined ? {} : { dir }), config });
      expect(result.dataset.applications.map((a) => a.application_id)).toEqual([applicationId]);
      expect(result.dataset.staff?.map((s) => s.staff_id) ?? null).toEqual([staffId]);
      expect(result.inputs.map((i) => i.file)).toEqual(['exports/cases.csv', 'staff.csv']);
      expect(JSON.stringify(result.inputs)).not.toContain(root);
    });

    it.each([
      ['a folder that does not exist', 'nowhere', 'folder not found: nowhere'],
      ['a file given as the folder', 'staff.csv', 'staff.csv is not a folder (give the folder holding applications.csv)'],
    ])('%s is an InputError', async (_, dir, message) => {
      const root = await tmpFolder(layout);
      const error = await loadInputs({ cwd: root, dir, config: defaultConfig(root) }).catch((e: unknown) => e);
      expect(error).toEqual(new InputError(message));
    });
  });

  it.each([
    ['no applications file', {}, {}, /^applications file not found: .*applications\.csv \(the applications table is required\)$/],
    ['a config file naming a missing file', { 'applications.csv': APPS }, { incidents: { file: 'inc.csv' } }, /^incidents file named in the config not found: .*inc\.csv$/],
    ['a folder where a file should be', { 'applications.csv/x': '' }, {}, /applications\.csv is not a file \(applications table\)$/],
  ])('%s is an InputError', async (_name, files, inputs, message) => {
    const dir = await tmpFolder(files);
    const config = { ...defaultConfig(dir), inputs: inputs as never };
    const error = await loadInputs({ cwd: dir, config }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(message);
  });

  it('takes DIR and the paths in its messages from the working folder it is given, not from the process', async () => {
    const root = await tmpFolder({ 'data/applications.csv': `${APPS}A1,right_to_ask,2023-01-01,P,S,\n` });
    const found = await loadInputs({ cwd: root, dir: 'data', config: defaultConfig(root) });
    expect(found.inputs.map((i) => [i.table, i.rowsRead])).toEqual([['applications', 1]]);
    const error = await loadInputs({ cwd: root, dir: 'elsewhere', config: defaultConfig(root) }).catch((e: unknown) => e);
    expect(error).toEqual(new InputError('folder not found: elsewhere'));
    const empty = await tmpFolder({ 'data/applications.csv': APPS, 'empty/x.txt': '' });
    const missing = await loadInputs({ cwd: empty, dir: 'empty', config: defaultConfig(empty) }).catch((e: unknown) => e);
    expect(missing).toEqual(new InputError('applications file not found: empty/applications.csv (the applications table is required)'));
  });

  it('lists the first 10,000 rejected rows of a table in full and counts the rest exactly', async () => {
    const bad = Array.from({ length: 10_005 }, (_, i) => `B${i},walk_in,2023-01-01,P,S,`).join('\n');
    const dir = await tmpFolder({ 'applications.csv': `${APPS}A1,right_to_ask,2023-01-01,P,S,\n${bad}\n` });
    const result = await loadInputs({ cwd: dir, config: defaultConfig(dir) });
    expect(result.inputs[0]).toMatchObject({ rowsRead: 10_006, rowsAccepted: 1, rowsRejected: 10_005 });
    expect(result.rejectedRows).toHaveLength(10_000);
    expect(result.rejectedRows.at(-1)!.line).toBe(10_002);
    expect(() => assertStrict(result)).toThrow(new InputError('10005 rows rejected; --strict makes any rejected row an error'));
  });

  it('assertStrict throws when any row was rejected, and only then', async () => {
    const clean = await tmpFolder({ 'applications.csv': `${APPS}A1,right_to_ask,2023-01-01,P,S,\n` });
    expect(() => assertStrict({ inputs: [] })).not.toThrow();
    const ok = await loadInputs({ cwd: clean, config: defaultConfig(clean) });
    expect(() => assertStrict(ok)).not.toThrow();
    const dirty = await tmpFolder({ 'applications.csv': `${APPS}A1,x,2023-01-01,P,S,\nA2,y,2023-01-01,P,S,\n` });
    const bad = await loadInputs({ cwd: dirty, config: defaultConfig(dirty) });
    expect(() => assertStrict(bad)).toThrow(new InputError('2 rows rejected; --strict makes any rejected row an error'));
  });
});

describe('reportPath', () => {
  it.each([
    ['/a/b', '/a/b/c.csv', 'c.csv'],
    ['/a/b', '/a/b/x/c.csv', 'x/c.csv'],
    ['/a/b', '/a/c.csv', '../c.csv'],
  ])('%s + %s = %s', (base, file, expected) => {
    expect(reportPath(base, file)).toBe(expected);
  });
});
