/**
 * End to end: `dvds-audit init` through the built CLI (`npm run build` first).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli as runCli } from '../support/cli.js';
import { tempDir } from '../support/temp.js';


const cli = (args: string[], cwd: string) => runCli(args, { cwd });

describe('dvds-audit init', () => {
  it('(v2) recognises a persons export, maps it, and prints no name or date of birth from it', async () => {
    const cwd = await tempDir('init-cli');
    await writeFile(join(cwd, 'Nominals.csv'), 'Nominal Ref,Surname,Forenames,DOB,PNC ID\nN1,Quarrendon,Theodora,14/07/1979,79/1234Z\nN2,Abernethy,Lucasta,23/11/1990,\n');
    const r = await cli(['init', '--from', 'Nominals.csv'], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^recognised as the persons table/m);
    expect(r.stdout).toMatch(/^ {2}date_of_birth +<- "DOB"$/m);
    for (const value of ['Quarrendon', 'Theodora', '14/07/1979', 'Abernethy', 'Lucasta', '23/11/1990', '79/1234Z']) {
      expect(r.stdout + r.stderr).not.toContain(value);
    }
    const config = JSON.parse(await readFile(join(cwd, 'dvds-audit.config.json'), 'utf8')) as { inputs: Record<string, { columns: Record<string, string> }> };
    expect(Object.keys(config.inputs)).toEqual(['persons']);
    expect(config.inputs['persons']!.columns['surname']).toBe('Surname');
    const forced = await cli(['init', '--from', 'Nominals.csv', '--table', 'history', '--out', 'other.json'], cwd);
    expect(forced.stdout).toMatch(/^read as the history table$/m);
  });

  it('guesses a config from a records-system export that validate then loads with no rejected rows', async () => {
    const cwd = await tempDir('init-cli');
    expect((await cli(['generate', '--out', 'rms', '--applications', '600', '--layout', 'foreign', '--seed', '3'], cwd)).code).toBe(0);
    const r = await cli(['init', '--from', 'rms/DVDS_Cases.csv'], cwd);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^read rms\/DVDS_Cases\.csv: 20 columns, 600 rows sampled \(at most 1000\), windows-1252, delimiter ","$/m);
    expect(r.stdout).toMatch(/^recognised as the applications table \(give --table to choose another\)$/m);
    expect(r.stdout).toMatch(/^mapped 20 of 20 applications fields:$/m);
    expect(r.stdout).toMatch(/^ {2}received_at +<- "Date Received"$/m);
    expect(r.stdout).toMatch(/^values of route: RTA -> right_to_ask, RTK -> right_to_know$/m);
    expect(r.stdout).toMatch(/^wrote dvds-audit\.config\.json; check it with: dvds-audit validate --config dvds-audit\.config\.json$/m);
    const v = await cli(['validate', '--config', 'dvds-audit.config.json', '--format', 'json'], cwd);
    expect(v.code).toBe(0);
    const out = JSON.parse(v.stdout) as { inputs: { table: string; rowsRejected: number; rowsAccepted: number }[]; rejectedRows: unknown[] };
    expect(out.rejectedRows).toEqual([]);
    expect(out.inputs.find((i) => i.table === 'applications')?.rowsAccepted).toBe(600);
  });

  it('prints a TODO for each field it could not map, required ones marked', async () => {
    const cwd = await tempDir('init-cli');
    await writeFile(join(cwd, 'x.csv'), 'Ref;Type;Opened\nA1;RtA;03/04/2024\n');
    const r = await cli(['init', '--from', 'x.csv', '--out', 'x.json'], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^TODO: no column found for these fields/m);
    expect(r.stdout).toMatch(/^ {2}subject_id \(required: the export will not load without it\)$/m);
    expect(r.stdout).toMatch(/^check: dates: dd\/MM or MM\/dd is ambiguous/m);
    expect(JSON.parse(await readFile(join(cwd, 'x.json'), 'utf8'))).toMatchObject({ inputs: { applications: { delimiter: ';' } } });
  });

  it('exits 2 rather than overwrite an existing config, and for a missing export', async () => {
    const cwd = await tempDir('init-cli');
    await writeFile(join(cwd, 'x.csv'), 'Ref\nA1\n');
    await writeFile(join(cwd, 'dvds-audit.config.json'), '{}\n');
    const r = await cli(['init', '--from', 'x.csv'], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/dvds-audit\.config\.json exists already; give --force/);
    const missing = await cli(['init', '--from', 'nope.csv', '--out', 'n.json'], cwd);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^dvds-audit: cannot read nope\.csv \(no such file\)$/m);
  });
});
