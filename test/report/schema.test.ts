/**
 * The report's one schema (src/model/report.ts): the published JSON Schema is what it generates,
 * every report the tests hold or the tool writes passes it, and it is strict everywhere but in
 * evidence and the per-rule counts.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/audit.js';
import { ReportSchema } from '../../src/model/report.js';
import { REPORT_SCHEMA_PATH, reportJsonSchemaText } from '../../src/report/json-schema.js';
import { reportJson } from '../../src/report/json.js';
import type { Report } from '../../src/report/model.js';
import { emptyReport } from '../fixtures/report-empty.js';
import { hostileReport } from '../fixtures/report-hostile.js';
import { baselineReport, realisticReport } from '../fixtures/report-realistic.js';
import { validReport } from '../support/report-schema.js';

const FIXTURES: [string, Report][] = [
  ['empty', emptyReport],
  ['realistic', realisticReport],
  ['realistic with a baseline', baselineReport],
  ['hostile', hostileReport],
];

/** The report as JSON values, to edit freely. */
const plain = (report: Report): Record<string, unknown> => JSON.parse(reportJson(report)) as Record<string, unknown>;

/** Every object inside a JSON value, with its path. */
function objectsIn(value: unknown, path: string[] = []): [string[], Record<string, unknown>][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => objectsIn(v, [...path, String(i)]));
  if (value === null || typeof value !== 'object') return [];
  const object = value as Record<string, unknown>;
  return [[path, object], ...Object.entries(object).flatMap(([k, v]) => objectsIn(v, [...path, k]))];
}

describe('schema/report.schema.json', () => {
  it('is what the zod schema generates (run `npm run schema` when this fails)', async () => {
    expect(await readFile(REPORT_SCHEMA_PATH, 'utf8')).toBe(reportJsonSchemaText());
  });

  it('describes the report in the JSON key order, closed to keys it does not name', () => {
    const schema = JSON.parse(reportJsonSchemaText()) as {
      properties: Record<string, unknown>;
      required: string[];
      additionalProperties: boolean;
      $defs: Record<string, { properties?: Record<string, unknown>; additionalProperties?: unknown }>;
    };
    expect(Object.keys(schema.properties)).toEqual(Object.keys(ReportSchema.shape));
    expect(schema.required).not.toContain('baseline');
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.$defs.Finding!.properties!)).toEqual([
      'fingerprint', 'ruleId', 'severity', 'category', 'applicationId', 'staffId', 'status', 'firstSeen', 'dismissed', 'list', 'handlerId', 'receivedAt', 'message', 'evidence',
    ]);
    for (const name of ['InputSummary', 'RejectedRow', 'RuleStatus', 'Finding', 'Referral', 'SafeguardingEntry', 'Summary', 'Statistics']) {
      expect(schema.$defs[name]!.additionalProperties, name).toBe(false);
    }
    // Evidence keys are each rule's own: any name, flat values.
    expect(schema.$defs.Evidence!.additionalProperties).toMatchObject({ anyOf: expect.any(Array) as unknown });
  });
});

describe('the report schema', () => {
  it.each(FIXTURES)('holds the hand-made %s report', (_name, report) => {
    expect(() => validReport(reportJson(report))).not.toThrow();
  });

  it('holds the audit of fixtures/sample, alone and against a baseline', async () => {
    const cwd = resolve('fixtures');
    const earlier = await audit({ cwd, dir: 'sample', asOf: '2024-06-30' });
    const report = await audit({ cwd, dir: 'sample', asOf: '2025-01-31', baseline: earlier });
    expect(report.baseline?.resolved.length).toBeGreaterThan(0);
    expect(report.findings.some((f) => f.status === 'unchanged')).toBe(true);
    for (const r of [earlier, report]) expect(() => validReport(reportJson(r))).not.toThrow();
  });

  it('rejects a key it does not declare in any object, but not in evidence or the per-rule counts', () => {
    const report = plain(baselineReport);
    const objects = objectsIn(report);
    expect(objects.length).toBeGreaterThan(100);
    for (const [path, object] of objects) {
      const free = path.at(-1) === 'evidence' || path.join('.') === 'summary.byRule';
      object['zExtra'] = 1;
      expect(ReportSchema.safeParse(report).success, `zExtra in ${path.join('.') || '(top level)'}`).toBe(free);
      delete object['zExtra'];
    }
    expect(ReportSchema.safeParse(report).success).toBe(true);
  });

  it('rejects a missing member, a wrong value and another schema version', () => {
    type Json = Record<string, unknown>;
    const at = (o: Json, ...path: (string | number)[]): Json => path.reduce<Json>((x, k) => x[k] as Json, o);
    const cases: [string, (r: Json) => void][] = [
      ['no findings', (r) => delete r.findings],
      ['a finding without firstSeen', (r) => delete at(r, 'findings', 0).firstSeen],
      ['an unknown severity', (r) => (at(r, 'findings', 0).severity = 'urgent')],
      ['a severity missing from the counts', (r) => delete at(r, 'summary', 'bySeverity').info],
      ['an unknown severity in the counts', (r) => (at(r, 'summary', 'bySeverity').urgent = 0)],
      ['nested evidence', (r) => (at(r, 'findings', 0, 'evidence').nested = { a: 1 })],
      ['a negative count', (r) => (at(r, 'summary').findings = -1)],
      ['a date that is not one', (r) => (r.asOf = '2025-02-30')],
      ['schemaVersion 1', (r) => (r.schemaVersion = 1)],
    ];
    for (const [name, edit] of cases) {
      const report = plain(realisticReport);
      edit(report);
      expect(ReportSchema.safeParse(report).success, name).toBe(false);
      expect(() => validReport(report), name).toThrow(/not a valid report/);
    }
  });
});
