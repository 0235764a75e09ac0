/**
 * init on a generated records-system export writes a config that loads that export with no
 * rejected rows.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { generateExport } from '../../src/generate/generate.js';
import { init } from '../../src/init/init.js';
import { loadInputs } from '../../src/load/index.js';
import { dayNumber } from '../../src/time/london.js';
import { tempDir } from '../support/temp.js';

describe('init', () => {
  it('writes a config that loads a foreign-layout export with no rejected rows', async () => {
    const cwd = await tempDir('init');
    await generateExport({ out: join(cwd, 'rms'), applications: 800, seed: 31, asOf: dayNumber(2025, 1, 31), layout: 'foreign' });
    const result = await init({ from: 'rms/DVDS_Cases.csv', out: 'dvds-audit.config.json', force: false, cwd });
    expect(result.sample.encoding).toBe('windows-1252');
    // (v2) The generated export has the decision-maker columns too: every field is mapped.
    expect(result.guess.unmapped.map((u) => u.field)).toEqual([]);
    const written = JSON.parse(await readFile(join(cwd, 'dvds-audit.config.json'), 'utf8')) as { inputs: { applications: Record<string, unknown> } };
    expect(written.inputs.applications['file']).toBe('rms/DVDS_Cases.csv');
    expect(written.inputs.applications['encoding']).toBe('windows-1252');

    const config = await loadConfig({ cwd, configPath: 'dvds-audit.config.json' });
    const loaded = await loadInputs({ cwd, config });
    expect(loaded.rejectedRows).toEqual([]);
    expect(loaded.inputs.find((i) => i.table === 'applications')).toMatchObject({ rowsRead: 800, rowsAccepted: 800, rowsRejected: 0 });
  });

  it('maps an Excel "Unicode Text" save (UTF-16LE with BOM, tab-separated) and the config reads it', async () => {
    const cwd = await tempDir('init');
    const text = 'DVDS Ref\tRoute\tDate Received\tPerson At Risk Ref\tSubject Ref\r\nX1\tRTA\t03/04/2024\tP1\tS1\r\nX2\tRTK\t15/04/2024\tP2\tS2\r\n';
    await writeFile(join(cwd, 'cases.txt'), Buffer.from(`\uFEFF${text}`, 'utf16le'));
    const result = await init({ from: 'cases.txt', out: 'dvds-audit.config.json', force: false, cwd });
    expect([result.sample.encoding, result.sample.delimiter, result.sample.headers[0]]).toEqual(['utf-16le', '\t', 'DVDS Ref']);
    const written = JSON.parse(await readFile(join(cwd, 'dvds-audit.config.json'), 'utf8')) as { inputs: { applications: Record<string, unknown> } };
    expect(written.inputs.applications['encoding']).toBe('utf-16le');
    const loaded = await loadInputs({ cwd, config: await loadConfig({ cwd, configPath: 'dvds-audit.config.json' }) });
    expect(loaded.rejectedRows).toEqual([]);
    expect(loaded.dataset.applications.map((a) => a.application_id)).toEqual(['X1', 'X2']);
  });

  it('lists the sampled dates no format reads (never a date of birth), and the value profile of the file as mapped', async () => {
    const cwd = await tempDir('init');
    await writeFile(join(cwd, 'cases.csv'), 'Ref;Type;Opened;Victim;Suspect;Closed\nX1;RtA;03/04/2024;V1;S1;31/12/9999\nX2;RtK;15/04/2024;V2;S2;\nX3;RtA;16/04/2024;V3;S3;\n');
    const result = await init({ from: 'cases.csv', out: 'dvds-audit.config.json', force: false, cwd });
    expect(result.unreadDates).toEqual([{ field: 'closed_at', header: 'Closed', count: 1, examples: ['31/12/9999'] }]);
    expect(result.profile.find((p) => p.field === 'route')!.values).toEqual([
      { raw: 'RtA', count: 2, read: 'right_to_ask' },
      { raw: 'RtK', count: 1, read: 'right_to_know' },
    ]);
    await writeFile(join(cwd, 'people.csv'), 'person_id,surname,forenames,date_of_birth\nS1,Harwood,Jon,1984-07-12\nS2,Mercer,Al,1979-02-14\nS3,Quill,Bo,30/02/1980\n');
    const persons = await init({ from: 'people.csv', out: 'p.json', force: false, cwd, table: 'persons' });
    expect(persons.unreadDates).toEqual([{ field: 'date_of_birth', header: 'date_of_birth', count: 1, examples: [] }]);
    expect(persons.profile).toEqual([]);
  });

  it('writes the file path relative to where the config goes', async () => {
    const cwd = await tempDir('init');
    await writeFile(join(cwd, 'cases.csv'), 'application_id,route,received_at,person_at_risk_id,subject_id\nA1,right_to_ask,2024-01-02,P1,S1\n');
    const { config } = await init({ from: 'cases.csv', out: 'conf/dvds.json', force: false, cwd });
    expect((config as { inputs: { applications: { file: string } } }).inputs.applications.file).toBe('../cases.csv');
  });

  it('refuses to overwrite a config without force, and overwrites with it', async () => {
    const cwd = await tempDir('init');
    await writeFile(join(cwd, 'cases.csv'), 'Ref,Route\nA1,RTA\n');
    await writeFile(join(cwd, 'dvds-audit.config.json'), '{"mine": true}\n');
    await expect(init({ from: 'cases.csv', out: 'dvds-audit.config.json', force: false, cwd })).rejects.toThrow(/exists already; give --force/);
    expect(await readFile(join(cwd, 'dvds-audit.config.json'), 'utf8')).toBe('{"mine": true}\n');
    await init({ from: 'cases.csv', out: 'dvds-audit.config.json', force: true, cwd, table: 'applications' });
    expect(await readFile(join(cwd, 'dvds-audit.config.json'), 'utf8')).toContain('"application_id": "Ref"');
  });
});
