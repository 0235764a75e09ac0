/** The library call, from a script's point of view. */
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '../rules/index.js';
import { audit, parseAsOf } from '../src/audit.js';
import { InputError, UsageError } from '../src/errors.js';
import { reportJson } from '../src/report/json.js';
import { todayInLondon } from '../src/time/clock.js';
import { formatDay } from '../src/time/london.js';
import { day } from './support/dataset.js';
import { validReport } from './support/report-schema.js';
import { tempDir } from './support/temp.js';

const CWD = resolve('fixtures/audit');

describe('audit()', () => {
  it('returns the Report: provenance, every rule, decisions; paths relative, no clock time', async () => {
    const progress: string[] = [];
    const report = await audit({ cwd: CWD, dir: 'basic', asOf: '2025-01-31', onProgress: (p) => progress.push(p.phase) });
    expect(report.schemaVersion).toBe(2);
    expect(report.asOf).toBe('2025-01-31');
    expect(report.inputs.map((i) => [i.table, i.file, i.rowsRead, i.rowsAccepted, i.rowsRejected])).toEqual([
      ['applications', 'applications.csv', 14, 12, 2],
      ['incidents', 'incidents.csv', 5, 5, 0],
      ['history', 'history.csv', 2, 2, 0],
      ['staff', 'staff.csv', 3, 3, 0],
      ['conduct_referrals', 'conduct_referrals.csv', 1, 1, 0],
    ]);
    for (const input of report.inputs) expect(input.sha256).toMatch(/^[0-9a-f]{64}$/);
    const ids = report.rules.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids, 'every built-in rule, run or skipped').toEqual(builtinRules.map((r) => r.id).sort());
    expect(report.referrals).toHaveLength(6);
    expect(progress).toContain('load');
    expect(progress.slice(-2)).toEqual(['rules', 'decide']);
    const text = reportJson(report);
    validReport(text);
    expect(text).not.toContain(CWD);
    expect(text).not.toMatch(/"[^"]*\/(home|tmp|work|Users)\//);
  });

  it('reports a rule skipped for a missing table, with the reason', async () => {
    const report = await audit({ cwd: CWD, dir: 'clean', asOf: '2025-01-31' });
    expect(report.rules.find((r) => r.id === 'harm-after-request')).toMatchObject({ enabled: true, skippedReason: 'needs incidents.csv (not supplied)' });
    expect(report.summary.byRule['harm-after-request']).toBe(0);
  });

  it('defaults the audit date to today in London', async () => {
    const report = await audit({ cwd: CWD, dir: 'clean' });
    expect(report.asOf).toBe(formatDay(todayInLondon()));
  });

  it('--strict makes a rejected row an InputError', async () => {
    await expect(audit({ cwd: CWD, dir: 'basic', asOf: '2025-01-31', strict: true })).rejects.toThrow(InputError);
  });

  it('checks a baseline handed in by a script', async () => {
    const bogus = { schemaVersion: 1, tool: { name: 'dvds-audit', version: '0' } } as never;
    await expect(audit({ cwd: CWD, dir: 'clean', asOf: '2025-01-31', baseline: bogus })).rejects.toThrow(/the baseline report is not a dvds-audit report/);
    const old = await audit({ cwd: CWD, dir: 'basic', asOf: '2025-01-31' });
    const again = await audit({ cwd: CWD, dir: 'basic', asOf: '2025-01-31', baseline: old });
    expect(again.summary.baseline).toEqual({ new: 0, unchanged: 17, resolved: 0 });
    expect(again.findings.every((f) => f.status === 'unchanged')).toBe(true);
  });

  it('(v2) skips no-outcome, naming the column, for an export with no decision column', async () => {
    // Closed and long open cases: with a decision column left empty each would be a no-outcome finding.
    const dir = await tempDir('no-decision-column');
    const rows = [
      'application_id,route,received_at,person_at_risk_id,subject_id,closed_at',
      'N-1,right_to_ask,2023-01-02,P-1,S-1,2023-01-20',
      'N-2,right_to_ask,2023-02-01,P-2,S-2,',
    ];
    await writeFile(join(dir, 'applications.csv'), rows.join('\n') + '\n');
    const report = await audit({ cwd: dir, dir: '.', asOf: '2025-01-31' });
    expect(report.rejectedRows).toEqual([]);
    expect(report.rules.find((r) => r.id === 'no-outcome')).toMatchObject({
      enabled: true,
      skippedReason: 'needs column decision of applications.csv (not in the export)',
    });
    expect(report.findings.filter((f) => f.ruleId === 'no-outcome')).toEqual([]);
    // The same rows with the column present but empty: the rule runs and fires on both.
    await writeFile(join(dir, 'applications.csv'), [rows[0] + ',decision', ...rows.slice(1).map((r) => r + ',')].join('\n') + '\n');
    const withColumn = await audit({ cwd: dir, dir: '.', asOf: '2025-01-31' });
    expect(withColumn.rules.find((r) => r.id === 'no-outcome')?.skippedReason).toBeUndefined();
    expect(withColumn.findings.filter((f) => f.ruleId === 'no-outcome').map((f) => f.applicationId)).toEqual(['N-1', 'N-2']);
  });
});

describe('parseAsOf', () => {
  it.each(['2025-01-31', '2024-02-29', '2023-04-05'])('accepts %s', (text) => {
    expect(parseAsOf(text)).toBe(day(text));
  });
  it.each(['2025-02-30', '2023-02-29', '2025-13-01', '2025-1-31', '31/01/2025', '2025-01-31T10:00', '', 'today'])('rejects %j', (text) => {
    expect(() => parseAsOf(text)).toThrow(UsageError);
  });
});
