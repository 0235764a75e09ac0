import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import rule from '../../rules/handler-outlier.js';
import { defineRule } from '../../src/engine/define-rule.js';
import type { AnyRule } from '../../src/engine/registry.js';
import type { Severity } from '../../src/engine/types.js';
import type { Application } from '../../src/model/records.js';
import { app } from '../support/dataset.js';
import { RuleTester } from '../support/rule-tester.js';

const tester = new RuleTester({ asOf: '2025-01-31' });

interface Failure {
  readonly applicationId: string;
  readonly severity: Severity;
}

/**
 * A rule run beside handler-outlier that reports the given failures: a service failure unless
 * `serviceFailure` is false. Stands for the failure rules, so each case states its failures directly.
 */
function reports(id: string, failures: readonly Failure[], serviceFailure = true): AnyRule {
  return defineRule({
    id,
    title: `stub: ${id}`,
    category: 'safeguarding',
    severity: 'high',
    rationale: 'test stub',
    serviceFailure,
    options: z.strictObject({}),
    evidence: z.strictObject({}),
    check(ctx) {
      for (const f of failures) ctx.report({ applicationId: f.applicationId, severity: f.severity, message: 'stub failure', evidence: {} });
    },
  });
}

const high = (applicationId: string): Failure => ({ applicationId, severity: 'high' });

/** `n` cases of handler `h`, the first `k` failing. */
function handled(h: string | null, n: number, k: number, prefix = h ?? 'none'): { apps: Application[]; failing: Failure[] } {
  const apps: Application[] = [];
  const failing: Failure[] = [];
  for (let i = 0; i < n; i++) {
    const id = `${prefix}-${String(i).padStart(3, '0')}`;
    apps.push(app({ application_id: id, handler_id: h }));
    if (i < k) failing.push(high(id));
  }
  return { apps, failing };
}

/** The tables and the failure rule of several handlers' cases. */
function handlers(...parts: { apps: Application[]; failing: Failure[] }[]) {
  return {
    tables: { applications: parts.flatMap((p) => p.apps) },
    alongside: [reports('stub-failures', parts.flatMap((p) => p.failing))],
  };
}

/** P(X ≥ k), X ~ Bin(n, a/b), summed exactly in integers: an independent check of the rule's numbers. */
function exactTail(k: number, n: number, a: number, b: number): number {
  let num = 0n;
  let binom = 1n; // C(n, i), built up as i goes from 0
  for (let i = 0; i <= n; i++) {
    if (i > 0) binom = (binom * BigInt(n - i + 1)) / BigInt(i);
    if (i >= k) num += binom * BigInt(a) ** BigInt(i) * BigInt(b - a) ** BigInt(n - i);
  }
  const den = BigInt(b) ** BigInt(n);
  const SCALE = 10n ** 30n;
  return Number((num * SCALE) / den) / 1e30;
}

// H1: 20 cases, 9 failing. B: 180 cases with `f` failing. p0 = (9 + f) / 200.
const straddle = (f: number) => handlers(handled('H1', 20, 9), handled('B', 180, f));
const FIRES = exactTail(9, 20, 28, 200); // f = 19, p0 = 0.14: tail ≈ 0.000799
const QUIET = exactTail(9, 20, 29, 200); // f = 20, p0 = 0.145: tail ≈ 0.001036

describe('handler-outlier: the exact tails straddle 0.001', () => {
  it('checks the independent numbers the cases below rely on', () => {
    expect(FIRES).toBeLessThan(0.001);
    expect(QUIET).toBeGreaterThan(0.001);
    expect(Math.abs(FIRES - 0.001)).toBeLessThan(0.0003);
    expect(Math.abs(QUIET - 0.001)).toBeLessThan(0.0003);
  });
});

const base = handlers(handled('H1', 20, 0), handled('B', 180, 10));

tester.run(rule, {
  valid: [
    { name: 'tail probability straddling 0.001: B with 20 failures', ...straddle(20) },
    { name: 'needs at least 20 cases: n = 19 with 9 failing', ...handlers(handled('H1', 19, 9), handled('B', 180, 0)) },
    { name: 'honours minCases: 19 cases are too few by default', ...handlers(handled('H1', 19, 9), handled('B', 180, 19)) },
    { name: 'honours alpha: a stricter alpha from the options', options: { minCases: 19, alpha: 1e-9 }, ...handlers(handled('H1', 19, 9), handled('B', 180, 19)) },
    {
      // A failing case without a handler does not enter p0.
      name: 'gives no finding when p0 is 0',
      ...handlers(handled('H1', 40, 0), handled('B', 40, 0), handled(null, 1, 1, 'X')),
    },
  ],
  invalid: [
    {
      name: 'tail probability straddling 0.001: B with 19 failures',
      ...straddle(19),
      findings: [
        {
          staffId: 'H1',
          severity: 'high',
          message:
            'Handler H1 had 9 failing cases out of 20 (45.0%) against 14.0% over all handled cases, a tail probability of 0.000799, below 0.001.',
          evidence: {
            n: 20,
            failures: 9,
            rate: 0.45,
            p0: 28 / 200,
            p0Failures: 28,
            p0Cases: 200,
            threshold: 0.001,
            minCases: 20,
            failingApplicationIds: Array.from({ length: 9 }, (_, i) => `H1-00${i}`),
            // Relative error below 1e-9 at a tail of ~8e-4.
            tailProbability: expect.closeTo(FIRES, 12),
          },
        },
      ],
    },
    {
      name: 'needs at least 20 cases: n = 20 with 9 failing',
      ...handlers(handled('H1', 20, 9), handled('B', 180, 0)),
      findings: [{ staffId: 'H1', evidence: { n: 20, failures: 9, p0: 9 / 200, p0Cases: 200, tailProbability: expect.closeTo(exactTail(9, 20, 9, 200), 15) } }],
    },
    {
      name: 'honours minCases from the options',
      options: { minCases: 19 },
      ...handlers(handled('H1', 19, 9), handled('B', 180, 19)),
      findings: [{ staffId: 'H1', evidence: { minCases: 19, n: 19 } }],
    },
    {
      name: 'counts an application once, ignores service failures at info and findings of rules that are not service failures',
      options: { alpha: 0.05 },
      tables: base.tables,
      // H1: 5 real failures, two of them with several failure findings; 3 cases failing only at
      // info (deadline-missed with exceptional circumstances) and 2 only under a non-failure rule.
      alongside: [
        ...base.alongside,
        reports('stub-more-failures', [...['H1-000', 'H1-001', 'H1-002', 'H1-003', 'H1-004'].map(high), high('H1-000')]),
        reports('stub-third-failure', [high('H1-001'), ...['H1-010', 'H1-011', 'H1-012'].map((id) => ({ applicationId: id, severity: 'info' as const }))]),
        reports('stub-not-a-failure', ['H1-013', 'H1-014'].map((id) => ({ applicationId: id, severity: 'low' as const })), false),
      ],
      findings: [
        {
          staffId: 'H1',
          evidence: {
            failures: 5,
            p0Failures: 15,
            p0Cases: 200,
            failingApplicationIds: ['H1-000', 'H1-001', 'H1-002', 'H1-003', 'H1-004'],
            tailProbability: expect.closeTo(exactTail(5, 20, 15, 200), 15),
          },
        },
      ],
    },
    {
      name: 'reports every outlier, in handler id order, and never a handler at the base rate',
      ...handlers(handled('Z9', 20, 12), handled('A1', 25, 15), handled('M', 400, 10)),
      findings: [
        { staffId: 'A1', evidence: { n: 25, failures: 15 } },
        { staffId: 'Z9', evidence: { n: 20, failures: 12 } },
      ],
    },
  ],
});

describe('handler-outlier metadata', () => {
  it('reads the service failures (whichever rules declare them) and validates its options', () => {
    expect(rule.readsServiceFailures).toBe(true);
    expect(rule.after).toBeUndefined();
    expect(rule.requires ?? []).toEqual([]);
    expect(rule.options.parse({})).toEqual({ minCases: 20, alpha: 0.001 });
    expect(() => rule.options.parse({ alpha: 0 })).toThrow();
    expect(() => rule.options.parse({ minCases: 2.5 })).toThrow();
    expect(() => rule.options.parse({ mincases: 10 })).toThrow();
  });
});

describe('handler-outlier with the built-in failure rules', () => {
  const good = (id: string, h: string) =>
    app({ application_id: id, handler_id: h, received_at: '2023-05-02', decision: 'disclose', decision_at: '2023-05-10', disclosure_at: '2023-05-12', disclosure_method: 'in_person', closed_at: '2023-05-12' });
  // Closed with no decision: a no-outcome finding, a service failure.
  const failed = (id: string, h: string) => app({ application_id: id, handler_id: h, received_at: '2023-05-02', closed_at: '2023-05-12' });
  const applications = [
    ...Array.from({ length: 9 }, (_, i) => failed(`H1-F${i}`, 'H1')),
    ...Array.from({ length: 11 }, (_, i) => good(`H1-G${i}`, 'H1')),
    ...Array.from({ length: 180 }, (_, i) => good(`B-${i}`, 'B')),
  ];
  // A plugin that declares itself a service failure is counted too (metadata, not a list of ids).
  const local = reports('local-failure', applications.filter((a) => a.application_id.startsWith('H1-F')).map((a) => high(a.application_id)));

  new RuleTester({ asOf: '2025-01-31' }).run(rule, {
    valid: [
      // With no-outcome off there are no failures, so p0 = 0 and nothing fires.
      { name: 'with no built-in failure rule on, nothing fails', tables: { applications }, alongside: [] },
      {
        name: 'a plugin that does not declare serviceFailure is not counted',
        tables: { applications },
        alongside: [reports('local-failure', applications.filter((a) => a.application_id.startsWith('H1-F')).map((a) => high(a.application_id)), false)],
      },
    ],
    invalid: [
      {
        name: 'reads the findings the service-failure rules reported earlier in the same run',
        tables: { applications },
        findings: [{ staffId: 'H1', severity: 'high', evidence: { n: 20, failures: 9, p0: 9 / 200, p0Cases: 200, tailProbability: expect.closeTo(exactTail(9, 20, 9, 200), 15) } }],
      },
      { name: 'a plugin that declares serviceFailure is counted', tables: { applications }, alongside: [local], findings: [{ staffId: 'H1', evidence: { failures: 9 } }] },
    ],
  });
});
