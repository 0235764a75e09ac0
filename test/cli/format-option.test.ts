/** Every command's `--format` refuses a name it does not know in the same words (commander's `choices`), before reading a file. */
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const REPORT_FORMATS = 'table, json, csv, md, html, junit';

describe('--format', () => {
  it.each([
    [['rules', '--format', 'xml'], `option '--format <format>' argument 'xml' is invalid. Allowed choices are table, json, md.`],
    [['validate', '--format', 'xml'], `option '--format <format>' argument 'xml' is invalid. Allowed choices are table, json.`],
    [['diff', 'old.json', 'new.json', '--format', 'md'], `option '--format <format>' argument 'md' is invalid. Allowed choices are table, json.`],
    [['diff', 'old.json', 'new.json', '--format', 'JSON'], `option '--format <format>' argument 'JSON' is invalid. Allowed choices are table, json.`],
    [['audit', 'no-export', '--format', 'xml'], `option '--format <list>' argument 'xml' is invalid. "xml" is not a format. Allowed choices are ${REPORT_FORMATS}.`],
    [['audit', 'no-export', '--format', 'json, xml'], `option '--format <list>' argument 'json, xml' is invalid. "xml" is not a format. Allowed choices are ${REPORT_FORMATS}.`],
    [['audit', 'no-export', '--format', ','], `option '--format <list>' argument ',' is invalid. no format named. Allowed choices are ${REPORT_FORMATS}.`],
  ])('%j: exit 2, the allowed names, nothing read', async (args, message) => {
    const run = await cli(args);
    expect(run).toEqual({ code: 2, stdout: '', stderr: `error: ${message}\n(run with --help for usage)\n` });
  });

  it.each([
    [['rules', '--format', 'md'], /^# Rules/],
    [['audit', 'no-export', '--format', 'json,json'], /folder not found: no-export/],
  ])('%j: a known name passes', async (args, output) => {
    const run = await cli(args);
    expect(`${run.stdout}${run.stderr}`).toMatch(output);
  });
});

describe('--version and --help', () => {
  it.each(['--version', '-V'])('%s prints the version alone', async (flag) => {
    const { TOOL_VERSION } = await import('../../src/version.js');
    expect(await cli([flag])).toEqual({ code: 0, stdout: `${TOOL_VERSION}\n`, stderr: '' });
  });

  it('--help still lists every command', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['validate', 'audit', 'rules', 'diff', 'generate', 'anonymise', 'init']) expect(run.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
  });
});
