/**
 * End to end (v2), on fixtures/audit/source-case: the case the review began with. A PNC check on
 * the wrong date of birth came back "no trace", PND was never searched, a likely duplicate record
 * of the subject held his domestic-abuse conviction, the case was closed, the decision record was
 * changed months later, and the person at risk was seriously assaulted a month after the closure.
 * A second application, handled right (a duplicate with another initial, every system searched),
 * is the near miss. Then the anonymised copy gives the same findings and decisions.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { cli, tmp } from '../support/cli.js';
import { validReport } from '../support/report-schema.js';

const FIXTURE = resolve('fixtures/audit/source-case');
// A key as `anonymise --new-key` prints one: a repeated phrase is refused as guessable.
const KEY = 'OlLsg8FLNAFIxwASrta524i4wwF15iISkPKQdjrPlrg';

async function auditJson(dir: string, cwd: string): Promise<Report> {
  const run = await cli(['audit', dir, '--as-of', '2019-01-31', '--fail-on', 'none', '--format', 'json', '--out', 'out'], { cwd });
  expect(run.code).toBe(0);
  return validReport(await readFile(join(cwd, 'out', 'report.json'), 'utf8'));
}

const byRule = (r: Report): string[] => r.findings.map((f) => `${f.ruleId} ${f.severity}`).sort();

describe('the source case', () => {
  it('is found on every ground and referred as a DSI and conduct matter; the near miss is not', async () => {
    const report = await auditJson(FIXTURE, await tmp('source-case'));
    expect(report.rejectedRows).toEqual([]);
    expect(report.findings.map((f) => [f.ruleId, f.applicationId, f.severity])).toEqual([
      ['harm-after-request', 'DV-2018-001', 'critical'],
      ['check-wrong-identity', 'DV-2018-001', 'high'],
      ['checks-missing', 'DV-2018-001', 'high'],
      ['possible-duplicate-subject', 'DV-2018-001', 'high'],
      ['decision-record-altered', 'DV-2018-001', 'medium'],
    ]);
    const wrong = report.findings.find((f) => f.ruleId === 'check-wrong-identity')!;
    expect(wrong.evidence).toMatchObject({ checkIds: ['CHK-1'] });
    expect(report.findings.find((f) => f.ruleId === 'checks-missing')!.evidence).toMatchObject({ missingSystems: ['pnd'] });
    expect(report.referrals.map((r) => [r.id, r.basis, r.routes, r.grounds])).toEqual([
      ['DV-2018-001', 'mandatory', ['dsi-and-conduct'], ['check-wrong-identity', 'checks-missing', 'harm-after-request', 'possible-duplicate-subject']],
    ]);
    expect(report.safeguarding.map((s) => [s.applicationId, s.action])).toEqual([
      ['DV-2018-001', 'Re-run the checks, then arrange an urgent face-to-face disclosure review'],
    ]);
    const text = JSON.stringify(report);
    for (const value of ['Harwood', 'HARWOOD', '1984-07-21', '1984-07-12', '1984-07-22', 'Jonathan', '84/556677K']) expect(text).not.toContain(value);
  });

  it('gives the same findings and decisions on its anonymised copy', async () => {
    const cwd = await tmp('source-case-anon');
    const anon = await cli(['anonymise', FIXTURE, '--out', 'copy'], { cwd, env: { DVDS_ANONYMISE_KEY: KEY } });
    expect(anon.code).toBe(0);
    const original = await auditJson(FIXTURE, await tmp('source-case'));
    const copy = await auditJson('copy', cwd);
    expect(byRule(copy)).toEqual(byRule(original));
    expect(copy.referrals.map((r) => [r.basis, r.routes, r.grounds])).toEqual(original.referrals.map((r) => [r.basis, r.routes, r.grounds]));
    expect(copy.referrals[0]!.id).toMatch(/^APP-[0-9a-f]{16}$/);
    const persons = await readFile(join(cwd, 'copy', 'persons.csv'), 'utf8');
    expect(persons).not.toMatch(/Harwood|HARWOOD|Jonathan|Quill|84\/556677K/);
  });
});
