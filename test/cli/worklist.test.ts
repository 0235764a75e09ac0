/**
 * End to end (v2), the monthly loop of BRIEF section 6b on the bundled sample: audit, the team
 * fills the worklist in Excel and saves it (Windows-1252, `;`, CRLF), the next month's audit reads
 * it back. What the team typed returns exactly; their conclusions and referrals change the report.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { cli, tmp } from '../support/cli.js';
import { csvRows } from '../support/csv.js';
import { validReport } from '../support/report-schema.js';

const SAMPLE = resolve('fixtures/sample');

type Row = Record<string, string>;

async function worklistRows(file: string): Promise<{ header: string[]; rows: Row[] }> {
  const text = await readFile(file, 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const records = csvRows(text.slice(1));
  const header = records[0]!;
  return { header, rows: records.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))) };
}

/** What Excel writes on "Save as CSV" on a UK PC: Windows-1252, `;` in many locales, CRLF, no BOM. */
function excelSave(header: readonly string[], rows: readonly Row[]): Buffer {
  const cell = (v: string): string => (/[";\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const lines = [header, ...rows.map((r) => header.map((h) => r[h] ?? ''))].map((cells) => cells.map(cell).join(';'));
  return iconv.encode(`${lines.join('\r\n')}\r\n`, 'windows-1252');
}

async function auditTo(cwd: string, dir: string, asOf: string, out: string, extra: string[] = []): Promise<{ code: number; report: Report; stderr: string }> {
  const run = await cli(['audit', dir, '--as-of', asOf, '--out', out, '--quiet', ...extra], { cwd });
  return { code: run.code, stderr: run.stderr, report: validReport(await readFile(join(cwd, out, 'report.json'), 'utf8')) };
}

describe('the review worklist, month to month', () => {
  let cwd: string;
  let first: Report;
  let header: string[];
  let rows: Row[];

  beforeAll(async () => {
    cwd = await tmp('worklist');
    await cp(SAMPLE, join(cwd, 'export'), { recursive: true });
    first = (await auditTo(cwd, 'export', '2025-01-31', 'january', ['--fail-on', 'none'])).report;
    ({ header, rows } = await worklistRows(join(cwd, 'january', 'worklist.csv')));
  });

  it('lists every application and the staff with findings, in the order of section 6b', () => {
    expect(header.slice(0, 9)).toEqual(['kind', 'id', 'order', 'received', 'suggested', 'findings', 'referral', 'safeguarding', 'first_seen']);
    expect(rows.filter((r) => r['kind'] === 'application')).toHaveLength(first.summary.applications);
    expect(rows.map((r) => Number(r['order']))).toEqual(rows.map((_, i) => i + 1));
    // Safeguarding entries first, by priority, then the referrals.
    const safeguarding = rows.slice(0, first.safeguarding.length);
    expect(safeguarding.map((r) => r['id'])).toEqual(first.safeguarding.map((s) => s.applicationId));
    expect(safeguarding.map((r) => r['safeguarding'])).toEqual(first.safeguarding.map((s) => String(s.priority)));
    const source = rows.find((r) => r['id'] === 'DV00000255')!;
    expect(source['referral']).toBe('mandatory/dsi-and-conduct');
    expect(source['suggested']).toBe('harm');
    const staff = rows.filter((r) => r['kind'] === 'staff').map((r) => r['id']);
    expect(staff).toEqual([...new Set([...first.findings.filter((f) => f.applicationId === undefined).map((f) => f.staffId), ...first.referrals.filter((r) => r.kind === 'staff').map((r) => r.id)])].sort());
  });

  it('reads back what the team typed, and their conclusions and referrals change the next report', async () => {
    const critical = [...new Set(first.findings.filter((f) => f.severity === 'critical').map((f) => f.applicationId!))];
    const referral = first.referrals.find((r) => r.kind === 'application' && r.basis === 'mandatory' && r.id !== 'DV00000255')!;
    const text = {
      reason: 'Checked with PND — “see note”;\nsecond line, =not a formula',
      reviewer: 'Zoë Ó Briain',
    };
    const filled = rows.map((r): Row => {
      if (r['id'] === 'DV00000255') return { ...r, reviewer: text.reviewer, reviewed_at: '03/02/2025', conclusion: 'harm', referred_at: '03/02/2025', iopc_reference: '2025/123', reason: text.reason };
      if (r['id'] === referral.id) return { ...r, reviewer: 'Ann', reviewed_at: '2025-02-03', conclusion: 'no_failure', reason: 'disagree' };
      if (critical.includes(r['id']!)) return { ...r, reviewer: 'Ann', reviewed_at: '2025-02-03', conclusion: 'no_failure' };
      if (r['suggested'] === 'service' && r['safeguarding'] !== '') return { ...r, reviewer: 'Bo', reviewed_at: '2025-02-03', conclusion: 'service' };
      if (r['suggested'] === 'administrative') return { ...r, reviewer: 'Bo', reviewed_at: '2025-02-04', conclusion: 'administrative' };
      if (r['id'] === 'DV00000001') return { ...r, conclusion: 'no_failure', reason: 'no reviewer yet' };
      return r;
    });
    // An application that has left the next export keeps its row.
    const gone = filled.find((r) => r['suggested'] === 'administrative' && r['safeguarding'] === '' && r['referral'] === '')!;
    await writeFile(join(cwd, 'january', 'worklist-saved.csv'), excelSave(header, filled));
    const apps = (await readFile(join(cwd, 'export', 'applications.csv'), 'utf8')).split('\n');
    await writeFile(join(cwd, 'export', 'applications.csv'), apps.filter((l) => !l.startsWith(`${gone['id']!},`)).join('\n'));

    const next = await auditTo(cwd, 'export', '2025-02-04', 'february', ['--review', 'january/worklist-saved.csv', '--baseline', 'january/report.json', '--fail-on', 'critical']);
    const report = next.report;

    // What the team typed comes back exactly, in the application's slot and at the end.
    const again = await worklistRows(join(cwd, 'february', 'worklist.csv'));
    const source = again.rows.find((r) => r['id'] === 'DV00000255')!;
    expect([source['reviewer'], source['reviewed_at'], source['conclusion'], source['referred_at'], source['iopc_reference'], source['reason']]).toEqual([
      text.reviewer, '03/02/2025', 'harm', '03/02/2025', '2025/123', text.reason,
    ]);
    const last = again.rows.at(-1)!;
    expect([last['id'], last['order'], last['conclusion'], last['reviewer']]).toEqual([gone['id'], '', 'administrative', 'Bo']);
    // The rejected row (a conclusion without reviewer) is listed with its line, and carried.
    // Its physical line: the header, the rows before it, and the line breaks inside their cells.
    const before = filled.slice(0, filled.findIndex((r) => r['id'] === 'DV00000001'));
    const rejectedLine = 2 + before.length + before.reduce((n, r) => n + Object.values(r).join('').split('\n').length - 1, 0);
    expect(report.rejectedRows.filter((r) => r.table === 'worklist')).toEqual([
      { table: 'worklist', file: 'january/worklist-saved.csv', line: rejectedLine, column: 'reviewer', reason: 'a conclusion needs both reviewer and reviewed_at' },
    ]);
    expect(again.rows.find((r) => r['id'] === 'DV00000001')!['reason']).toBe('no reviewer yet');
    expect(JSON.stringify(report)).not.toContain('no reviewer yet');
    expect(JSON.stringify(report)).not.toContain('see note');

    // A referral recorded as made is referred; the others, now past their refer-by date, are overdue.
    const made = report.referrals.find((r) => r.id === 'DV00000255')!;
    expect([made.status, made.referredAt, made.iopcReference]).toEqual(['referred', '2025-02-03', '2025/123']);
    const stillDue = report.referrals.filter((r) => r.id !== 'DV00000255' && r.basis !== 'assess' && r.referBy === '2025-02-03');
    expect(stillDue.length).toBeGreaterThan(0);
    expect(stillDue.map((r) => r.status)).toEqual(stillDue.map(() => 'overdue'));
    // A no_failure conclusion never removes a referral: it stays, and counts as a disagreement.
    expect(report.referrals.find((r) => r.id === referral.id)!.status).toBe('overdue');

    // Dismissed findings stay in the report, leave the safeguarding list and do not fail the run.
    const dismissed = report.findings.filter((f) => f.dismissed === true);
    expect(new Set(dismissed.map((f) => f.applicationId))).toEqual(new Set([referral.id, ...critical.filter((id) => id !== 'DV00000255')]));
    expect(report.summary.dismissed).toBe(dismissed.length);
    for (const id of critical.filter((c) => c !== 'DV00000255')) expect(report.safeguarding.some((s) => s.applicationId === id)).toBe(false);
    const criticalLeft = report.findings.filter((f) => f.severity === 'critical' && f.dismissed !== true && f.status === 'new');
    expect(criticalLeft).toEqual([]);
    expect(next.code).toBe(0);
    // Without the baseline every critical finding would fail the run, unless the review dismissed it.
    const allDismissed = filled.map((r) => (critical.includes(r['id']!) ? { ...r, reviewer: 'Ann', reviewed_at: '2025-02-03', conclusion: 'no_failure', referred_at: '', iopc_reference: '' } : r));
    await writeFile(join(cwd, 'january', 'all-dismissed.csv'), excelSave(header, allDismissed));
    const gate = (extra: string[]): Promise<number> =>
      cli(['audit', SAMPLE, '--as-of', '2025-02-04', '--fail-on', 'critical', '--quiet', ...extra], { cwd }).then((r) => r.code);
    expect(await gate([])).toBe(1);
    expect(await gate(['--review', 'january/all-dismissed.csv'])).toBe(0);

    // The statement's numbers are the worklist file's own counts.
    const mine = again.rows.filter((r) => r['kind'] === 'application' && r['order'] !== '');
    const accepted = (r: Row): boolean => r['conclusion'] !== '' && r['reviewer'] !== '' && r['reviewed_at'] !== '';
    const concluded = mine.filter(accepted);
    const agrees = (r: Row): boolean => r['conclusion'] === r['suggested'] || (r['conclusion'] === 'no_failure' && r['suggested'] === 'none');
    const referrable = (r: Row): boolean => /^(mandatory|voluntary)\//.test(r['referral']!);
    expect(report.worklist).toMatchObject({
      screened: mine.length,
      reviewed: concluded.length,
      concluded: Object.fromEntries(['no_failure', 'harm', 'service', 'administrative'].map((c) => [c, concluded.filter((r) => r['conclusion'] === c).length])),
      awaiting: mine.filter((r) => r['suggested'] !== 'none' && !accepted(r)).length,
      disagreements: concluded.filter((r) => !agrees(r) || (r['conclusion'] === 'no_failure' && referrable(r))).length,
      missingFromExport: again.rows.filter((r) => r['order'] === '').length,
      rows: { file: 'january/worklist-saved.csv', read: rows.length, accepted: rows.length - 1, rejected: 1 },
    });
    expect(report.worklist.referrals.made).toBe(1);
    expect(report.worklist.disagreements).toBeGreaterThan(0);
  });

  it('warns that without --baseline every finding is new, so referrals made look due again', async () => {
    const run = await cli(['audit', SAMPLE, '--as-of', '2025-02-04', '--review', 'january/worklist-saved.csv', '--fail-on', 'none'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('--review without --baseline');
  });

  it('a worklist that is not one is an error the analyst can act on (exit 2, no stack)', async () => {
    await writeFile(join(cwd, 'not-a-worklist.csv'), 'application_id,route\r\nX,right_to_ask\r\n');
    const run = await cli(['audit', 'export', '--as-of', '2025-01-31', '--review', 'not-a-worklist.csv', '--quiet'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not-a-worklist\.csv:1: no "kind" column/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const strict = await cli(['audit', SAMPLE, '--as-of', '2025-02-04', '--review', 'january/worklist-saved.csv', '--strict', '--quiet'], { cwd });
    expect(strict.code).toBe(2);
    expect(strict.stderr).toMatch(/1 worklist row rejected; --strict/);
  });
});
