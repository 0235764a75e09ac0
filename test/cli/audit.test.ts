/**
 * End to end: the built CLI (`npm run build` first; `npm test` does it) on the small
 * export in fixtures/audit/basic, designed so every referral path and safeguarding rank shows.
 */
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { parseXml } from '../report/xml-check.js';
import { cli, type Run, tmp as tmpIn } from '../support/cli.js';
import { withoutCodeSpans } from '../support/markdown.js';
import { validReport } from '../support/report-schema.js';

const BASIC = resolve('fixtures/audit/basic');
const CLEAN = resolve('fixtures/audit/clean');
const HOSTILE = resolve('fixtures/audit/hostile');
const AS_OF = ['--as-of', '2025-01-31'];

const tmp = (): Promise<string> => tmpIn('audit');

async function jsonAudit(dir: string, extra: string[] = []): Promise<{ run: Run; report: Report }> {
  const run = await cli(['audit', dir, ...AS_OF, '--format', 'json', '--quiet', ...extra]);
  expect(run.stderr).toBe('');
  return { run, report: validReport(run.stdout) };
}

/** A copy of a fixture folder whose tables can be edited. */
async function copyOf(dir: string): Promise<string> {
  const to = join(await tmp(), 'export');
  await cp(dir, to, { recursive: true });
  return to;
}

async function editRows(file: string, edit: (rows: string[]) => string[]): Promise<void> {
  const [header, ...rows] = (await readFile(file, 'utf8')).trimEnd().split('\n');
  await writeFile(file, `${[header, ...edit(rows)].join('\n')}\n`);
}

describe('dvds-audit audit: decisions in the JSON', () => {
  it('refers, safeguards and reviews as section 6 says', async () => {
    const { run, report } = await jsonAudit(BASIC);
    expect(run.code).toBe(1);
    expect(report.schemaVersion).toBe(2);
    expect(report.asOf).toBe('2025-01-31');
    expect(report.tool.name).toBe('dvds-audit');
    expect(report.config).toEqual({ sha256: null });

    // v2: APP-001's death followed a correctly handled case: a DSI matter to record and assess, not a conduct referral.
    expect(report.referrals.map((r) => [r.kind, r.id, r.basis, r.routes.join('+'), r.grounds.join('+'), r.applicationIds.join('+')])).toEqual([
      ['application', 'APP-002', 'voluntary', 'conduct-gravity', 'harm-after-request+no-outcome', 'APP-002'],
      ['application', 'APP-004', 'voluntary', 'conduct-gravity', 'harm-after-request+withheld-despite-history', 'APP-004'],
      ['application', 'APP-005', 'voluntary', 'conduct-prior-referral', 'deadline-missed+handler-prior-referral', 'APP-005'],
      ['application', 'APP-006', 'voluntary', 'conduct-prior-referral', 'disclosure-not-made+handler-prior-referral', 'APP-006'],
      ['staff', 'H-1', 'voluntary', 'conduct-prior-referral', 'deadline-missed+disclosure-not-made+handler-prior-referral', 'APP-005+APP-006'],
      ['application', 'APP-001', 'assess', 'dsi-assess', 'harm-after-request', 'APP-001'],
    ]);
    for (const r of report.referrals) expect([r.referBy, r.status]).toEqual(['2025-02-03', 'due']);
    expect(report.referrals[0]!.evidence).toMatchObject({ limitDays: 28, limitEnds: '2023-05-30', incidentIds: ['INC-2'] });
    expect(report.referrals[4]!.evidence).toMatchObject({ conductReferralIds: ['CR-1'], conductReferralDates: ['2021-06-01'] });
    expect(report.referrals[5]!.reasons.join(' ')).toMatch(/Sch\.3 Part 2A, paras 14A-14C/);

    // APP-011's person at risk is recorded dead: not listed. APP-007 (received before CR-1) is not in the staff entry.
    expect(report.safeguarding.map((s) => [s.priority, s.applicationId, s.harmRecorded, s.immediateRisk])).toEqual([
      [1, 'APP-004', true, false],
      [2, 'APP-002', true, false],
      [3, 'APP-003', true, false],
      [4, 'APP-009', false, true],
      [5, 'APP-007', false, false],
      [6, 'APP-006', false, false],
    ]);

    const byFp = new Map(report.findings.map((f) => [f.fingerprint, f]));
    const review = report.review.map((fp) => `${byFp.get(fp)!.ruleId}:${byFp.get(fp)!.applicationId}`);
    expect(review).toEqual([
      'harm-after-request:APP-003', // the incident fell inside the limit: reviewed, not referred
      'no-outcome:APP-011',
      'disclosure-not-in-person:APP-010',
      'deadline-missed:APP-012',
    ]);
    expect(report.rejectedRows.map((r) => [r.file, r.line, r.column])).toEqual([
      ['applications.csv', 14, 'received_at'],
      ['applications.csv', 15, 'application_id'],
    ]);
    expect(report.summary).toMatchObject({
      applications: 12,
      referrals: { applications: 5, staff: 1, mandatory: 0, voluntary: 5, assess: 1, due: 6, overdue: 0, referred: 0 },
      safeguarding: 6,
      review: 4,
      dataQuality: { rejectedRows: 2, findings: 1 },
    });
  });

  it('never copies free text, and holds no absolute path', async () => {
    const cwd = await tmp();
    const dir = await copyOf(BASIC);
    const run = await cli(['audit', dir, ...AS_OF, '--format', 'json', '--quiet'], { cwd });
    for (const text of ['Applicant worried', 'Awaiting partner agency', 'Words of advice', 'duplicate of an earlier row']) {
      expect(run.stdout).not.toContain(text);
    }
    // The staff register's display name is an officer's name, allowed on a referral card (issue 14
    // item 6): only there, never in a finding's message or evidence.
    const report = JSON.parse(run.stdout) as { findings: unknown[]; referrals: { staff?: { displayName?: string } }[] };
    expect(JSON.stringify(report.findings)).not.toContain('Officer One');
    for (const r of report.referrals) expect(JSON.stringify({ ...r, staff: undefined })).not.toContain('Officer One');
    expect(run.stdout).not.toContain(dir);
    expect(run.stdout).not.toContain(cwd);
    expect(run.stdout).not.toContain(tmpdir());
  });
});

describe('dvds-audit audit: exit codes', () => {
  it.each([
    ['findings at or above high (default)', [BASIC], 1],
    ['--fail-on none', [BASIC, '--fail-on', 'none'], 0],
    ['--fail-on critical with one critical finding', [BASIC, '--fail-on', 'critical'], 1],
    ['a clean export', [CLEAN], 0],
    ['a clean export at --fail-on info', [CLEAN, '--fail-on', 'info'], 0],
  ])('%s', async (_name, args, code) => {
    const run = await cli(['audit', ...args, ...AS_OF, '--format', 'json']);
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(new RegExp(`exit ${code}\\.\\n$`));
  });

  it.each([
    ['an impossible --as-of', [BASIC, '--as-of', '2025-02-30'], /--as-of: "2025-02-30" is not a date/],
    ['a --as-of in another format', [BASIC, '--as-of', '31/01/2025'], /--as-of: "31\/01\/2025" is not a date/],
    ['an unknown --fail-on', [BASIC, '--fail-on', 'severe'], /--fail-on: "severe" is not one of critical, high, medium, low, info, none/],
    ['several formats without --out', [BASIC, '--format', 'json,md'], /several formats need --out DIR/],
    ['a folder that does not exist', [CLEAN + '-missing'], /folder not found: .*-missing$/m],
    ['a missing config file', [BASIC, '--config', 'nope.json'], /config file not found: nope\.json/],
    ['--strict with rejected rows', [BASIC, '--strict'], /2 rows rejected; --strict/],
    ['a baseline that is not a report', [BASIC, '--baseline', join(BASIC, 'staff.csv')], /staff\.csv is not a dvds-audit report: not valid JSON/],
    ['an unknown flag', [BASIC, '--colour'], /unknown option '--colour'/],
  ])('exit 2 on %s, one line, no stack', async (_name, args, message) => {
    const run = await cli(['audit', ...args]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('exit 2 when --out names a file, not a folder', async () => {
    const cwd = await tmp();
    await writeFile(join(cwd, 'taken'), 'x');
    const run = await cli(['audit', CLEAN, ...AS_OF, '--out', 'taken', '--quiet'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('dvds-audit: --out taken: cannot write the report there (ENOTDIR: a file of that name is in the way); no report file was changed\n');
  });

  it('--strict passes a clean export', async () => {
    expect((await cli(['audit', CLEAN, ...AS_OF, '--strict', '--quiet'])).code).toBe(0);
  });

  it('exit 3 on an internal error (a plugin rule that throws), with a hint and no stack unless --debug', async () => {
    const dir = await tmp();
    const plugin = join(dir, 'broken.mjs');
    await writeFile(
      plugin,
      `import { z } from ${JSON.stringify(resolve('node_modules/zod/index.js'))};
export default { id: 'broken-rule', title: 'Broken', category: 'timeliness', severity: 'low', rationale: 'test',
  options: z.object({}), check() { throw new Error('boom in the rule'); } };
`,
    );
    const run = await cli(['audit', CLEAN, ...AS_OF, '--plugin', plugin, '--quiet']);
    expect(run.stderr).toMatch(/internal error: .*boom in the rule/);
    expect(run.code).toBe(3);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const debug = await cli(['audit', CLEAN, ...AS_OF, '--plugin', plugin, '--quiet', '--debug']);
    expect(debug.code).toBe(3);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });
});

describe('dvds-audit audit: output', () => {
  it('table by default, without colour when stdout is not a terminal; --quiet silences stderr', async () => {
    const run = await cli(['audit', BASIC, ...AS_OF, '--quiet', '--fail-on', 'none']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('IOPC referrals (5)');
    expect(run.stdout).toContain('DSI matters to record and assess (1)');
    expect(run.stdout).not.toContain('\u001b[');
    expect(run.stderr).toBe('');
  });

  it('notes the outcome on stderr without --quiet; no progress when stderr is not a terminal', async () => {
    const run = await cli(['audit', BASIC, ...AS_OF, '--format', 'json']);
    expect(run.stderr).not.toMatch(/reading applications|\r/);
    expect(run.stderr).toMatch(/17 findings; 5 IOPC referrals; 1 DSI matter to assess; 6 to safeguard; 2 rejected rows\. 12 findings at or above high: exit 1\.\n$/);
  });

  it('(v2) --out writes safeguarding.csv, and findings.csv has handler, received and list, on the sample export', async () => {
    const out = join(await tmp(), 'sample');
    const run = await cli(['audit', resolve('fixtures/sample'), ...AS_OF, '--out', out, '--fail-on', 'none', '--quiet']);
    expect(run.code).toBe(0);
    const report = validReport(await readFile(join(out, 'report.json'), 'utf8'));
    const csv = async (name: string): Promise<string[][]> => parse((await readFile(join(out, name), 'utf8')).replace(/^\uFEFF/, ''));
    const [sHead, ...sRows] = await csv('safeguarding.csv');
    expect(sHead).toEqual(['priority', 'application', 'person-at-risk', 'received', 'handler', 'harm-recorded', 'immediate-risk', 'reasons', 'action']);
    expect(report.safeguarding.length).toBeGreaterThan(0);
    expect(sRows).toEqual(
      report.safeguarding.map((s) => [String(s.priority), s.applicationId, s.personAtRiskId, s.receivedAt, s.handlerId ?? '', s.harmRecorded ? 'yes' : 'no', s.immediateRisk ? 'yes' : 'no', s.reasons.join('; '), s.action]),
    );
    expect(sRows.some((r) => r[4] !== '')).toBe(true);
    const [fHead, ...fRows] = await csv('findings.csv');
    expect(fHead!.slice(-4)).toEqual(['dismissed', 'handler', 'received', 'list']);
    expect(fRows.map((r) => r.slice(-3))).toEqual(report.findings.map((f) => [f.handlerId ?? '', f.receivedAt ?? '', f.list ?? '']));
    // Each list as the decisions made it: review and data quality as counted, safeguarding as listed, referral behind an entry.
    const byList = (list: string): string[][] => fRows.filter((r) => r.at(-1) === list);
    expect(byList('review')).toHaveLength(report.summary.review);
    expect(byList('data-quality')).toHaveLength(report.summary.dataQuality.findings);
    const safeguarded = new Set(report.safeguarding.map((s) => s.applicationId));
    expect(byList('safeguarding').length).toBeGreaterThan(0);
    for (const r of byList('safeguarding')) expect(safeguarded.has(r[4]!)).toBe(true);
    const referred = new Set(report.referrals.flatMap((r) => r.findings));
    expect(byList('referral').map((r) => r[0])).toEqual(report.findings.filter((f) => referred.has(f.fingerprint)).map((f) => f.fingerprint));
    expect(fRows.length).toBe(byList('review').length + byList('data-quality').length + byList('safeguarding').length + byList('referral').length);
    // The handler and received date are the application's, ISO 8601 as in the JSON.
    const app = report.findings.find((f) => f.ruleId === 'harm-after-request')!;
    const row = fRows.find((r) => r[0] === app.fingerprint)!;
    expect(row.at(-2)).toBe(app.evidence['receivedAt']);
    expect(row.at(-3)).toMatch(/^E\d+$/);
  });

  it('--out DIR writes every file format atomically (no temporary files left), creating the folder', async () => {
    const out = join(await tmp(), 'a', 'b');
    const run = await cli(['audit', BASIC, ...AS_OF, '--out', out, '--fail-on', 'none']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect((await readdir(out)).sort()).toEqual(['findings.csv', 'junit.xml', 'referrals.csv', 'report.html', 'report.json', 'report.md', 'safeguarding.csv', 'worklist.csv']);
    const json = await cli(['audit', BASIC, ...AS_OF, '--format', 'json', '--quiet']);
    expect(await readFile(join(out, 'report.json'), 'utf8')).toBe(json.stdout);
    expect(run.stderr).toContain(`wrote ${join(out, 'report.json')}`);
  });

  it('--out with a format list writes those only (and the worklist, always); table goes to stdout beside them', async () => {
    const out = join(await tmp(), 'out');
    const run = await cli(['audit', BASIC, ...AS_OF, '--out', out, '--format', 'table,json,junit', '--quiet']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('IOPC referrals (5)');
    expect(run.stdout).toContain('DSI matters to record and assess (1)');
    expect((await readdir(out)).sort()).toEqual(['junit.xml', 'report.json', 'worklist.csv']);
  });

  it('is deterministic: two runs give byte-identical files in every format', async () => {
    const a = join(await tmp(), 'out');
    const b = join(await tmp(), 'out');
    await cli(['audit', BASIC, ...AS_OF, '--out', a, '--quiet']);
    await cli(['audit', BASIC, ...AS_OF, '--out', b, '--quiet']);
    for (const name of await readdir(a)) {
      expect(await readFile(join(b, name), 'utf8'), name).toBe(await readFile(join(a, name), 'utf8'));
    }
  });

  it('the same export with its rows shuffled gives the same findings, fingerprints and decisions', async () => {
    // Without the repeated APP-008 row: which copy is "the later one" depends on row order.
    const ordered = await copyOf(BASIC);
    await editRows(join(ordered, 'applications.csv'), (rows) => rows.filter((r) => !r.includes('duplicate of an earlier row')));
    const shuffled = await copyOf(ordered);
    for (const table of ['applications', 'incidents', 'history', 'staff', 'conduct_referrals']) {
      // A fixed permutation: reversed, then the halves swapped.
      await editRows(join(shuffled, `${table}.csv`), (rows) => {
        const r = [...rows].reverse();
        const half = Math.floor(r.length / 2);
        return [...r.slice(half), ...r.slice(0, half)];
      });
    }
    const one = (await jsonAudit(ordered)).report;
    const two = (await jsonAudit(shuffled)).report;
    expect(two.findings).toEqual(one.findings);
    expect(two.findings.length).toBe(17);
    expect(two.referrals).toEqual(one.referrals);
    expect(two.safeguarding).toEqual(one.safeguarding);
    expect(two.review).toEqual(one.review);
    expect(two.summary).toEqual(one.summary);
    expect(two.statistics).toEqual(one.statistics);
    expect(two.inputs.map((i) => i.sha256)).not.toEqual(one.inputs.map((i) => i.sha256));
  });
});

describe('dvds-audit audit --baseline', () => {
  async function roundTrip() {
    const dir = await copyOf(BASIC);
    const { report: old } = await jsonAudit(dir);
    const oldFile = join(await tmp(), 'old.json');
    await writeFile(oldFile, JSON.stringify(old, null, 2));
    return { dir, old, oldFile };
  }

  it('marks new and unchanged, lists resolved, and fails on new findings only', async () => {
    const { dir, old, oldFile } = await roundTrip();
    await editRows(join(dir, 'applications.csv'), (rows) => [
      // APP-009 leaves the export: its no-outcome finding is resolved.
      ...rows.filter((r) => !r.startsWith('APP-009,')),
      // A new case left open past the limit: a new no-outcome finding.
      'APP-014,right_to_ask,2024-09-02,A-014,P-014,S-014,H-3,2024-09-02,no,2024-09-06,,,,,,,',
    ]);
    const { run, report } = await jsonAudit(dir, ['--baseline', oldFile]);
    expect(run.code).toBe(1);
    const fresh = report.findings.filter((f) => f.status === 'new');
    expect(fresh.map((f) => `${f.ruleId}:${f.applicationId}`)).toEqual(['no-outcome:APP-014']);
    expect(report.findings.every((f) => f.status === 'new' || f.status === 'unchanged')).toBe(true);
    expect(report.baseline!.resolved.map((f) => `${f.ruleId}:${f.applicationId}`)).toEqual(['no-outcome:APP-009']);
    expect(report.baseline!.resolved[0]).toEqual(old.findings.find((f) => f.applicationId === 'APP-009'));
    expect(report.baseline!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(report.summary.baseline).toEqual({ new: 1, unchanged: 16, resolved: 1 });

    // Unchanged high findings do not fail the run; a new low one does not either.
    await editRows(join(dir, 'applications.csv'), (rows) => [
      ...rows.filter((r) => !r.startsWith('APP-014,')),
      'APP-015,right_to_know,2024-03-01,,P-015,S-015,H-3,2024-03-01,no,,disclose,2024-03-05,2024-03-06,written,,2024-03-07,',
    ]);
    const second = await jsonAudit(dir, ['--baseline', oldFile]);
    expect(second.report.findings.filter((f) => f.status === 'new').map((f) => `${f.ruleId}:${f.applicationId}`)).toEqual([
      'disclosure-not-in-person:APP-015',
    ]);
    expect(second.run.code).toBe(0);
    expect((await cli(['audit', dir, ...AS_OF, '--quiet', '--baseline', oldFile, '--fail-on', 'low'])).code).toBe(1);
  });

  it('rejects a baseline of another schema version, naming the file', async () => {
    const { oldFile } = await roundTrip();
    const report = JSON.parse(await readFile(oldFile, 'utf8')) as Record<string, unknown>;
    await writeFile(oldFile, JSON.stringify({ ...report, schemaVersion: 3 }));
    const run = await cli(['audit', BASIC, ...AS_OF, '--baseline', oldFile]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/old\.json is not a dvds-audit report of schemaVersion 1 or 2 \(schemaVersion: /);
  });

  it('a missing baseline file is a clear error', async () => {
    const cwd = await tmp();
    await mkdir(join(cwd, 'reports'));
    const run = await cli(['audit', BASIC, ...AS_OF, '--baseline', 'reports/old.json'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('dvds-audit: report not found: reports/old.json\n');
  });
});

describe('dvds-audit audit: hostile ids and values in the export', () => {
  it('stay inert in csv, md, html and junit, and still reach the decisions', async () => {
    const out = join(await tmp(), 'out');
    const run = await cli(['audit', HOSTILE, ...AS_OF, '--out', out, '--quiet']);
    expect(run.code).toBe(1);
    const report = validReport(await readFile(join(out, 'report.json'), 'utf8'));
    expect(report.referrals.map((r) => [r.kind, r.id, r.basis])).toEqual([
      ['application', '<script>alert(1)</script>', 'voluntary'],
      ['staff', '<script>alert(1)</script>', 'voluntary'],
      ['application', '=HYPERLINK("http://x")', 'assess'],
    ]);
    expect(report.safeguarding.map((s) => s.applicationId)).toContain('"><img src=x onerror=alert(1)>');

    for (const name of ['findings.csv', 'referrals.csv']) {
      const text = await readFile(join(out, name), 'utf8');
      expect(text.startsWith('\uFEFF')).toBe(true);
      const rows = parse(text.slice(1), { relaxColumnCount: false });
      for (const cell of rows.flat()) expect(cell, `${name}: ${cell}`).not.toMatch(/^[=+\-@\t\r]/);
      expect(rows.flat()).toContain("'=HYPERLINK(\"http://x\")");
    }
    const html = await readFile(join(out, 'report.html'), 'utf8');
    expect(html).not.toMatch(/<script|<img|onerror=alert\(1\)>/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const md = await readFile(join(out, 'report.md'), 'utf8');
    // Ids are code spans, whose text a renderer never reads as markup: the rest must hold none.
    expect(withoutCodeSpans(md)).not.toMatch(/<script|<img/i);
    const junit = await readFile(join(out, 'junit.xml'), 'utf8');
    expect(junit).not.toMatch(/<script|<img/i);
    expect(() => parseXml(junit)).not.toThrow();
  });
});

describe('dvds-audit audit: the folder audited (issue 14)', () => {
  it('audits the folder given, reading the config its paths name there, and says which files it read', async () => {
    const root = await tmp();
    const apps = 'Ref,route,received_at,person_at_risk_id,subject_id\n';
    await mkdir(join(root, 'january', 'exports'), { recursive: true });
    await mkdir(join(root, 'february', 'exports'), { recursive: true });
    await writeFile(join(root, 'dvds-audit.config.json'), JSON.stringify({ inputs: { applications: { file: 'exports/cases.csv', columns: { application_id: 'Ref' } } } }));
    await writeFile(join(root, 'january', 'exports', 'cases.csv'), `${apps}JAN-1,right_to_ask,2024-01-02,P1,S1\n`);
    await writeFile(join(root, 'february', 'exports', 'cases.csv'), `${apps}FEB-1,right_to_ask,2024-02-02,P1,S1\nFEB-2,right_to_ask,2024-02-03,P2,S2\n`);
    const run = await cli(['audit', 'february', '--as-of', '2025-01-31', '--format', 'json', '--fail-on', 'none'], { cwd: root });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { summary: { applications: number }; inputs: { file: string }[] };
    expect(report.summary.applications).toBe(2);
    expect(run.stderr).toContain('read february: exports/cases.csv');
    const missing = await cli(['validate', 'march'], { cwd: root });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('dvds-audit: folder not found: march\n');
  });
});
