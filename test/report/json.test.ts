import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FINDING_SHAPE, ordered, REPORT_SHAPE, renderJson, reportJson, reportJsonChunks, type Shape, shapeOf, orderedJson } from '../../src/report/json.js';
import { z } from 'zod';
import { ReportSchema } from '../../src/model/report.js';
import type { Report } from '../../src/report/model.js';
import { baselineReport, realisticReport } from '../fixtures/report-realistic.js';
import { validReport } from '../support/report-schema.js';

/** The same value with every object's keys in reverse order. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .reverse()
      .map((k) => [k, reversed((value as Record<string, unknown>)[k])]),
  );
}

describe('json format', () => {
  it('is one report.json: 2-space indent and a trailing newline', () => {
    const files = renderJson(realisticReport, { color: false });
    expect(files.map((f) => f.name)).toEqual(['report.json']);
    const text = files[0]!.content;
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
    expect(text.split('\n')[1]).toBe('  "schemaVersion": 2,');
    expect(validReport(text)).toEqual(JSON.parse(JSON.stringify(realisticReport)));
  });

  it('gives the same bytes whatever order the keys were built in', () => {
    const shuffled = reversed(realisticReport) as Report;
    expect(Object.keys(shuffled)[0]).not.toBe('schemaVersion');
    expect(reportJson(shuffled)).toBe(reportJson(realisticReport));
  });

  it('keeps the model order at the top, evidence keys alphabetical, severities critical first', () => {
    const parsed = JSON.parse(reportJson(reversed(realisticReport) as Report)) as Record<string, unknown>;
    const keys = Object.keys(parsed);
    expect(keys.slice(0, 6)).toEqual(['schemaVersion', 'tool', 'asOf', 'config', 'inputs', 'rules']);
    expect(keys.indexOf('findings')).toBeLessThan(keys.indexOf('referrals'));
    const finding = (parsed.findings as Record<string, unknown>[])[0]!;
    expect(Object.keys(finding).slice(0, 4)).toEqual(['fingerprint', 'ruleId', 'severity', 'category']);
    const evidenceKeys = Object.keys(finding.evidence as object);
    expect(evidenceKeys).toEqual([...evidenceKeys].sort());
    const summary = parsed.summary as { bySeverity: object; byRule: object };
    expect(Object.keys(summary.bySeverity)).toEqual(['critical', 'high', 'medium', 'low', 'info']);
    expect(Object.keys(summary.byRule)).toEqual(Object.keys(summary.byRule).sort());
  });

  it('writes every object in the order of its zod schema, whatever order it was built in', () => {
    /** Each object's keys against its schema's, walking the JSON and the schema together. */
    const check = (value: unknown, schema: z.ZodType, path: string): void => {
      if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return check(value, schema.unwrap() as z.ZodType, path);
      if (schema instanceof z.ZodArray) return (value as unknown[]).forEach((v, i) => check(v, schema.element as z.ZodType, `${path}.${i}`));
      if (schema instanceof z.ZodObject) {
        const declared = Object.keys(schema.shape);
        const keys = Object.keys(value as object);
        expect(keys, path).toEqual(declared.filter((k) => keys.includes(k)));
        for (const k of keys) check((value as Record<string, unknown>)[k], schema.shape[k] as z.ZodType, `${path}.${k}`);
      }
    };
    let objects = 0;
    for (const report of [realisticReport, baselineReport]) {
      const parsed: unknown = JSON.parse(reportJson(reversed(report) as Report));
      check(parsed, ReportSchema, '');
      objects += JSON.stringify(parsed).split('{').length;
    }
    expect(objects).toBeGreaterThan(100);
  });

  it('keeps the contract\'s order of a finding, a referral and a safeguarding entry', () => {
    const parsed = JSON.parse(reportJson(reversed(baselineReport) as Report)) as Record<'findings' | 'referrals' | 'safeguarding', object[]>;
    const inOrder = (objects: object[], order: string[]): void => {
      expect(objects.length).toBeGreaterThan(0);
      for (const o of objects) expect(Object.keys(o)).toEqual(order.filter((k) => k in o));
    };
    inOrder(parsed.findings, ['fingerprint', 'ruleId', 'severity', 'category', 'applicationId', 'staffId', 'status', 'firstSeen', 'dismissed', 'list', 'handlerId', 'receivedAt', 'message', 'evidence']);
    inOrder(parsed.referrals, [
      'kind', 'id', 'basis', 'routes', 'status', 'referBy', 'referredAt', 'iopcReference', 'suggested', 'grounds', 'applicationIds', 'staffId', 'staff', 'reasons', 'findings', 'evidence', 'chronology',
    ]);
    inOrder(parsed.safeguarding, ['priority', 'applicationId', 'personAtRiskId', 'reasons', 'harmRecorded', 'immediateRisk', 'receivedAt', 'handlerId', 'action']);
  });

  it('takes no schema it cannot give one key order (the report schema would fail to load)', () => {
    const row = z.strictObject({ b: z.number(), a: z.number() });
    expect(shapeOf(z.array(row).optional())).toEqual({ keys: ['b', 'a'], children: { b: {}, a: {} } });
    expect(shapeOf(z.record(z.enum(['y', 'x']), z.number()))).toEqual({ keys: ['y', 'x'] });
    expect(() => shapeOf(z.record(z.string(), row))).toThrow(/record of objects/);
    expect(() => shapeOf(z.union([row, z.string()]))).toThrow(/union of objects/);
    expect(() => shapeOf(z.lazy(() => row))).toThrow(/no key order for a zod lazy/);
  });

  it('drops undefined members and puts unknown keys after known ones, alphabetically', () => {
    expect(ordered({ z: 1, b: undefined, a: 2, id: 3 }, { keys: ['id'] })).toEqual({ id: 3, a: 2, z: 1 });
    expect(Object.keys(ordered({ z: 1, a: 2, id: 3 }, { keys: ['id'] }) as object)).toEqual(['id', 'a', 'z']);
    expect(orderedJson({ b: [{ y: 1, x: 2 }], a: null })).toBe('{\n  "a": null,\n  "b": [\n    {\n      "x": 2,\n      "y": 1\n    }\n  ]\n}\n');
  });
});

describe('the canonical writer', () => {
  const reference = (value: unknown, shape?: Shape): string => `${JSON.stringify(ordered(value, shape), null, 2)}\n`;
  // Keys that JSON.stringify orders specially (array indices first) or that `ordered` drops.
  const key = fc.oneof(fc.string(), fc.constantFrom('0', '7', '10', '01', '4294967294', '4294967295', '-1', 'fingerprint', 'evidence', 'status', '__proto__'));
  const value = fc.letrec((tie) => ({
    leaf: fc.oneof(
      fc.string(),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.constant(-0),
      fc.constant(() => 1),
    ),
    node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 5 })),
  })).node;

  it('writes what JSON.stringify writes of the ordered copy, for any value', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(orderedJson(v)).toBe(reference(v));
        expect(orderedJson(v, FINDING_SHAPE)).toBe(reference(v, FINDING_SHAPE));
        expect(orderedJson([v, { findings: [v], summary: v }], REPORT_SHAPE)).toBe(reference([v, { findings: [v], summary: v }], REPORT_SHAPE));
      }),
      { numRuns: 500 },
    );
  });

  it('writes findings of any content as the general way does', () => {
    const finding = fc.record(
      {
        fingerprint: fc.string(),
        ruleId: fc.string(),
        severity: fc.string(),
        category: fc.string(),
        applicationId: fc.option(fc.string(), { nil: undefined }),
        staffId: fc.string(),
        status: fc.constantFrom('new', 'unchanged', undefined),
        message: fc.string(),
        evidence: fc.dictionary(key, fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.string()))),
        extra: fc.string(),
      },
      { requiredKeys: ['fingerprint', 'ruleId', 'message', 'evidence'] },
    );
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 5 }), (findings) => {
        const report = { ...realisticReport, findings } as unknown as Report;
        expect([...reportJsonChunks(report)].join('')).toBe(reference(report, REPORT_SHAPE));
      }),
      { numRuns: 300 },
    );
  });
});
