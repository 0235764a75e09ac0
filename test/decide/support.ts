/**
 * Hand-made findings and rule statuses for decision tests, fingerprinted as the engine does, with
 * the category and metadata (failureType, serviceFailure, decisionBasis) of the real built-in
 * rules, so a decision test exercises what the rules declare rather than a hand-typed copy.
 */
import { decide, type Decisions } from '../../src/decide/index.js';
import { fingerprint } from '../../src/engine/fingerprint.js';
import { allRules } from '../../src/engine/registry.js';
import { runRules } from '../../src/engine/run.js';
import { ruleMeta } from '../../src/engine/service-failure.js';
import type { Category, Evidence, Finding, RuleMeta, RulesConfig, Severity } from '../../src/engine/types.js';
import type { Dataset } from '../../src/model/dataset.js';
import type { RuleStatus } from '../../src/report/model.js';
import { DEFAULT_SCHEDULE } from '../../src/time/limits.js';
import { day } from '../support/dataset.js';

/** The audit date most decision tests use; a hand-made finding is first seen on it by default. */
export const AS_OF = '2025-01-31';
export const DEFAULT_OPTIONS = { 'deadline-missed': { schedule: DEFAULT_SCHEDULE, graceDays: 0 } };

const BUILTIN = new Map(allRules().map((r) => [r.id, r]));

function builtin(ruleId: string) {
  const rule = BUILTIN.get(ruleId);
  if (rule === undefined) throw new Error(`test support: ${ruleId} is not a built-in rule (give its status with pluginStatus)`);
  return rule;
}

export function finding(
  ruleId: string,
  applicationId: string,
  severity: Severity,
  evidence: Evidence = {},
  key: readonly string[] = [],
  firstSeen: string = AS_OF,
): Finding {
  return {
    fingerprint: fingerprint({ ruleId, applicationId, key }),
    ruleId,
    severity,
    category: BUILTIN.get(ruleId)?.category ?? 'timeliness',
    applicationId,
    message: `${ruleId} on ${applicationId}.`,
    evidence,
    firstSeen,
  };
}

export function harm(applicationId: string, incidentId: string, severity: 'critical' | 'high' = 'high', firstSeen: string = AS_OF): Finding {
  return finding('harm-after-request', applicationId, severity, { incidentId }, [incidentId], firstSeen);
}

/** The same finding first reported on an earlier run (a baseline's firstSeen). */
export function seen(f: Finding, firstSeen: string): Finding {
  return { ...f, firstSeen };
}

/** Statuses of built-in rules (all of them by default), enabled, with their own metadata. */
export function ruleStatuses(ids: readonly string[] = [...BUILTIN.keys()]): RuleStatus[] {
  return ids.map((id) => {
    const rule = builtin(id);
    return { id, title: rule.title, category: rule.category, severity: rule.severity, enabled: true, ...ruleMeta(rule) };
  });
}

/** The status of a plugin rule declaring the given metadata. */
export function pluginStatus(id: string, meta: Partial<RuleMeta>, category: Category = 'safeguarding'): RuleStatus {
  return { id, title: id, category, severity: 'high', enabled: true, ...ruleMeta(meta) };
}

/** decide() on hand-made findings, against the built-in rules' metadata unless told otherwise. */
export function decideOn(
  ds: Dataset,
  findings: readonly Finding[],
  opts: { asOf?: string; options?: Record<string, unknown>; rules?: readonly RuleStatus[] } = {},
): Decisions {
  return decide({
    dataset: ds,
    findings,
    asOf: day(opts.asOf ?? AS_OF),
    ruleOptions: opts.options ?? DEFAULT_OPTIONS,
    rules: opts.rules ?? ruleStatuses(),
    rejectedRows: 0,
  });
}

/**
 * The engine then the decisions, as an audit runs them. `firstSeen` stands for a baseline: it gives
 * a finding (picked by rule id and application id) an older firstSeen than the as-of date.
 */
export function audit(
  ds: Dataset,
  opts: { asOf?: string; rules?: RulesConfig; firstSeen?: (f: Finding) => string | undefined } = {},
): { findings: Finding[]; decisions: Decisions } {
  const asOf = day(opts.asOf ?? AS_OF);
  const run = runRules({ dataset: ds, asOf, rules: opts.rules ?? {} });
  const findings = run.findings.map((f) => {
    const older = opts.firstSeen?.(f);
    return older === undefined ? f : seen(f, older);
  });
  const decisions = decide({ dataset: ds, findings, asOf, ruleOptions: run.options, rules: run.rules, rejectedRows: 0 });
  return { findings, decisions };
}
