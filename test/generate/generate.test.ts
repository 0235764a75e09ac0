/**
 * The generator: deterministic per seed, and its ground truth is exactly what the audit finds,
 * in the canonical layout and in the foreign one read through its config.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/audit.js';
import type { Finding } from '../../src/engine/types.js';
import { generateExport, type GenerateOptions, type GroundTruth } from '../../src/generate/generate.js';
import { RULE_IDS, V2_PLANS } from '../../src/generate/plans.js';
import { dayNumber } from '../../src/time/london.js';
import { tempDir } from '../support/temp.js';
import { compareWithTruth, decisionsOf, differences } from './truth.js';

const AS_OF = dayNumber(2025, 1, 31);

async function generated(options: Partial<GenerateOptions> = {}): Promise<{ dir: string; truth: GroundTruth }> {
  const dir = await tempDir('gen');
  const result = await generateExport({ out: dir, applications: 400, seed: 1, asOf: AS_OF, layout: 'canonical', ...options });
  return { dir, truth: result.groundTruth };
}

async function hashes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) {
    out[name] = createHash('sha256').update(await readFile(join(dir, name))).digest('hex');
  }
  return out;
}

const keyOf = (f: Finding): string => `${f.ruleId} ${f.applicationId ?? ''} ${f.staffId ?? ''} ${f.severity} ${String(f.evidence['incidentId'] ?? '')}`;

describe('generate', () => {
  it('writes the same bytes for the same seed, and other bytes for another seed', async () => {
    const a = await generated({ seed: 42 });
    const b = await generated({ seed: 42 });
    const c = await generated({ seed: 43 });
    const ha = await hashes(a.dir);
    expect(Object.keys(ha)).toEqual([
      'applications.csv',
      'checks.csv',
      'conduct_referrals.csv',
      'ground-truth.json',
      'history.csv',
      'household.csv',
      'incidents.csv',
      'persons.csv',
      'staff.csv',
    ]);
    expect(await hashes(b.dir)).toEqual(ha);
    const hc = await hashes(c.dir);
    for (const file of ['applications.csv', 'incidents.csv', 'history.csv']) expect(hc[file]).not.toBe(ha[file]);
  });

  it('is deterministic in the foreign layout too', async () => {
    const a = await generated({ seed: 9, layout: 'foreign' });
    const b = await generated({ seed: 9, layout: 'foreign' });
    expect(await hashes(b.dir)).toEqual(await hashes(a.dir));
  });

  it('plants every rule at least once in a few hundred applications', async () => {
    const { truth } = await generated();
    for (const rule of RULE_IDS) expect(truth.rules[rule].findings, rule).toBeGreaterThan(0);
    expect(truth.rules['handler-outlier'].staffIds).toHaveLength(1);
    expect(Object.keys(truth.rules['deadline-missed'].bySeverity).sort()).toEqual(['high', 'info', 'medium']);
    expect(Object.keys(truth.rules['harm-after-request'].bySeverity).sort()).toEqual(['critical', 'high']);
  });

  it('has roughly the shape of a force: a third disclosed, most in time', async () => {
    const { dir, truth } = await generated({ applications: 2000, seed: 3 });
    const lines = (await readFile(join(dir, 'applications.csv'), 'utf8')).split('\n');
    const disclosed = lines.filter((l) => /,disclose,/.test(l)).length;
    expect(disclosed / 2000).toBeGreaterThan(0.25);
    expect(disclosed / 2000).toBeLessThan(0.42);
    expect(truth.rules['deadline-missed'].findings / 2000).toBeLessThan(0.15);
    expect(truth.counts.handlers).toBeGreaterThanOrEqual(20);
    expect(truth.counts.handlers).toBeLessThanOrEqual(50);
  });

  it.each([
    [400, 1],
    [3000, 5],
    [3000, 11],
  ])('ground truth equals the audit findings per rule (%i applications, seed %i)', async (applications, seed) => {
    const { dir, truth } = await generated({ applications, seed });
    const report = await audit({ dir, cwd: dir, asOf: truth.asOf });
    expect(report.rejectedRows).toEqual([]);
    expect(differences(compareWithTruth(truth, report.findings))).toEqual([]);
    const total = Object.values(truth.rules).reduce((s, r) => s + r.findings, 0);
    expect(report.findings).toHaveLength(total);
    expect(decisionsOf(report)).toEqual(truth.decisions);
  });

  it('ground truth holds for another audit date (before the 28-day switch)', async () => {
    const asOf = dayNumber(2022, 6, 30);
    const { dir, truth } = await generated({ applications: 1500, seed: 8, asOf });
    expect(truth.asOf).toBe('2022-06-30');
    const report = await audit({ dir, cwd: dir, asOf: truth.asOf });
    expect(report.rejectedRows).toEqual([]);
    expect(differences(compareWithTruth(truth, report.findings))).toEqual([]);
    expect(decisionsOf(report)).toEqual(truth.decisions);
  });

  it('the foreign layout, read through its config, loads every row and gives the canonical findings', async () => {
    const canonical = await generated({ applications: 1500, seed: 4 });
    const foreign = await generated({ applications: 1500, seed: 4, layout: 'foreign' });
    const files = await readdir(foreign.dir);
    expect(files).toContain('dvds-audit.config.json');
    expect(files).toContain('DVDS_Cases.csv');

    const bytes = await readFile(join(foreign.dir, 'DVDS_Cases.csv'));
    expect(bytes.subarray(0, 9).toString('latin1')).toBe('DVDS Ref,');
    expect(bytes.includes(Buffer.from('\r\n'))).toBe(true);
    expect(bytes.toString('latin1')).toMatch(/,RT[AK],\d{2}\/\d{2}\/\d{4}( \d{2}:\d{2})?,/);
    // Windows-1252: É is one byte 0xC9 (UTF-8 would be C3 89).
    const staff = await readFile(join(foreign.dir, 'Staff_Register.csv'));
    expect(staff.includes(0xc9)).toBe(true);
    expect(staff.includes(Buffer.from('É', 'utf8'))).toBe(false);

    const a = await audit({ dir: canonical.dir, cwd: canonical.dir, asOf: canonical.truth.asOf });
    const b = await audit({ dir: foreign.dir, cwd: foreign.dir, configPath: 'dvds-audit.config.json', asOf: foreign.truth.asOf });
    expect(b.rejectedRows).toEqual([]);
    expect(b.inputs.map((i) => i.rowsRead)).toEqual(a.inputs.map((i) => i.rowsRead));
    expect(b.findings.map(keyOf).sort()).toEqual(a.findings.map(keyOf).sort());
    expect(differences(compareWithTruth(foreign.truth, b.findings))).toEqual([]);
    expect(decisionsOf(b)).toEqual(foreign.truth.decisions);
  });

  it.each([
    [400, 1],
    [3000, 5],
  ])('plants each v2 case as its own plan, and the audit reads them the v2 way (%i applications, seed %i)', async (applications, seed) => {
    const { dir, truth } = await generated({ applications, seed });
    const table = async (file: string): Promise<Record<string, string>[]> =>
      parse<Record<string, string>>(await readFile(join(dir, file), 'utf8'), { columns: true });
    const apps = new Map((await table('applications.csv')).map((a) => [a['application_id']!, a]));
    const history = await table('history.csv');
    const household = await table('household.csv');
    const referrals = await table('conduct_referrals.csv');
    const report = await audit({ dir, cwd: dir, asOf: truth.asOf });
    const of = (rule: string, id: string): Finding[] => report.findings.filter((f) => f.ruleId === rule && f.applicationId === id);
    const day = (v: string): string => v.slice(0, 10);
    for (const plan of V2_PLANS) {
      expect(truth.planted[plan]?.length, plan).toBeGreaterThan(0);
      expect(truth.counts.plans[plan], plan).toBe(truth.planted[plan]!.length);
    }
    const NO_TOKENS = ['no', 'n', 'none', 'nil', 'n/a', 'na', 'not applicable', 'false', '0', '-'];

    // (1) over the limit, exceptional_circumstances "No", "N/A" …: not recorded, medium or high.
    for (const id of truth.planted['v2:late-exceptional-no']!) {
      expect(NO_TOKENS).toContain(apps.get(id)!['exceptional_circumstances']!.trim().toLowerCase());
      expect(truth.rules['deadline-missed'].applicationIds).toContain(id);
      expect(of('deadline-missed', id).map((f) => f.severity)).toSatisfy((s: string[]) => s.length === 1 && ['medium', 'high'].includes(s[0]!));
    }
    // (2) over the limit with a genuine justification: recorded, info.
    for (const id of truth.planted['v2:late-exceptional-justified']!) {
      const cell = apps.get(id)!['exceptional_circumstances']!.trim();
      expect(cell).not.toBe('');
      expect(NO_TOKENS).not.toContain(cell.toLowerCase());
      expect(of('deadline-missed', id).map((f) => f.severity)).toEqual(['info']);
    }
    // (3) a child of the person at risk harmed by the subject: fires with victimRelation child;
    // the household's other member harmed too, which never fires.
    let withParent = 0;
    for (const id of truth.planted['v2:harm-to-child']!) {
      const par = apps.get(id)!['person_at_risk_id']!;
      const children = household.filter((h) => h['person_id'] === par && h['relationship'] === 'child').map((h) => h['member_id']);
      const others = household.filter((h) => h['person_id'] === par && h['relationship'] === 'other').map((h) => h['member_id']);
      expect(children).toHaveLength(1);
      expect(others).toHaveLength(1);
      const harm = of('harm-after-request', id);
      const childFindings = harm.filter((f) => f.evidence['victimRelation'] === 'child');
      expect(childFindings.map((f) => f.evidence['victimId'])).toEqual(children);
      expect(harm.filter((f) => f.evidence['victimId'] === others[0])).toEqual([]);
      const pairs = truth.rules['harm-after-request'].pairs!.filter((p) => p.applicationId === id);
      expect(pairs.filter((p) => p.victimRelation === 'child').map((p) => [p.incidentId, p.victimId, p.severity])).toEqual(
        childFindings.map((f) => [f.evidence['incidentId'], f.evidence['victimId'], f.severity]),
      );
      // One incident, two victims: the parent's row shares the child's incident id.
      const parent = harm.filter((f) => f.evidence['victimRelation'] === 'person_at_risk');
      if (parent.length > 0) {
        withParent += 1;
        expect(parent.map((f) => f.evidence['incidentId'])).toEqual(childFindings.map((f) => f.evidence['incidentId']));
      }
    }
    expect(withParent).toBeGreaterThan(0);
    // (4) domestic abuse on record before the decision, but the subject was its victim: does not count.
    for (const id of truth.planted['v2:history-subject-victim']!) {
      const app = apps.get(id)!;
      const ref = day(app['decision_at'] || app['closed_at']!);
      expect(['no_disclosure', 'not_proceeded']).toContain(app['decision']);
      const held = history.filter((h) => h['subject_id'] === app['subject_id'] && h['domestic_abuse'] === 'yes' && h['recorded_at']! <= ref);
      expect(held.length).toBeGreaterThan(0);
      // The planted record names the subject as victim; a background one may as witness (where
      // the background draws put a record before this decision).
      expect(held.map((h) => h['subject_role'])).toContain('victim');
      expect(held.filter((h) => !['victim', 'witness'].includes(h['subject_role']!))).toEqual([]);
      expect(truth.rules['withheld-despite-history'].applicationIds).not.toContain(id);
      expect(of('withheld-despite-history', id)).toEqual([]);
    }
    // (5) the handler referred while holding the case (after receipt, before its end): fires.
    for (const id of truth.planted['v2:referral-during-handling']!) {
      const app = apps.get(id)!;
      const own = referrals.filter((r) => r['staff_id'] === app['handler_id']).map((r) => r['referred_at']!);
      expect(own.length).toBeGreaterThan(0);
      expect(own.every((d) => d > day(app['received_at']!))).toBe(true);
      expect(truth.rules['handler-prior-referral'].applicationIds).toContain(id);
      expect(of('handler-prior-referral', id).map((f) => f.evidence['firstReferral'])).toEqual(['during-handling']);
    }
    // (6) a death or serious injury with no failure before it: a DSI matter to assess, not a referral;
    // (7) one after the limit had passed without an outcome: a mandatory dsi-and-conduct referral.
    const entry = (id: string): { basis: string; routes: string[] } | undefined =>
      [...truth.decisions.referrals, ...truth.decisions.assess].find((e) => e.id === id);
    for (const id of truth.planted['v2:dsi-assess']!) {
      expect(of('harm-after-request', id).map((f) => f.severity)).toEqual(['critical']);
      expect(entry(id)).toMatchObject({ basis: 'assess', routes: ['dsi-assess'] });
    }
    for (const id of truth.planted['v2:dsi-and-conduct']!) {
      expect(of('harm-after-request', id).map((f) => f.severity)).toEqual(['critical']);
      expect(entry(id)).toMatchObject({ basis: 'mandatory', routes: ['dsi-and-conduct'] });
    }
    // (8) a second person record of the subject holding a domestic-abuse record: fires for a likely
    // duplicate; the near misses (two digits off, another initial) hold one too and must not.
    const persons = new Map((await table('persons.csv')).map((p) => [p['person_id']!, p]));
    const duplicateOf = (id: string): Record<string, string> => persons.get(`PD${id.slice(2)}`)!;
    const heldBy = (personId: string): Record<string, string>[] => history.filter((h) => h['subject_id'] === personId && h['domestic_abuse'] === 'yes');
    let nearMisses = 0;
    for (const id of truth.planted['v2:possible-duplicate-subject']!) {
      const app = apps.get(id)!;
      const subject = persons.get(app['subject_id']!)!;
      const duplicate = duplicateOf(id);
      expect(duplicate['surname']!.normalize('NFKD').replace(/\p{M}/gu, '').toUpperCase()).toBe(subject['surname']!.toUpperCase());
      expect(heldBy(duplicate['person_id']!).length).toBe(1);
      const fires = truth.rules['possible-duplicate-subject'].applicationIds.includes(id);
      expect(of('possible-duplicate-subject', id).map((f) => f.evidence['duplicatePersonIds'])).toEqual(fires ? [[duplicate['person_id']]] : []);
      if (!fires) nearMisses += 1;
    }
    expect(nearMisses).toBeGreaterThan(0);
    // (9) a Right to Ask withdrawn while a record of the subject was held; the near miss's record
    // was made the day after the withdrawal.
    nearMisses = 0;
    for (const id of truth.planted['v2:withdrawn-with-history']!) {
      const app = apps.get(id)!;
      expect([app['route'], app['decision']]).toEqual(['right_to_ask', 'withdrawn']);
      const held = heldBy(app['subject_id']!).filter((h) => h['subject_role'] === '' && h['recorded_at']! <= app['decision_at']!);
      const fires = truth.rules['withdrawn-with-history'].applicationIds.includes(id);
      expect(held.length > 0).toBe(fires);
      expect(of('withdrawn-with-history', id).length).toBe(fires ? 1 : 0);
      if (!fires) nearMisses += 1;
    }
    expect(nearMisses).toBeGreaterThan(0);
    // (10) the source case: found on every ground, and a mandatory DSI and conduct referral with
    // the wrong-identity check among its grounds.
    for (const id of truth.planted['v2:source-case']!) {
      expect(apps.get(id)!['received_at']!.slice(0, 4)).toBe('2018');
      expect(report.findings.filter((f) => f.applicationId === id).map((f) => `${f.ruleId} ${f.severity}`).sort()).toEqual([
        'check-wrong-identity high',
        'checks-missing high',
        'decision-record-altered medium',
        'harm-after-request critical',
        'possible-duplicate-subject high',
      ]);
      const referral = report.referrals.find((r) => r.id === id)!;
      expect([referral.basis, referral.routes]).toEqual(['mandatory', ['dsi-and-conduct']]);
      expect(referral.grounds).toContain('check-wrong-identity');
    }
    expect(decisionsOf(report)).toEqual(truth.decisions);
  });

  it('on the bundled sample, the referrals, the DSI matters to assess and the suggested types are its ground truth', async () => {
    const dir = resolve('fixtures/sample');
    const truth = JSON.parse(await readFile(join(dir, 'ground-truth.json'), 'utf8')) as GroundTruth;
    const report = await audit({ dir, cwd: dir, asOf: truth.asOf });
    expect(decisionsOf(report)).toEqual(truth.decisions);
    expect(truth.decisions.referrals.some((r) => r.basis === 'mandatory')).toBe(true);
    expect(truth.decisions.assess.length).toBeGreaterThan(0);
  });

  it('fixtures/sample is exactly what generate writes for its seed', async () => {
    const { dir } = await generated({ applications: 400, seed: 1 });
    expect(await hashes(dir)).toEqual(await hashes('fixtures/sample'));
  });
});
