/**
 * A rule test harness in the spirit of ESLint's RuleTester: each case runs the real engine
 * (`runRules`) with a registry holding the rule under test and the rules it runs after, so option
 * parsing, the `requires` input checks, evidence validation and fingerprints are exercised as in
 * an audit. A case with no expectation is rejected.
 *
 *   new RuleTester({ asOf: '2025-01-31' }).run(rule, {
 *     valid: [{ name, tables }],
 *     invalid: [{ name, tables, options?, findings: [{ applicationId, severity, key?, evidence? }] }],
 *   });
 */
import { describe, expect, it } from 'vitest';
import { builtinRules } from '../../rules/index.js';
import { ruleProblem } from '../../src/engine/define-rule.js';
import { fingerprint } from '../../src/engine/fingerprint.js';
import type { AnyRule } from '../../src/engine/registry.js';
import { type RunResult, runRules } from '../../src/engine/run.js';
import { ruleMeta } from '../../src/engine/service-failure.js';
import type { Finding, RuleDefinition, RuleSetting, Severity } from '../../src/engine/types.js';
import type { Dataset } from '../../src/model/dataset.js';
import { TABLES, type TableName } from '../../src/model/records.js';
import { dataset, day } from './dataset.js';

type Tables = Parameters<typeof dataset>[0];

interface CaseBase {
  readonly name: string;
  readonly tables: Tables;
  /** YYYY-MM-DD; defaults to the tester's. */
  readonly asOf?: string;
  /** The rule's options, as the config would give them (parsed by the rule's schema). */
  readonly options?: Readonly<Record<string, unknown>>;
  /** The rule's configured severity. */
  readonly severity?: Severity;
  /**
   * Rules run beside the one under test: built-in ids or rule objects. Defaults to the rules in
   * its `after` and, for a rule that reads the service failures, every built-in that declares
   * `serviceFailure`. Every other built-in is off.
   */
  readonly alongside?: readonly (string | AnyRule)[];
}

export interface ValidCase extends CaseBase {
  /** The rule is expected to be skipped with this reason (an input table absent). */
  readonly skipped?: string;
}

export interface ExpectedFinding {
  readonly applicationId?: string;
  readonly staffId?: string;
  /** Defaults to the configured severity (the case's, else the rule's default). */
  readonly severity?: Severity;
  readonly message?: string | RegExp;
  /** The finding's business key beyond its ids; checked through the fingerprint. Default none. */
  readonly key?: readonly (string | number)[];
  /** Evidence the finding holds (other keys may be present). */
  readonly evidence?: Readonly<Record<string, unknown>>;
  /** The finding's whole evidence. */
  readonly evidenceEquals?: Readonly<Record<string, unknown>>;
}

export interface InvalidCase extends CaseBase {
  /** Every finding of the rule, in the engine's order (severity, then application, staff, fingerprint). */
  readonly findings: readonly ExpectedFinding[];
}

export interface RuleTests {
  readonly valid: readonly ValidCase[];
  readonly invalid: readonly InvalidCase[];
}

const TABLE_FILES: Readonly<Record<TableName, string>> = Object.fromEntries(TABLES.map((t) => [t, `${t}.csv`])) as Record<TableName, string>;

export class RuleTester {
  constructor(private readonly defaults: { readonly asOf: string }) {}

  /** Registers a vitest `describe` for the rule: one `it` per case. */
  run<O, E>(rule: RuleDefinition<O, E>, tests: RuleTests): void {
    const anyRule = rule as unknown as AnyRule;
    checkCases(anyRule, tests);
    describe(rule.id, () => {
      it('keeps the rule contract', () => {
        expect(ruleProblem(anyRule)).toBeNull();
      });
      describe('valid', () => {
        for (const c of tests.valid) {
          it(c.name, () => {
            const { findings, result } = this.execute(anyRule, c);
            const status = result.rules.find((r) => r.id === rule.id);
            if (c.skipped !== undefined) {
              expect(status?.skippedReason).toBe(c.skipped);
            } else {
              expect(status?.skippedReason, 'the rule ran (a skipped rule passes every valid case)').toBeUndefined();
            }
            expect(findings.map(summary)).toEqual([]);
          });
        }
      });
      describe('invalid', () => {
        for (const c of tests.invalid) {
          it(c.name, () => {
            const { findings, result } = this.execute(anyRule, c);
            expect(result.rules.find((r) => r.id === rule.id)?.skippedReason).toBeUndefined();
            this.compare(anyRule, c, findings);
            // The input checks: without any table it requires, the rule is skipped, with the reason.
            for (const table of anyRule.requires ?? []) {
              const without = this.execute(anyRule, { ...c, tables: { ...c.tables, [table]: null } });
              expect(without.findings).toEqual([]);
              expect(without.result.rules.find((r) => r.id === rule.id)?.skippedReason).toBe(`needs ${TABLE_FILES[table]} (not supplied)`);
            }
          });
        }
      });
    });
  }

  /** The rule's findings from the engine for one case, for assertions the tables cannot state. */
  findings(rule: RuleDefinition<unknown, unknown> | AnyRule, c: CaseBase): Finding[] {
    return this.execute(rule as AnyRule, c).findings;
  }

  private execute(rule: AnyRule, c: CaseBase): { findings: Finding[]; result: RunResult } {
    const ds: Dataset = dataset(c.tables);
    const alongside = c.alongside ?? defaultAlongside(rule);
    const onBuiltins = new Set<string>(alongside.filter((r): r is string => typeof r === 'string'));
    const plugins = alongside.filter((r): r is AnyRule => typeof r !== 'string');
    const builtin = builtinRules.includes(rule);
    if (builtin) onBuiltins.add(rule.id);
    else plugins.push(rule);
    const config: Record<string, RuleSetting> = {};
    for (const r of builtinRules) if (!onBuiltins.has(r.id)) config[r.id] = 'off';
    const own: { severity?: Severity; options?: Record<string, unknown> } = {};
    if (c.severity !== undefined) own.severity = c.severity;
    if (c.options !== undefined) own.options = { ...c.options };
    config[rule.id] = own;
    const result = runRules({ dataset: ds, asOf: day(c.asOf ?? this.defaults.asOf), rules: config, plugins });
    return { findings: result.findings.filter((f) => f.ruleId === rule.id), result };
  }

  private compare(rule: AnyRule, c: InvalidCase, findings: readonly Finding[]): void {
    const configured = c.severity ?? rule.severity;
    expect(findings.map(summary), 'findings (application, staff, severity) in engine order').toEqual(
      c.findings.map((e) => summary({ applicationId: e.applicationId, staffId: e.staffId, severity: e.severity ?? configured })),
    );
    c.findings.forEach((e, i) => {
      const f = findings[i]!;
      const label = `finding ${i + 1} (${f.applicationId ?? f.staffId})`;
      expect(f.fingerprint, `${label}: fingerprint of its ids and key ${JSON.stringify(e.key ?? [])}`).toBe(
        fingerprint({ ruleId: rule.id, applicationId: e.applicationId, staffId: e.staffId, key: e.key }),
      );
      expect(f.category, label).toBe(rule.category);
      if (typeof e.message === 'string') expect(f.message, label).toBe(e.message);
      else if (e.message !== undefined) expect(f.message, label).toMatch(e.message);
      if (e.evidence !== undefined) expect(f.evidence, label).toMatchObject(e.evidence);
      if (e.evidenceEquals !== undefined) expect(f.evidence, label).toEqual(e.evidenceEquals);
    });
  }
}

function summary(f: { applicationId?: string | undefined; staffId?: string | undefined; severity: Severity }): string {
  return `${f.applicationId ?? '-'} / ${f.staffId ?? '-'} / ${f.severity}`;
}

function defaultAlongside(rule: AnyRule): string[] {
  const ids = new Set(rule.after ?? []);
  if (rule.readsServiceFailures === true) for (const r of builtinRules) if (ruleMeta(r).serviceFailure) ids.add(r.id);
  ids.delete(rule.id);
  return [...ids];
}

/** Rejects cases that could not fail: no expectation, an expected finding about no one, repeated names. */
function checkCases(rule: AnyRule, tests: RuleTests): void {
  const names = new Set<string>();
  const reject = (name: string, why: string): never => {
    throw new Error(`RuleTester ${rule.id}: case "${name}" ${why}`);
  };
  for (const c of [...tests.valid, ...tests.invalid]) {
    if (names.has(c.name)) reject(c.name, 'is named twice');
    names.add(c.name);
  }
  for (const c of tests.invalid) {
    if (!Array.isArray(c.findings) || c.findings.length === 0) reject(c.name, 'is invalid but expects no finding (put it under valid, or list its findings)');
    for (const e of c.findings) {
      if (e.applicationId === undefined && e.staffId === undefined) reject(c.name, 'expects a finding about neither an application nor a staff member');
    }
  }
  for (const c of tests.valid) {
    if ('findings' in c) reject(c.name, 'is valid but lists findings (put it under invalid)');
  }
  if (tests.valid.length + tests.invalid.length === 0) throw new Error(`RuleTester ${rule.id}: no cases`);
}
