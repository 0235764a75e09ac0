import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AnyEvidence, EvidenceValueSchema, declaredEvidenceKeys, evidenceProblem } from '../../src/engine/define-rule.js';
import { compileObjectCheck, compileValueCheck } from '../../src/engine/evidence-check.js';
import { builtinRules } from '../../rules/index.js';

// Values that sit on every edge the compiled checks draw: NaN, the infinities, unsafe integers,
// -0, arrays with a stray element, objects, undefined.
const VALUES: readonly unknown[] = [
  'a',
  '',
  'x',
  'none',
  'disclose',
  'A',
  0,
  -0,
  1,
  -3,
  1.5,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 1,
  2 ** 60,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  true,
  false,
  null,
  undefined,
  [],
  ['a', 'b'],
  ['a', 1],
  [null],
  {},
  { a: 1 },
  new Date(0),
];

// A TypeScript numeric enum as compiled: its object maps the names to numbers and back.
const NumericEnum = { A: 0, B: 1, 0: 'A', 1: 'B' } as const;

const VALUE_SCHEMAS: readonly [string, z.ZodType][] = [
  ['string', z.string()],
  ['number', z.number()],
  ['integer', z.number().int()],
  ['boolean', z.boolean()],
  ['null', z.null()],
  ['enum', z.enum(['x', 'disclose', 'none'])],
  ['numeric enum (reverse-mapped names refused)', z.enum(NumericEnum)],
  ['nullable string', z.string().nullable()],
  ['nullable enum', z.enum(['x', 'none']).nullable()],
  ['optional integer', z.number().int().optional()],
  ['described optional string', z.string().optional().describe('why')],
  ['string array', z.array(z.string())],
  ['enum array', z.array(z.enum(['a', 'b']))],
  ['evidence value union', EvidenceValueSchema],
];

describe('compiled evidence checks agree with zod', () => {
  for (const [name, schema] of VALUE_SCHEMAS) {
    it(`${name}: same verdict as zod on every edge value`, () => {
      const check = compileValueCheck(schema);
      expect(check).not.toBeNull();
      for (const v of VALUES) expect([v, check!(v)]).toEqual([v, schema.safeParse(v).success]);
    });
  }

  it('same verdict as zod on arbitrary values (property)', () => {
    const checks = VALUE_SCHEMAS.map(([, s]) => [s, compileValueCheck(s)!] as const);
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withBoxedValues: true, withSparseArray: true }), (v) => {
        for (const [schema, check] of checks) expect(check(v)).toBe(schema.safeParse(v).success);
      }),
      { numRuns: 2000 },
    );
  });

  it('makes no checker for forms it does not read, so zod decides them', () => {
    for (const schema of [
      z.string().min(1),
      z.string().regex(/x/),
      z.number().positive(),
      z.number().int().max(3),
      z.array(z.string()).min(1),
      z.string().default('a'),
      z.date(),
      z.union([z.string(), z.date()]),
      z.string().transform((s) => s.length),
    ]) {
      expect(compileValueCheck(schema)).toBeNull();
    }
    expect(compileObjectCheck(z.strictObject({ a: z.string(), b: z.number().positive() }))).toBeNull();
    expect(compileObjectCheck(z.string())).toBeNull();
  });

  it('an object check wants every required key and lets an optional one be absent or undefined', () => {
    const schema = z.strictObject({ at: z.string(), days: z.number().int().optional(), list: z.array(z.string()) });
    const check = compileObjectCheck(schema)!;
    const cases: Record<string, unknown>[] = [
      { at: 'a', list: [] },
      { at: 'a', days: 3, list: ['x'] },
      { at: 'a', days: undefined, list: [] },
      { at: 'a', days: 1.5, list: [] },
      { days: 3, list: [] },
      { at: undefined, list: [] },
      { at: 'a' },
      { at: 'a', list: [1] },
    ];
    for (const c of cases) expect([c, check(c)]).toEqual([c, schema.safeParse(c).success]);
  });

  it("compiles every built-in rule's evidence schema (else each finding would take the slow path)", () => {
    const uncompiled = builtinRules.filter((r) => r.evidence !== undefined && compileObjectCheck(r.evidence) === null).map((r) => r.id);
    expect(uncompiled).toEqual([]);
  });
});

describe('evidenceProblem', () => {
  const schema = z.strictObject({ receivedAt: z.string(), daysOver: z.number().int() });
  const declared = declaredEvidenceKeys({ evidence: schema });

  it.each([
    [{ receivedAt: '2024-01-01', daysOver: 3 }, null],
    [{ receivedAt: '2024-01-01', daysOver: 3.5 }, 'evidence.daysOver'],
    [{ receivedAt: '2024-01-01' }, 'evidence.daysOver'],
    [{ receivedAt: '2024-01-01', daysOver: 3, extra: 1 }, 'evidence.extra is not declared'],
    [[], 'evidence must be an object'],
  ])('%j -> %s', (evidence, expected) => {
    const problem = evidenceProblem(schema, declared, evidence);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toContain(expected);
  });

  it('with no schema: camelCase keys of evidence values, as AnyEvidence says', () => {
    expect(evidenceProblem(undefined, null, { a: 'x', b: [], c: null, d: 2 })).toBeNull();
    expect(evidenceProblem(undefined, null, { a: { nested: 1 } })).toContain('evidence.a');
    expect(evidenceProblem(undefined, null, { a: Number.NaN })).toContain('evidence.a');
    expect(evidenceProblem(undefined, null, { Bad: 1 })).toContain('camelCase');
    expect(AnyEvidence.safeParse({ a: Number.NaN }).success).toBe(false);
  });
});
