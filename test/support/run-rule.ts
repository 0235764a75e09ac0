/**
 * Runs one rule's pure check on an inline dataset and returns what it reported, with the
 * severity each finding resolves to. Options are parsed by the rule's own schema, so defaults apply.
 */
import type { Dataset } from '../../src/model/dataset.js';
import type { FindingInput, RuleDefinition, Severity } from '../../src/engine/types.js';

export interface ReportedFinding extends FindingInput {
  readonly severity: Severity;
}

export function runRule<O>(
  rule: RuleDefinition<O>,
  dataset: Dataset,
  opts: { asOf: number; options?: unknown; severity?: Severity },
): ReportedFinding[] {
  const options = rule.options.parse(opts.options ?? {});
  const severity = opts.severity ?? rule.severity;
  const out: ReportedFinding[] = [];
  rule.check({ dataset, asOf: opts.asOf, severity, report: (f) => out.push({ ...f, severity: f.severity ?? severity }) }, options);
  return out;
}
