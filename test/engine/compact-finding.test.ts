import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { applyBaseline } from '../../src/baseline/index.js';
import { CompactFinding, withMembers } from '../../src/engine/compact-finding.js';
import { defineRule } from '../../src/engine/define-rule.js';
import { runRules } from '../../src/engine/run.js';
import type { Finding, ReportedFinding, RuleDefinition } from '../../src/engine/types.js';
import type { Report } from '../../src/model/report.js';
import { app, dataset, day } from '../support/dataset.js';

const AS_OF = day('2024-06-01');
const data = () => dataset({ applications: [app({ application_id: 'A', received_at: '2024-01-02' }), app({ application_id: 'B', received_at: '2024-01-03' })] });
const asPlugin = (rule: unknown) => rule as RuleDefinition<unknown>;

interface Reported {
  readonly id: string;
  readonly message: string;
  readonly evidence: { n?: number | undefined; at: string };
  readonly key?: readonly string[];
}

// The same findings, reported in full or compactly; `calls` counts the descriptions built.
function rule(compact: boolean, items: readonly Reported[], calls = { n: 0 }) {
  return asPlugin(
    defineRule({
      id: 'late',
      title: 't',
      category: 'conduct',
      severity: 'low',
      rationale: 'r',
      options: z.object({}),
      evidence: z.strictObject({ n: z.number().optional(), at: z.string() }),
      check(ctx) {
        for (const item of items) {
          const ids = { applicationId: item.id, ...(item.key === undefined ? {} : { key: item.key }) };
          if (!compact) ctx.report({ ...ids, message: item.message, evidence: item.evidence });
          else
            ctx.report({
              ...ids,
              describe: () => {
                calls.n += 1;
                return { message: item.message, evidence: item.evidence };
              },
            });
        }
      },
    }),
  );
}

const ONLY = { 'deadline-missed': 'off', 'no-outcome': 'off', 'future-date': 'off', 'date-order': 'off' } as const;
const run = (plugin: RuleDefinition<unknown>) =>
  runRules({ dataset: data(), asOf: AS_OF, plugins: [plugin], rules: ONLY }).findings.filter((f) => f.ruleId === plugin.id);
// What a finding says, whichever way it was reported.
const said = (fs: readonly Finding[]) => fs.map((f) => ({ ...f }));

const CASES: readonly { name: string; items: Reported[] }[] = [
  { name: 'one finding', items: [{ id: 'A', message: 'late', evidence: { n: 1, at: '2024-01-02' } }] },
  { name: 'an optional key left undefined', items: [{ id: 'A', message: 'late', evidence: { n: undefined, at: '2024-01-02' } }] },
  {
    name: 'an exact repeat, kept once',
    items: [
      { id: 'B', message: 'late', evidence: { at: '2024-01-03' } },
      { id: 'B', message: 'late', evidence: { at: '2024-01-03' } },
    ],
  },
  {
    name: 'one identity, two contents (told apart by their content)',
    items: [
      { id: 'A', message: 'one', evidence: { n: 1, at: 'x' }, key: ['I1'] },
      { id: 'A', message: 'two', evidence: { n: undefined, at: 'x' }, key: ['I1'] },
      { id: 'A', message: 'three', evidence: { at: 'x' }, key: ['I1'] },
    ],
  },
];

describe('compact findings', () => {
  it.each(CASES)('give the findings, fingerprints included, that a full report gives: $name', ({ items }) => {
    const full = run(rule(false, items));
    const compact = run(rule(true, items));
    expect(compact.length).toBeGreaterThan(0);
    expect(said(compact)).toEqual(said(full));
    expect(JSON.stringify(compact.map((f) => f.evidence))).toBe(JSON.stringify(full.map((f) => f.evidence)));
  });

  it('keep the fingerprints the engine gave before findings were compact (recorded from the previous engine)', () => {
    // An optional key left undefined counts in a clash's fingerprint as the rule gave it.
    const items = CASES[3]!.items;
    for (const compact of [false, true]) {
      const found = run(rule(compact, items)).map((f) => [f.message, f.fingerprint]);
      expect(found).toEqual([
        ['two', '6bbf376d05bda6aa0016'],
        ['three', 'b720d4b37a2a87ebc3f8'],
        ['one', 'f3fe44766bd121c748a0'],
      ]);
    }
  });

  it('build nothing when reported, and their description each time one is read', () => {
    const calls = { n: 0 };
    const [f] = run(rule(true, [{ id: 'A', message: 'late', evidence: { n: 1, at: 'y' } }], calls));
    expect(calls.n).toBe(0);
    expect(f!.message).toBe('late');
    expect(f!.evidence).toEqual({ n: 1, at: 'y' });
    expect(calls.n).toBe(1);
    // Read as a plain object: JSON, a spread and the keys see the message and evidence.
    expect(JSON.parse(JSON.stringify(f))).toMatchObject({ message: 'late', evidence: { n: 1, at: 'y' } });
    expect({ ...f }.message).toBe('late');
    expect(Object.keys(f!)).toEqual(expect.arrayContaining(['message', 'evidence', 'fingerprint']));
  });

  it('check the evidence when it is built, naming the rule', () => {
    const [f] = run(rule(true, [{ id: 'A', message: 'late', evidence: { n: 'x' as unknown as number, at: 'y' } }]));
    expect(() => f!.evidence).toThrow(/rule late described a finding whose evidence\.n/);
    const [g] = run(rule(true, [{ id: 'A', message: '', evidence: { at: 'y' } }]));
    expect(() => g!.message).toThrow('rule late described a finding without a message');
  });

  it('refuse a finding with both describe and a message', () => {
    const both = asPlugin({
      ...rule(true, []),
      id: 'both',
      check(ctx: { report(f: unknown): void }) {
        ctx.report({ applicationId: 'A', message: 'm', evidence: {}, describe: () => ({ message: 'm', evidence: {} }) });
      },
    });
    expect(() => run(both)).toThrow('rule both reported a finding with both describe and a message or evidence');
  });

  it('are read by a later rule through findingsOf with their message and evidence', () => {
    const seen: ReportedFinding[] = [];
    const reader = asPlugin(
      defineRule({
        id: 'reader',
        title: 't',
        category: 'conduct',
        severity: 'info',
        rationale: 'r',
        after: ['late'],
        options: z.object({}),
        evidence: z.object({}),
        check(ctx) {
          seen.push(...ctx.findingsOf('late').map((f) => ({ ...f })));
        },
      }),
    );
    const compact = rule(true, [{ id: 'B', message: 'late', evidence: { at: 'z' }, key: ['K'] }]);
    runRules({ dataset: data(), asOf: AS_OF, plugins: [compact, reader], rules: ONLY });
    expect(seen).toEqual([{ ruleId: 'late', severity: 'low', applicationId: 'B', key: ['K'], message: 'late', evidence: { at: 'z' } }]);
  });

  it('stay compact when the baseline and the worklist set their members', () => {
    const calls = { n: 0 };
    const [f] = run(rule(true, [{ id: 'A', message: 'late', evidence: { at: 'y' } }], calls));
    const baseline = { asOf: '2024-05-01', findings: [{ ...f!, firstSeen: '2024-04-01' }] } as unknown as Report;
    calls.n = 0;
    const [marked] = applyBaseline([f!], baseline).findings;
    expect(marked).toBeInstanceOf(CompactFinding);
    expect(calls.n).toBe(0);
    expect(marked).toMatchObject({ status: 'unchanged', firstSeen: '2024-04-01', message: 'late', fingerprint: f!.fingerprint });
    // The finding given is left as it was.
    expect(f!.status).toBeUndefined();
    const dismissed = withMembers(marked!, { dismissed: true });
    expect(dismissed).toBeInstanceOf(CompactFinding);
    expect(dismissed).toEqual({ ...marked, dismissed: true });
  });
});
