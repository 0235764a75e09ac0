/**
 * End to end: `dvds-audit generate` through the built CLI (`npm run build` first).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli as runCli } from '../support/cli.js';
import { tempDir } from '../support/temp.js';
import { validReport } from '../support/report-schema.js';


const cli = (args: string[], cwd: string) => runCli(args, { cwd });

const tmp = (): Promise<string> => tempDir('gen-cli');

describe('dvds-audit generate', () => {
  it('writes the five tables and the ground truth, and the audit of them finds what was planted', async () => {
    const cwd = await tmp();
    const gen = await cli(['generate', '--out', 'export', '--applications', '300', '--seed', '5'], cwd);
    expect(gen.stderr).toBe('');
    expect(gen.code).toBe(0);
    expect(gen.stdout).toMatch(/^generated canonical export in export \(seed 5, as of 2025-01-31\)$/m);
    expect(gen.stdout).toMatch(/^ {2}applications\.csv +300 rows$/m);
    expect(gen.stdout).toMatch(/^ {4}harm-after-request +\d+$/m);

    const truth = JSON.parse(await readFile(join(cwd, 'export', 'ground-truth.json'), 'utf8')) as {
      rules: Record<string, { findings: number }>;
    };
    const run = await cli(['audit', 'export', '--as-of', '2025-01-31', '--format', 'json', '--fail-on', 'none'], cwd);
    expect(run.code).toBe(0);
    const report = validReport(run.stdout);
    expect(report.rejectedRows).toEqual([]);
    for (const [rule, t] of Object.entries(truth.rules)) {
      expect(report.findings.filter((f) => f.ruleId === rule).length, rule).toBe(t.findings);
    }
  });

  it('writes a foreign layout and its config, which audits with no rejected rows', async () => {
    const cwd = await tmp();
    const gen = await cli(['generate', '--out', 'rms', '--applications', '200', '--layout', 'foreign'], cwd);
    expect(gen.code).toBe(0);
    expect(gen.stdout).toMatch(/DVDS_Cases\.csv +200 rows/);
    expect(gen.stdout).toContain('--config rms/dvds-audit.config.json');
    const run = await cli(['audit', 'rms', '--config', 'rms/dvds-audit.config.json', '--as-of', '2025-01-31', '--format', 'json', '--fail-on', 'none'], cwd);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { rejectedRows: unknown[] }).rejectedRows).toEqual([]);
  });

  it.each([
    [['--applications', '0'], /--applications: expected a whole number/],
    [['--applications', 'many'], /--applications: expected a whole number/],
    [['--seed', '-1'], /--seed: expected a whole number/],
    [['--as-of', '31/01/2025'], /--as-of: expected a date YYYY-MM-DD/],
    [['--as-of', '2013-01-01'], /--as-of: expected a date from 2014-09-03/],
    [['--layout', 'excel'], /--layout: expected one of canonical, foreign/],
  ])('refuses %j with exit 2 and one line', async (flags, message) => {
    const cwd = await tmp();
    const r = await cli(['generate', '--out', 'x', ...flags], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('needs --out', async () => {
    const r = await cli(['generate'], await tmp());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out/);
  });

  it('will not write into a folder holding other files (a real export would be overwritten)', async () => {
    const cwd = await tmp();
    await writeFile(join(cwd, 'applications.csv'), 'real data\n');
    const r = await cli(['generate', '--out', '.', '--applications', '10'], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/holds other files/);
    expect(await readFile(join(cwd, 'applications.csv'), 'utf8')).toBe('real data\n');
  });

  it('writes again over an export it generated earlier', async () => {
    const cwd = await tmp();
    expect((await cli(['generate', '--out', 'g', '--applications', '10'], cwd)).code).toBe(0);
    expect((await cli(['generate', '--out', 'g', '--applications', '12'], cwd)).code).toBe(0);
  });
});
