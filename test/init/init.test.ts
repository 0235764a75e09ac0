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
