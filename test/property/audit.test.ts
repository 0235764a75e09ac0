/**
 * Properties of the audit on arbitrary valid exports (dates 2014-2025, clock-change days, the
 * 2023-04-05 limit switch, every decision, incidents, history, staff and referrals):
 * - deterministic: the same folder twice gives byte-identical JSON;
 * - row order does not matter: shuffled rows give the same findings, fingerprints and decisions;
 * - every finding names an application or staff member that exists;
 * - a withdrawn case never has a no-outcome, disclosure-not-made or deadline-missed finding.
 */
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/audit.js';
import { reportJson } from '../../src/report/json.js';
import type { Report } from '../../src/report/model.js';
import { tempDir } from '../support/temp.js';
import { validReport } from '../support/report-schema.js';

const DAY_MS = 86_400_000;
const DAY0 = Date.UTC(2014, 0, 1);
const LAST = (Date.UTC(2025, 11, 31) - DAY0) / DAY_MS;
const iso = (i: number): string => new Date(DAY0 + i * DAY_MS).toISOString().slice(0, 10);
const index = (text: string): number => (Date.parse(`${text}T00:00:00Z`) - DAY0) / DAY_MS;

/** Clock changes, the limit switch, bank holidays and a leap day: where date arithmetic breaks. */
const HARD_DAYS = [
  '2014-03-30', '2014-10-26', '2019-03-31', '2019-10-27', '2020-03-29', '2022-12-27', '2023-03-08',
  '2023-03-26', '2023-04-04', '2023-04-05', '2023-10-29', '2024-02-29', '2024-03-31', '2024-10-27',
  '2024-12-25', '2025-03-30',
].map(index);

const dayIndex = fc.oneof(fc.constantFrom(...HARD_DAYS), fc.integer({ min: 0, max: LAST - 100 }));
const time = fc.constantFrom('', '', 'T00:30', 'T01:30', 'T02:30', 'T12:00', 'T23:59', 'T01:30:00+00:00');
/** A later step: days after receipt (a few before, for date-order), with or without a time. */
const step = fc.option(fc.tuple(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: -2, max: 90 })), time), { nil: undefined, freq: 2 });

const P = ['P1', 'P2', 'P3', 'P4'];
const S = ['S1', 'S2', 'S3', 'S4'];
const H = ['H1', 'H2', 'H3', 'H4'];

const application = fc.record({
  route: fc.constantFrom('right_to_ask', 'right_to_know'),
  received: fc.tuple(dayIndex, time),
  applicant: fc.constantFrom('', 'X1', 'X2'),
  par: fc.constantFrom(...P),
  subject: fc.constantFrom(...S),
  handler: fc.constantFrom('', ...H, 'H9'),
  checks: step,
  risk: fc.constantFrom('', 'yes', 'no'),
  f2f: step,
  decision: fc.constantFrom('', 'disclose', 'no_disclosure', 'not_proceeded', 'withdrawn', 'withdrawn'),
  decisionAt: step,
  disclosureAt: step,
  method: fc.constantFrom('', 'in_person', 'telephone', 'written', 'other'),
  exceptional: fc.constantFrom('', '', 'staff absence'),
  closed: step,
});

const dataset = fc.record({
  applications: fc.array(application, { minLength: 1, maxLength: 25 }),
  incidents: fc.option(
    fc.array(fc.record({ at: fc.tuple(dayIndex, time), victim: fc.constantFrom(...P), suspect: fc.constantFrom(...S), harm: fc.constantFrom('death', 'serious_injury', 'injury', 'no_injury') }), { maxLength: 10 }),
    { nil: undefined },
  ),
  history: fc.option(
    fc.array(fc.record({ subject: fc.constantFrom(...S), at: dayIndex, category: fc.constantFrom('conviction', 'caution', 'charge', 'intelligence', 'order', 'other'), da: fc.constantFrom('yes', 'no') }), { maxLength: 8 }),
    { nil: undefined },
  ),
  staff: fc.option(fc.subarray(H), { nil: undefined }),
  referrals: fc.option(fc.array(fc.record({ staff: fc.constantFrom(...H), at: dayIndex, body: fc.constantFrom('iopc', 'psd') }), { maxLength: 4 }), { nil: undefined }),
  asOf: fc.oneof(fc.constant(index('2025-01-31')), fc.integer({ min: 200, max: LAST })),
  shuffleSeed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
});

type Data = typeof dataset extends fc.Arbitrary<infer T> ? T : never;

function at(base: number, s: readonly [number, string] | undefined): string {
  if (s === undefined) return '';
  const i = Math.min(LAST, Math.max(0, base + s[0]));
  return iso(i) + s[1];
}

/** header + rows of each table present, as the canonical export writes them. */
function tables(data: Data): Record<string, string[][]> {
  const out: Record<string, string[][]> = {
    'applications.csv': [
      ['application_id', 'route', 'received_at', 'applicant_id', 'person_at_risk_id', 'subject_id', 'handler_id', 'initial_checks_at', 'immediate_risk', 'face_to_face_at', 'decision', 'decision_at', 'disclosure_at', 'disclosure_method', 'exceptional_circumstances', 'closed_at', 'notes'],
      ...data.applications.map((a, i) => {
        const r = a.received[0];
        return [`A${i + 1}`, a.route, iso(r) + a.received[1], a.applicant, a.par, a.subject, a.handler, at(r, a.checks), a.risk, at(r, a.f2f), a.decision, at(r, a.decisionAt), at(r, a.disclosureAt), a.method, a.exceptional, at(r, a.closed), 'free text never copied'];
      }),
    ],
  };
  if (data.incidents) out['incidents.csv'] = [['incident_id', 'occurred_at', 'victim_id', 'suspect_id', 'harm'], ...data.incidents.map((x, i) => [`I${i + 1}`, iso(x.at[0]) + x.at[1], x.victim, x.suspect, x.harm])];
  if (data.history) out['history.csv'] = [['record_id', 'subject_id', 'recorded_at', 'category', 'domestic_abuse'], ...data.history.map((x, i) => [`R${i + 1}`, x.subject, iso(x.at), x.category, x.da])];
  if (data.staff) out['staff.csv'] = [['staff_id', 'role', 'display_name'], ...data.staff.map((h) => [h, 'officer', `Officer ${h}`])];
  if (data.referrals) out['conduct_referrals.csv'] = [['referral_id', 'staff_id', 'referred_at', 'body', 'outcome'], ...data.referrals.map((x, i) => [`C${i + 1}`, x.staff, iso(x.at), x.body, ''])];
  return out;
}

/** A seeded Fisher-Yates shuffle of the data rows (the header stays first). */
function shuffled(rows: string[][], seed: number): string[][] {
  const [header, ...body] = rows;
  let s = seed;
  for (let i = body.length - 1; i > 0; i--) {
    s = (Math.imul(s, 48271) >>> 0) % 2147483647;
    const j = s % (i + 1);
    [body[i], body[j]] = [body[j]!, body[i]!];
  }
  return [header!, ...body];
}

async function auditOf(files: Record<string, string[][]>, asOf: string): Promise<Report> {
  const dir = await tempDir('prop-audit');
  try {
    for (const [name, rows] of Object.entries(files)) await writeFile(path.join(dir, name), `${rows.map((r) => r.join(',')).join('\n')}\n`);
    return await audit({ cwd: dir, asOf });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const NO_DEADLINE_FOR_WITHDRAWN = new Set(['no-outcome', 'disclosure-not-made', 'deadline-missed']);

/** What a re-sorted export must not change (rejected rows and evidence lines may move). */
function decisions(report: Report): unknown {
  return {
    findings: report.findings,
    referrals: report.referrals,
    safeguarding: report.safeguarding,
    review: report.review,
    summary: report.summary,
  };
}

describe('property: the audit on arbitrary valid exports', () => {
  it('is deterministic, ignores row order, names only what exists, and spares withdrawn cases the deadline rules', async () => {
    let findings = 0;
    const rules = new Set<string>();
    await fc.assert(
      fc.asyncProperty(dataset, async (data) => {
        const files = tables(data);
        const asOf = iso(data.asOf);
        const first = await auditOf(files, asOf);
        const second = await auditOf(files, asOf);
        expect(reportJson(second)).toBe(reportJson(first));
        validReport(reportJson(first));
        // The generator makes valid exports only: nothing is rejected, so every row is in play.
        for (const input of first.inputs) expect(input.rowsRejected, `${input.table}: ${JSON.stringify(first.rejectedRows[0])}`).toBe(0);

        const reordered = Object.fromEntries(Object.entries(files).map(([name, rows], k) => [name, shuffled(rows, data.shuffleSeed + k)]));
        const third = await auditOf(reordered, asOf);
        expect(decisions(third)).toEqual(decisions(first));

        const apps = new Map(files['applications.csv']!.slice(1).map((r) => [r[0]!, r]));
        const staff = new Set([...data.applications.map((a) => a.handler).filter((h) => h !== ''), ...(data.staff ?? [])]);
        for (const f of first.findings) {
          findings++;
          rules.add(f.ruleId);
          expect(f.applicationId !== undefined || f.staffId !== undefined).toBe(true);
          if (f.applicationId !== undefined) expect(apps.has(f.applicationId), f.applicationId).toBe(true);
          if (f.staffId !== undefined) expect(staff.has(f.staffId), f.staffId).toBe(true);
          if (NO_DEADLINE_FOR_WITHDRAWN.has(f.ruleId)) expect(apps.get(f.applicationId!)![10], `${f.ruleId} on ${f.applicationId}`).not.toBe('withdrawn');
        }
        for (const r of first.referrals) for (const id of r.applicationIds) expect(apps.has(id)).toBe(true);
        for (const s of first.safeguarding) expect(apps.has(s.applicationId)).toBe(true);
      }),
      { numRuns: 100 },
    );
    // The datasets reach most rules, so the properties are not vacuous.
    expect(findings).toBeGreaterThan(100);
    expect(rules.size).toBeGreaterThanOrEqual(9);
  });
});
