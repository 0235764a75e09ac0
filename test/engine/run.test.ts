import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineRule } from '../../src/engine/define-rule.js';
import { runRules } from '../../src/engine/run.js';
import type { RuleDefinition } from '../../src/engine/types.js';
import { ConfigError } from '../../src/errors.js';
import { app, dataset, day, incident } from '../support/dataset.js';

const AS_OF = day('2024-06-01');

// A few applications that trip the built-in rules in known ways.
function sample() {
  return dataset({
    applications: [
      // deadline-missed at medium (29 > 28 days); B and C have their decision-maker records
      // (decision_record_at), so the records rules stay quiet and the list is the outcome rules'
      app({ application_id: 'B', received_at: '2023-04-05', decision: 'no_disclosure', decision_at: '2023-05-04', decision_record_at: '2023-05-04' }),
      // no-outcome (closed without a decision)
      app({ application_id: 'A', received_at: '2023-06-01', closed_at: '2023-06-03' }),
      // deadline-missed at high (57 > 56), disclosure-not-in-person
      app({ application_id: 'C', received_at: '2023-06-01', decision: 'disclose', disclosure_at: '2023-07-28', disclosure_method: 'telephone', decision_record_at: '2023-07-20' }),
      // withdrawn: nothing from the outcome rules
      app({ application_id: 'W', received_at: '2023-01-02', decision: 'withdrawn' }),
    ],
  });
}

const asPlugin = (rule: unknown) => rule as RuleDefinition<unknown>;

describe('runRules', () => {
  it('runs the built-in rules and sorts findings by severity, rule, application', () => {
    const { findings } = runRules({ dataset: sample(), asOf: AS_OF });
    expect(findings.map((f) => [f.severity, f.ruleId, f.applicationId])).toEqual([
      ['high', 'deadline-missed', 'C'],
      ['high', 'no-outcome', 'A'],
      ['medium', 'deadline-missed', 'B'],
      ['low', 'disclosure-not-in-person', 'C'],
    ]);
    for (const f of findings) expect(f.fingerprint).toMatch(/^[0-9a-f]{20}$/);
    expect(findings[0]?.category).toBe('timeliness');
  });

  it('gives the same output whatever the row order (fingerprints do not hang on rows)', () => {
    const a = runRules({ dataset: sample(), asOf: AS_OF });
    const reversed = dataset({ applications: [...sample().applications].reverse() });
    const b = runRules({ dataset: reversed, asOf: AS_OF });
    expect(JSON.stringify(b.findings)).toBe(JSON.stringify(a.findings));
  });

  it('applies "off", a severity and options from the config', () => {
    const { findings, rules, options } = runRules({
      dataset: sample(),
      asOf: AS_OF,
      rules: {
        'no-outcome': 'off',
        'disclosure-not-in-person': 'critical',
        'deadline-missed': { severity: 'low', options: { graceDays: 1 } },
      },
    });
    expect(findings.map((f) => [f.severity, f.ruleId, f.applicationId])).toEqual([
      ['critical', 'disclosure-not-in-person', 'C'],
      // escalation stays explicit; B's 29 days is within 28 + 1 grace day
      ['high', 'deadline-missed', 'C'],
    ]);
    expect(rules.find((r) => r.id === 'no-outcome')).toMatchObject({ enabled: false, severity: 'high' });
    expect(rules.find((r) => r.id === 'deadline-missed')).toMatchObject({ enabled: true, severity: 'low' });
    expect(options['deadline-missed']).toMatchObject({ graceDays: 1, schedule: [{ days: 35 }, { days: 28 }] });
    expect(options['no-outcome']).toBeUndefined();
  });

  it.each([
    [{ 'no-such-rule': 'off' }, 'rules.no-such-rule: unknown rule "no-such-rule"'],
    [{ 'deadline-missed': { options: { graceDays: 'two' } } }, 'rules.deadline-missed.options.graceDays: expected number, received string'],
    [{ 'deadline-missed': { options: { graceDay: 2 } } }, 'rules.deadline-missed.options.graceDay: unknown option'],
    [{ 'deadline-missed': { options: { schedule: [{ from: '2023-02-30', days: 28 }] } } }, 'rules.deadline-missed.options.schedule[0].from: expected a date YYYY-MM-DD'],
    [{ 'deadline-missed': 'urgent' }, 'rules.deadline-missed: expected "off" or a severity'],
    [{ 'deadline-missed': { severity: 'urgent' } }, 'rules.deadline-missed.severity: expected one of critical, high, medium, low, info'],
  ] as const)('rejects bad config %j naming the path', (rules, message) => {
    const run = () => runRules({ dataset: sample(), asOf: AS_OF, rules: rules as never });
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(message);
  });

  it('skips a rule whose table is absent and says why', () => {
    const needsIncidents = defineRule({
      id: 'needs-incidents',
      title: 't',
      category: 'safeguarding',
      severity: 'high',
      rationale: 'r',
      requires: ['incidents', 'history'],
      options: z.object({}), evidence: z.object({}),
      check: (ctx) => ctx.report({ applicationId: 'A', message: 'ran', evidence: {} }),
    });
    const without = runRules({ dataset: sample(), asOf: AS_OF, plugins: [asPlugin(needsIncidents)] });
    expect(without.rules.find((r) => r.id === 'needs-incidents')).toEqual({
      id: 'needs-incidents',
      title: 't',
      category: 'safeguarding',
      severity: 'high',
      enabled: true,
      // A plugin that declares no metadata gets the defaults.
      failureType: 'none',
      serviceFailure: false,
      decisionBasis: false,
      skippedReason: 'needs incidents.csv, history.csv (not supplied)',
    });
    expect(without.findings.some((f) => f.ruleId === 'needs-incidents')).toBe(false);

    const withTables = dataset({
      applications: [...sample().applications],
      incidents: [incident({ incident_id: 'I1', occurred_at: '2023-07-01', victim_id: 'x', suspect_id: 'y' })],
      history: [],
    });
    const ran = runRules({ dataset: withTables, asOf: AS_OF, plugins: [asPlugin(needsIncidents)] });
    expect(ran.rules.find((r) => r.id === 'needs-incidents')?.skippedReason).toBeUndefined();
    expect(ran.findings.some((f) => f.ruleId === 'needs-incidents')).toBe(true);
  });

  it('(v2) skips a rule whose column the export lacks, naming the column; runs it when the column is there, even empty', () => {
    const needsRecord = defineRule({
      id: 'needs-record-column',
      title: 't',
      category: 'records',
      severity: 'medium',
      rationale: 'r',
      columns: { applications: ['decision_record_at'] },
      options: z.object({}),
      evidence: z.object({}),
      check: (ctx) => ctx.report({ applicationId: 'A', message: 'ran', evidence: {} }),
    });
    const apps = [...sample().applications];
    const lacking = dataset({ applications: apps, columns: { applications: ['application_id', 'route', 'received_at', 'person_at_risk_id', 'subject_id'] } });
    const skipped = runRules({ dataset: lacking, asOf: AS_OF, plugins: [asPlugin(needsRecord)] });
    expect(skipped.rules.find((r) => r.id === 'needs-record-column')?.skippedReason).toBe('needs column decision_record_at of applications.csv (not in the export)');
    expect(skipped.findings.some((f) => f.ruleId === 'needs-record-column')).toBe(false);
    const supplied = dataset({ applications: apps, columns: { applications: ['application_id', 'decision_record_at'] } });
    const ran = runRules({ dataset: supplied, asOf: AS_OF, plugins: [asPlugin(needsRecord)] });
    expect(ran.rules.find((r) => r.id === 'needs-record-column')?.skippedReason).toBeUndefined();
    expect(ran.findings.some((f) => f.ruleId === 'needs-record-column')).toBe(true);
  });

  it('refuses a rule that lists a column its table does not have', () => {
    expect(() =>
      defineRule({
        id: 'bad-columns',
        title: 't',
        category: 'records',
        severity: 'medium',
        rationale: 'r',
        columns: { applications: ['no_such_column'] },
        options: z.object({}),
        evidence: z.object({}),
        check: () => undefined,
      }),
    ).toThrow(/columns\.applications must list columns of the applications table/);
  });

  it('runs a rule after the rules it reads, whatever the listed order', () => {
    const seen: string[] = [];
    const reader = defineRule({
      id: 'reader',
      title: 't',
      category: 'conduct',
      severity: 'info',
      rationale: 'r',
      after: ['writer', 'deadline-missed'],
      options: z.object({}), evidence: z.object({}),
      check(ctx) {
        seen.push('reader');
        for (const f of [...ctx.findingsOf('writer'), ...ctx.findingsOf('deadline-missed')]) {
          ctx.report({ applicationId: f.applicationId!, message: `saw ${f.ruleId} at ${f.severity}`, evidence: {}, key: [f.ruleId] });
        }
      },
    });
    const writer = defineRule({
      id: 'writer',
      title: 't',
      category: 'conduct',
      severity: 'low',
      rationale: 'r',
      options: z.object({}), evidence: z.object({}),
      check(ctx) {
        seen.push('writer');
        ctx.report({ applicationId: 'A', message: 'wrote', evidence: {} });
      },
    });
    const { findings, rules } = runRules({ dataset: sample(), asOf: AS_OF, plugins: [asPlugin(reader), asPlugin(writer)] });
    expect(seen).toEqual(['writer', 'reader']);
    expect(rules.map((r) => r.id).indexOf('writer')).toBeLessThan(rules.map((r) => r.id).indexOf('reader'));
    expect(findings.filter((f) => f.ruleId === 'reader').map((f) => f.message).sort()).toEqual([
      'saw deadline-missed at high',
      'saw deadline-missed at medium',
      'saw writer at low',
    ]);
  });

  it('refuses a cycle of "after"', () => {
    const mk = (id: string, after: string) =>
      asPlugin(defineRule({ id, title: 't', category: 'conduct', severity: 'info', rationale: 'r', after: [after], options: z.object({}), evidence: z.object({}), check() {} }));
    expect(() => runRules({ dataset: sample(), asOf: AS_OF, plugins: [mk('x-rule', 'y-rule'), mk('y-rule', 'x-rule')] })).toThrow(
      /x-rule, y-rule wait for each other/,
    );
  });

  it('refuses a plugin that repeats a built-in id', () => {
    const clash = asPlugin(defineRule({ id: 'no-outcome', title: 't', category: 'conduct', severity: 'info', rationale: 'r', options: z.object({}), evidence: z.object({}), check() {} }));
    expect(() => runRules({ dataset: sample(), asOf: AS_OF, plugins: [clash] })).toThrow(/rule id "no-outcome" is defined twice/);
  });

  it('keeps two findings of one application apart by key, and an exact repeat once', () => {
    const twice = asPlugin(
      defineRule({
        id: 'twice',
        title: 't',
        category: 'conduct',
        severity: 'info',
        rationale: 'r',
        options: z.object({}),
        evidence: z.object({ n: z.number().optional() }),
        check(ctx) {
          ctx.report({ applicationId: 'A', message: 'one', evidence: {}, key: ['I1'] });
          ctx.report({ applicationId: 'A', message: 'two', evidence: {}, key: ['I2'] });
          ctx.report({ applicationId: 'A', message: 'two', evidence: {}, key: ['I2'] });
          // same identity, different content: still two findings
          ctx.report({ applicationId: 'A', message: 'three', evidence: { n: 3 }, key: ['I1'] });
        },
      }),
    );
    const found = runRules({ dataset: sample(), asOf: AS_OF, plugins: [twice] }).findings.filter((f) => f.ruleId === 'twice');
    expect(found.map((f) => f.message).sort()).toEqual(['one', 'three', 'two']);
    expect(new Set(found.map((f) => f.fingerprint)).size).toBe(3);
  });

  it('names the rule when its check throws', () => {
    const boom = asPlugin(
      defineRule({ id: 'boom', title: 't', category: 'conduct', severity: 'info', rationale: 'r', options: z.object({}), evidence: z.object({}), check() { throw new TypeError('x is undefined'); } }),
    );
    expect(() => runRules({ dataset: sample(), asOf: AS_OF, plugins: [boom] })).toThrow('rule boom failed: x is undefined');
  });

  it('refuses a finding with an unknown severity from a plugin', () => {
    const bad = asPlugin({
      id: 'bad-severity',
      title: 't',
      category: 'conduct',
      severity: 'info',
      rationale: 'r',
      options: z.object({}), evidence: z.object({}),
      check(ctx: { report(f: unknown): void }) {
        ctx.report({ applicationId: 'A', severity: 'urgent', message: 'm', evidence: {} });
      },
    });
    expect(() => runRules({ dataset: sample(), asOf: AS_OF, plugins: [bad] })).toThrow(/bad-severity reported a finding with an unknown severity/);
  });
});

describe('the rule contract', () => {
  const spec = {
    id: 'contract-rule',
    title: 't',
    category: 'conduct' as const,
    severity: 'info' as const,
    rationale: 'r',
    options: z.strictObject({ days: z.number().default(1).describe('days') }),
    evidence: z.strictObject({ receivedAt: z.string(), daysOver: z.number().optional() }),
    check() {},
  };

  it('defineRule accepts a rule that keeps it', () => {
    expect(defineRule(spec).id).toBe('contract-rule');
  });

  it.each([
    [{ id: 'Not_Kebab' }, 'rule "Not_Kebab": id must be a kebab-case string'],
    [{ category: 'other' }, 'rule "contract-rule": category must be one of'],
    [{ severity: 'urgent' }, 'rule "contract-rule": severity must be one of'],
    [{ rationale: ' ' }, 'rule "contract-rule": rationale must be a non-empty string'],
    [{ options: z.strictObject({ days: z.number().default(1), weeks: z.number().default(2).describe('weeks') }) }, 'every option needs a description (.describe(\'...\')): days'],
    [{ options: z.number() }, 'options must be a zod object'],
    [{ evidence: z.strictObject({ received_at: z.string(), DaysOver: z.number() }) }, 'evidence keys must be camelCase (e.g. receivedAt): received_at, DaysOver'],
    [{ evidence: undefined }, 'rule "contract-rule": evidence must be a zod object'],
  ])('defineRule refuses %j, naming the rule', (change, message) => {
    expect(() => defineRule({ ...spec, ...change } as never)).toThrow(message);
  });

  it('keeps a description given before .default()', () => {
    expect(() => defineRule({ ...spec, options: z.strictObject({ days: z.number().describe('days').default(1) }) })).not.toThrow();
  });

  const reporting = (evidence: unknown, schema?: z.ZodType) =>
    asPlugin({
      ...spec,
      id: 'reports-evidence',
      evidence: schema,
      check(ctx: { report(f: unknown): void }) {
        ctx.report({ applicationId: 'A', message: 'm', evidence });
      },
    });
  const run = (rule: RuleDefinition<unknown>) => runRules({ dataset: sample(), asOf: AS_OF, plugins: [rule] }).findings.filter((f) => f.ruleId === rule.id);

  it('checks reported evidence against the rule\'s schema', () => {
    expect(run(reporting({ receivedAt: '2023-01-01' }, spec.evidence))).toHaveLength(1);
    expect(() => run(reporting({ receivedAt: '2023-01-01', extra: 1 }, spec.evidence))).toThrow(
      'rule reports-evidence reported a finding whose evidence.extra is not declared in the rule\'s evidence schema',
    );
    expect(() => run(reporting({ receivedAt: 5 }, spec.evidence))).toThrow(/reports-evidence reported a finding whose evidence\.receivedAt: expected string/);
    expect(() => run(reporting({ daysOver: 1 }, spec.evidence))).toThrow(/evidence\.receivedAt: expected string, received undefined/);
  });

  it('without a schema, takes any flat evidence with camelCase keys', () => {
    expect(run(reporting({ receivedAt: '2023-01-01', ids: ['a'], none: null, n: 1, yes: true }))).toHaveLength(1);
    expect(() => run(reporting({ received_at: '2023-01-01' }))).toThrow(/reports-evidence reported a finding whose evidence\.received_at: evidence keys are camelCase/);
    expect(() => run(reporting({ nested: { a: 1 } }))).toThrow(/evidence\.nested/);
    expect(() => run(reporting(null))).toThrow(/evidence must be an object/);
  });

  it('a clash fingerprint does not change when an evidence key is renamed in place', () => {
    const clashing = (key: 'daysOver' | 'overBy') =>
      asPlugin({
        ...spec,
        id: 'clashing',
        evidence: z.strictObject({ [key]: z.number() }),
        check(ctx: { report(f: unknown): void }) {
          // Same identity, different content: the second finding's fingerprint hashes its evidence.
          ctx.report({ applicationId: 'A', message: 'm', evidence: { [key]: 1 } });
          ctx.report({ applicationId: 'A', message: 'm', evidence: { [key]: 2 } });
        },
      });
    const before = run(clashing('daysOver')).map((f) => f.fingerprint);
    expect(new Set(before).size).toBe(2);
    expect(run(clashing('overBy')).map((f) => f.fingerprint)).toEqual(before);
  });
});
