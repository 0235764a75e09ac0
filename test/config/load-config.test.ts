import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_FILE_NAME, loadConfig } from '../../src/config/load-config.js';
import { datePatternProblem } from '../../src/config/schema.js';
import { ConfigError } from '../../src/errors.js';
import { tmpFolder } from '../load/tmp-files.js';

const FULL = {
  $schema: './node_modules/dvds-audit/schema/dvds-audit.config.schema.json',
  inputs: {
    applications: {
      file: 'exports/dvds_cases.csv',
      encoding: 'auto',
      delimiter: 'auto',
      dateFormats: ['dd/MM/yyyy HH:mm', 'dd/MM/yyyy'],
      nullDates: ['31/12/9999'],
      columns: { application_id: 'DVDS Ref', received_at: 'Date Received' },
      values: { route: { RTA: 'right_to_ask', RTK: 'right_to_know' } },
    },
    incidents: { file: 'exports/incidents.csv' },
  },
  rules: {
    'face-to-face-late': 'off',
    'deadline-missed': { severity: 'high', options: { graceDays: 0 } },
    'no-outcome': 'critical',
  },
  plugins: ['./local-rules/my-rule.js'],
};

describe('loadConfig: discovery', () => {
  it('uses the defaults when there is no config file', async () => {
    const cwd = await tmpFolder({});
    expect(await loadConfig({ cwd })).toEqual({ sha256: null, path: null, baseDir: cwd, inputs: {}, rules: {}, plugins: [], review: null });
  });

  it('finds dvds-audit.config.json in the working folder', async () => {
    const cwd = await tmpFolder({ [CONFIG_FILE_NAME]: JSON.stringify(FULL) });
    const config = await loadConfig({ cwd });
    expect(config.path).toBe(path.join(cwd, CONFIG_FILE_NAME));
    expect(config.baseDir).toBe(cwd);
    expect(config.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(config.plugins).toEqual([path.join(cwd, 'local-rules', 'my-rule.js')]);
    expect(config.rules).toEqual(FULL.rules);
    expect(config.inputs.applications).toEqual({ ...FULL.inputs.applications, maxCellSize: 1_048_576 });
    // Defaults fill what the file leaves out.
    expect(config.inputs.incidents).toEqual({
      file: 'exports/incidents.csv',
      encoding: 'auto',
      delimiter: 'auto',
      dateFormats: [],
      nullDates: [],
      maxCellSize: 1_048_576,
      columns: {},
      values: {},
    });
  });

  it('takes --config relative to the working folder; its folder is the base for paths', async () => {
    const cwd = await tmpFolder({ 'conf/my.json': JSON.stringify({ plugins: ['../p.js'] }), [CONFIG_FILE_NAME]: '{"nope": 1}' });
    const config = await loadConfig({ cwd, configPath: 'conf/my.json' });
    expect(config.baseDir).toBe(path.join(cwd, 'conf'));
    expect(config.plugins).toEqual([path.join(cwd, 'p.js')]);
  });

  it('hashes the bytes of the file', async () => {
    const a = await loadConfig({ cwd: await tmpFolder({ [CONFIG_FILE_NAME]: '{}' }) });
    const b = await loadConfig({ cwd: await tmpFolder({ [CONFIG_FILE_NAME]: '{ }' }) });
    expect(a.sha256).toBe('44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
    expect(b.sha256).not.toBe(a.sha256);
  });

  it('accepts a BOM before the JSON', async () => {
    const config = await loadConfig({ cwd: await tmpFolder({ [CONFIG_FILE_NAME]: '\uFEFF{"plugins": []}' }) });
    expect(config.plugins).toEqual([]);
  });
});

describe('loadConfig: errors name the file and the path', () => {
  const cases: [string, unknown, string][] = [
    ['a mapped column that is not text', { inputs: { applications: { columns: { received_at: 5 } } } }, 'inputs.applications.columns.received_at: expected string, received number'],
    ['an unknown canonical field', { inputs: { applications: { columns: { recieved_at: 'Date' } } } }, 'inputs.applications.columns.recieved_at: unknown key'],
    ['an unknown table', { inputs: { cases: {} } }, 'inputs.cases: unknown key'],
    ['an unknown top-level key', { input: {} }, 'input: unknown key'],
    ['a bad encoding', { inputs: { staff: { encoding: 'latin1' } } }, 'inputs.staff.encoding: expected one of "auto", "utf-8", "windows-1252"'],
    ['a bad delimiter', { inputs: { staff: { delimiter: '|' } } }, 'inputs.staff.delimiter: expected one of "auto", ",", ";", "\\t", "tab"'],
    ['minutes for months', { inputs: { history: { dateFormats: ['dd/MM/yyyy', 'dd/mm/yyyy'] } } }, 'inputs.history.dateFormats[1]: "dd/mm/yyyy" is not a usable date-fns pattern: uses m (minutes) without an hour; for the month write MM'],
    ['a value map that is not text', { inputs: { applications: { values: { route: { RTA: 1 } } } } }, 'inputs.applications.values.route.RTA: expected string, received number'],
    ['a bad rule setting', { rules: { 'no-outcome': 'severe' } }, 'rules.no-outcome: expected one of "off", "critical", "high", "medium", "low", "info"'],
    ['a bad rule severity', { rules: { 'no-outcome': { severity: 'severe' } } }, 'rules.no-outcome.severity: expected one of "critical", "high", "medium", "low", "info"'],
    ['rule options not an object', { rules: { 'no-outcome': { options: 3 } } }, 'rules.no-outcome.options: expected record, received number'],
    ['plugins not a list', { plugins: './x.js' }, 'plugins: expected array, received string'],
    ['not an object', [], '(top level): expected object, received array'],
  ];
  it.each(cases)('%s', async (_name, json, line) => {
    const cwd = await tmpFolder({ [CONFIG_FILE_NAME]: JSON.stringify(json) });
    const error = await loadConfig({ cwd }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message.split('\n')[0]).toBe(`invalid config file ${CONFIG_FILE_NAME}:`);
    expect(message).toContain(`\n  ${line}`);
  });

  it('lists every problem, one per line', async () => {
    const cwd = await tmpFolder({ 'c.json': JSON.stringify({ inputs: { applications: { encoding: 'x', delimiter: 'y' } } }) });
    await expect(loadConfig({ cwd, configPath: 'c.json' })).rejects.toThrow(
      'invalid config file c.json:\n  inputs.applications.encoding: expected one of "auto", "utf-8", "windows-1252", "utf-16le", "utf-16be"\n  inputs.applications.delimiter: expected one of "auto", ",", ";", "\\t", "tab"',
    );
  });

  it.each([
    ['a --config file that does not exist', {}, 'missing.json', 'config file not found: missing.json'],
    ['invalid JSON', { [CONFIG_FILE_NAME]: '{ "inputs": ' }, undefined, /^config file dvds-audit\.config\.json is not valid JSON: /],
  ] as const)('%s', async (_name, files, configPath, message) => {
    const cwd = await tmpFolder(files);
    await expect(loadConfig({ cwd, ...(configPath ? { configPath } : {}) })).rejects.toThrow(message);
    await expect(loadConfig({ cwd, ...(configPath ? { configPath } : {}) })).rejects.toBeInstanceOf(ConfigError);
  });
});

describe('datePatternProblem', () => {
  it.each([
    ['dd/MM/yyyy', null],
    ['dd/MM/yyyy HH:mm', null],
    ["yyyy-MM-dd'T'HH:mmXXX", null],
    ['d MMM yyyy', null],
    ['dd/mm/yyyy', 'uses m (minutes) without an hour; for the month write MM'],
    ['DD/MM/YYYY', 'uses Y or D (week-year, day-of-year); use yyyy and dd'],
    ['dd/MM', 'needs a year (yyyy), a month (MM) and a day (dd)'],
    ['dd/MM/yyyy jj', /unescaped latin alphabet character/],
  ] as const)('%s', (pattern, expected) => {
    const problem = datePatternProblem(pattern);
    if (expected === null || typeof expected === 'string') expect(problem).toBe(expected);
    else expect(problem).toMatch(expected);
  });
});
