import { describe, expect, it } from 'vitest';
import rule from '../../rules/handler-outlier.js';
import { app, dataset, day } from '../support/dataset.js';
import { runRule } from '../support/run-rule.js';
import type { Application } from '../../src/model/records.js';
import type { ReportedFinding, Severity } from '../../src/engine/types.js';

const AS_OF = day('2025-01-31');

function failure(applicationId: string, ruleId = 'no-outcome', severity: Severity = 'high'): ReportedFinding {
  return { ruleId, severity, applicationId, message: 'prior', evidence: {} };
}

/** `n` cases of handler `h`, the first `k` failing (each with a prior service-failure finding). */
function handled(h: string | null, n: number, k: number, prefix = h ?? 'none'): { apps: Application[]; prior: ReportedFinding[] } {
  const apps: Application[] = [];
  const prior: ReportedFinding[] = [];
  const ruleIds = ['no-outcome', 'disclosure-not-made', 'deadline-missed', 'withheld-despite-history'];
  for (let i = 0; i < n; i++) {
    const id = `${prefix}-${String(i).padStart(3, '0')}`;
    apps.push(app({ application_id: id, handler_id: h }));
    if (i < k) prior.push(failure(id, ruleIds[i % ruleIds.length]!));
  }
  return { apps, prior };
}

function combine(...parts: { apps: Application[]; prior: ReportedFinding[] }[]) {
  return { apps: parts.flatMap((p) => p.apps), prior: parts.flatMap((p) => p.prior) };
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

describe('handler-outlier', () => {
  // H1: 20 cases, 9 failing. B: 180 cases with `f` failing. p0 = (9 + f) / 200.
  it.each([
    { f: 19, fires: true }, // p0 = 0.14:  tail ≈ 0.000799
    { f: 20, fires: false }, // p0 = 0.145: tail ≈ 0.001036
  ])('tail probability straddling 0.001: B with $f failures', ({ f, fires }) => {
    const { apps, prior } = combine(handled('H1', 20, 9), handled('B', 180, f));
    const p0Failures = 9 + f;
    const expectedTail = exactTail(9, 20, p0Failures, 200);
    expect(expectedTail < 0.001).toBe(fires);
    expect(Math.abs(expectedTail - 0.001)).toBeLessThan(0.0003);

    const findings = runRule(rule, dataset({ applications: apps }), { asOf: AS_OF, prior });
    if (!fires) {
      expect(findings).toEqual([]);
      return;
    }
    expect(findings).toHaveLength(1);
    const [f1] = findings;
    expect(f1!.staffId).toBe('H1');
    expect(f1!.applicationId).toBeUndefined();
    expect(f1!.severity).toBe('high');
    expect(f1!.evidence).toMatchObject({
      n: 20,
      failures: 9,
      rate: 0.45,
      p0: p0Failures / 200,
      p0Failures,
      p0Cases: 200,
      threshold: 0.001,
      minCases: 20,
      failingApplicationIds: Array.from({ length: 9 }, (_, i) => `H1-00${i}`),
    });
    const tail = f1!.evidence.tailProbability as number;
    expect(Math.abs(tail - expectedTail) / expectedTail).toBeLessThan(1e-9);
    expect(f1!.message).toBe(
      'Handler H1 had 9 failing cases out of 20 (45.0%) against 14.0% over all handled cases, a tail probability of 0.000799, below 0.001.',
    );
  });

  it.each([
    { n: 19, fires: false },
    { n: 20, fires: true },
  ])('needs at least 20 cases: n = $n with 9 failing', ({ n, fires }) => {
    const { apps, prior } = combine(handled('H1', n, 9), handled('B', 180, 0));
    const findings = runRule(rule, dataset({ applications: apps }), { asOf: AS_OF, prior });
    expect(findings.map((f) => f.staffId)).toEqual(fires ? ['H1'] : []);
    if (fires) {
      expect(findings[0]!.evidence).toMatchObject({ n: 20, failures: 9, p0: 9 / 200, p0Cases: 200 });
      expect(findings[0]!.evidence.tailProbability as number).toBeCloseTo(exactTail(9, 20, 9, 200), 15);
    }
  });

  it('honours minCases and alpha from the options', () => {
    const { apps, prior } = combine(handled('H1', 19, 9), handled('B', 180, 19));
    expect(runRule(rule, dataset({ applications: apps }), { asOf: AS_OF, prior })).toEqual([]);
    const found = runRule(rule, dataset({ applications: apps }), { asOf: AS_OF, prior, options: { minCases: 19 } });
    expect(found.map((f) => f.staffId)).toEqual(['H1']);
    expect(found[0]!.evidence).toMatchObject({ minCases: 19, n: 19 });
    const stricter = runRule(rule, dataset({ applications: apps }), { asOf: AS_OF, prior, options: { minCases: 19, alpha: 1e-9 } });
    expect(stricter).toEqual([]);
  });

  it('gives no finding when p0 is 0', () => {
    const { apps } = combine(handled('H1', 40, 0), handled('B', 40, 0));
    // A failing case without a handler does not enter p0.
    const orphan = handled(null, 1, 1, 'X');
    const findings = runRule(rule, dataset({ applications: [...apps, ...orphan.apps] }), { asOf: AS_OF, prior: orphan.prior });
    expect(findings).toEqual([]);
  });

  it('counts an application once, ignores deadline-missed at info and findings of other rules', () => {
    const base = combine(handled('H1', 20, 0), handled('B', 180, 10));
    // H1: 5 real failures, two of them with several failure findings; 5 cases with only
    // deadline-missed at info (exceptional circumstances) or a non-failure rule.
    const prior: ReportedFinding[] = [
      ...base.prior,
      ...['H1-000', 'H1-001', 'H1-002', 'H1-003', 'H1-004'].map((id) => failure(id, 'disclosure-not-made')),
      failure('H1-000', 'deadline-missed', 'high'),
      failure('H1-001', 'withheld-despite-history'),
      ...['H1-010', 'H1-011', 'H1-012'].map((id) => failure(id, 'deadline-missed', 'info')),
      ...['H1-013', 'H1-014'].map((id) => failure(id, 'face-to-face-late', 'low')),
    ];
    const findings = runRule(rule, dataset({ applications: base.apps }), { asOf: AS_OF, prior, options: { alpha: 0.05 } });
    expect(findings.map((f) => f.staffId)).toEqual(['H1']);
    expect(findings[0]!.evidence).toMatchObject({
      failures: 5,
      p0Failures: 15,
      p0Cases: 200,
      failingApplicationIds: ['H1-000', 'H1-001', 'H1-002', 'H1-003', 'H1-004'],
    });
    expect(findings[0]!.evidence.tailProbability as number).toBeCloseTo(exactTail(5, 20, 15, 200), 15);
  });

  it('reports every outlier, in handler id order, and never a handler at the base rate', () => {
    const { apps, prior } = combine(handled('Z9', 20, 12), handled('A1', 25, 15), handled('M', 400, 10));
    const findings = runRule(rule, dataset({ applications: apps }), { asOf: AS_OF, prior });
    expect(findings.map((f) => [f.staffId, f.evidence.n, f.evidence.failures])).toEqual([
      ['A1', 25, 15],
      ['Z9', 20, 12],
    ]);
  });

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

describe('handler-outlier in the engine', () => {
  it('reads the findings the service-failure rules reported earlier in the same run', async () => {
    const { runRules } = await import('../../src/engine/run.js');
    const good = (id: string, h: string) =>
      app({ application_id: id, handler_id: h, received_at: '2023-05-02', decision: 'disclose', decision_at: '2023-05-10', disclosure_at: '2023-05-12', disclosure_method: 'in_person', closed_at: '2023-05-12' });
    // Closed with no decision: a no-outcome finding, a service failure.
    const failed = (id: string, h: string) => app({ application_id: id, handler_id: h, received_at: '2023-05-02', closed_at: '2023-05-12' });
    const apps = [
      ...Array.from({ length: 9 }, (_, i) => failed(`H1-F${i}`, 'H1')),
      ...Array.from({ length: 11 }, (_, i) => good(`H1-G${i}`, 'H1')),
      ...Array.from({ length: 180 }, (_, i) => good(`B-${i}`, 'B')),
    ];
    const ds = dataset({ applications: apps });
    const outliers = (rules?: Record<string, 'off'>) =>
      runRules({ dataset: ds, asOf: AS_OF, ...(rules ? { rules } : {}) }).findings.filter((f) => f.ruleId === 'handler-outlier');

    const found = outliers();
    expect(found.map((f) => [f.staffId, f.severity, f.category])).toEqual([['H1', 'high', 'conduct']]);
    expect(found[0]!.evidence).toMatchObject({ n: 20, failures: 9, p0: 9 / 200, p0Cases: 200 });
    expect(found[0]!.evidence.tailProbability as number).toBeCloseTo(exactTail(9, 20, 9, 200), 15);
    // With no-outcome off there are no failures, so p0 = 0 and nothing fires.
    expect(outliers({ 'no-outcome': 'off' })).toEqual([]);

    // A plugin that declares itself a service failure is counted too (metadata, not a list of ids),
    // even though it comes after handler-outlier in the rule list.
    const { z } = await import('zod');
    const plugin = {
      id: 'local-failure',
      title: 'A local service failure',
      category: 'safeguarding' as const,
      severity: 'high' as const,
      rationale: 'test',
      serviceFailure: true,
      options: z.strictObject({}),
      check(ctx: { dataset: typeof ds; report: (f: { applicationId: string; message: string; evidence: Record<string, never> }) => void }) {
        for (const a of ctx.dataset.applications) if (a.application_id.startsWith('H1-F')) ctx.report({ applicationId: a.application_id, message: 'local', evidence: {} });
      },
    };
    const withPlugin = runRules({ dataset: ds, asOf: AS_OF, rules: { 'no-outcome': 'off' }, plugins: [plugin] }).findings.filter(
      (f) => f.ruleId === 'handler-outlier',
    );
    expect(withPlugin.map((f) => [f.staffId, f.evidence.failures])).toEqual([['H1', 9]]);
    const undeclared = runRules({ dataset: ds, asOf: AS_OF, rules: { 'no-outcome': 'off' }, plugins: [{ ...plugin, serviceFailure: false }] }).findings;
    expect(undeclared.filter((f) => f.ruleId === 'handler-outlier')).toEqual([]);
  });
});
