/**
 * Runs one rule's pure check on an inline dataset and returns what it reported, with the
 * severity each finding resolves to. Options are parsed by the rule's own schema, so defaults apply.
 * `prior` stands for findings of the rules named in the rule's `after` (and, for a rule that reads
 * the service failures, those of them whose built-in rule declares `serviceFailure`).
 */
import { builtinRules } from '../../rules/index.js';
import { ruleMeta } from '../../src/engine/service-failure.js';
import type { Dataset } from '../../src/model/dataset.js';
import type { ReportedFinding, RuleDefinition, Severity } from '../../src/engine/types.js';

export function runRule<O>(
  rule: RuleDefinition<O>,
  dataset: Dataset,
  opts: { asOf: number; options?: unknown; severity?: Severity; prior?: readonly ReportedFinding[] },
): ReportedFinding[] {
  const options = rule.options.parse(opts.options ?? {});
  const severity = opts.severity ?? rule.severity;
  const out: ReportedFinding[] = [];
  const prior = opts.prior ?? [];
  const failureRules = new Set(builtinRules.filter((r) => ruleMeta(r).serviceFailure).map((r) => r.id));
  rule.check(
    {
      dataset,
      asOf: opts.asOf,
      severity,
      report: (f) => out.push({ ...f, ruleId: rule.id, severity: f.severity ?? severity }),
      findingsOf: (ruleId) => prior.filter((f) => f.ruleId === ruleId),
      serviceFailures: () => prior.filter((f) => f.severity !== 'info' && failureRules.has(f.ruleId)),
    },
    options,
  );
  return out;
}
