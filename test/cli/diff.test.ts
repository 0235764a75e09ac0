/** End to end: `dvds-audit diff` on two reports made by the built CLI. */
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli as runCli } from '../support/cli.js';
import { tempDir } from '../support/temp.js';


const cli = (args: string[], cwd: string) => runCli(args, { cwd });

let work: string;

beforeAll(async () => {
  work = await tempDir('diff');
  await cp(resolve('fixtures/audit/basic'), join(work, 'export'), { recursive: true });
  await cli(['audit', 'export', '--as-of', '2025-01-31', '--out', 'old', '--format', 'json', '--quiet'], work);
  const file = join(work, 'export', 'applications.csv');
  const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
  const edited = [
    ...lines.filter((l) => !l.startsWith('APP-009,')),
    'APP-014,right_to_ask,2024-09-02,A-014,P-014,S-014,H-3,2024-09-02,no,2024-09-06,,,,,,,',
  ];
  await writeFile(file, `${edited.join('\n')}\n`);
  await cli(['audit', 'export', '--as-of', '2025-01-31', '--out', 'new', '--format', 'json', '--quiet'], work);
});

describe('dvds-audit diff', () => {
  it('json: new, resolved and unchanged findings with counts', async () => {
    const run = await cli(['diff', 'old/report.json', 'new/report.json', '--format', 'json'], work);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout) as {
      old: { file: string; asOf: string; sha256: string };
      counts: Record<string, number>;
      findings: Record<'new' | 'resolved' | 'unchanged', { ruleId: string; applicationId?: string; status?: string }[]>;
    };
    expect(out.old).toMatchObject({ file: 'old/report.json', asOf: '2025-01-31' });
    expect(out.counts).toEqual({ new: 1, resolved: 1, unchanged: 16 });
    expect(out.findings.new.map((f) => `${f.ruleId}:${f.applicationId}`)).toEqual(['no-outcome:APP-014']);
    expect(out.findings.resolved.map((f) => `${f.ruleId}:${f.applicationId}`)).toEqual(['no-outcome:APP-009']);
    expect(out.findings.unchanged.every((f) => f.status === undefined)).toBe(true);
    expect(run.stdout.endsWith('}\n')).toBe(true);
  });

  it('table (the default): a summary line and one section per kind', async () => {
    const run = await cli(['diff', 'old/report.json', 'new/report.json'], work);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 new, 1 resolved, 16 unchanged');
    expect(run.stdout).toMatch(/New \(1\)[\s\S]*APP-014[\s\S]*Resolved \(1\)[\s\S]*APP-009[\s\S]*Unchanged \(16\)/);
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('the same report twice: nothing new or resolved', async () => {
    const run = await cli(['diff', 'new/report.json', 'new/report.json', '--format', 'json'], work);
    expect((JSON.parse(run.stdout) as { counts: unknown }).counts).toEqual({ new: 0, resolved: 0, unchanged: 17 });
  });

  it.each([
    [['diff', 'old/report.json', 'missing.json'], /report not found: missing\.json/],
    [['diff', 'old/report.json', 'export/staff.csv'], /export\/staff\.csv is not a dvds-audit report/],
    [['diff', 'old/report.json'], /missing required argument/],
  ])('exit 2: %j', async (args, message) => {
    const run = await cli(args, work);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
