/**
 * What a finding counts as in the decisions (BRIEF sections 5 and 6, v2), read from the rules'
 * metadata, never from a list of rule ids: a plugin that declares `serviceFailure` or
 * `decisionBasis` joins the built-ins. Defined once here; used by the engine and the decisions.
 */
import type { FailureType, RuleDefinition, RuleMeta, Severity } from './types.js';

/** A rule's metadata with a plugin's defaults (`none`, false, false) filled in. */
export function ruleMeta(rule: Pick<RuleDefinition, 'failureType' | 'serviceFailure' | 'decisionBasis'>): RuleMeta {
  return {
    failureType: rule.failureType ?? 'none',
    serviceFailure: rule.serviceFailure ?? false,
    decisionBasis: rule.decisionBasis ?? false,
  };
}

interface Classified {
  readonly ruleId: string;
  readonly severity: Severity;
}

/** The metadata of a run's rules, by id; a finding of an unknown rule counts as nothing. */
export class RuleKinds {
  private readonly byId: ReadonlyMap<string, RuleMeta>;

  constructor(rules: Iterable<{ readonly id: string } & RuleMeta>) {
    const byId = new Map<string, RuleMeta>();
    for (const r of rules) byId.set(r.id, { failureType: r.failureType, serviceFailure: r.serviceFailure, decisionBasis: r.decisionBasis });
    this.byId = byId;
  }

  /** A finding, not at info, of a rule that declares itself a service failure. */
  isServiceFailure(f: Classified): boolean {
    return f.severity !== 'info' && this.byId.get(f.ruleId)?.serviceFailure === true;
  }

  /** A finding, not at info, of a rule whose findings mean a decision was taken on the wrong basis. */
  isDecisionBasis(f: Classified): boolean {
    return f.severity !== 'info' && this.byId.get(f.ruleId)?.decisionBasis === true;
  }

  /** The failure type a finding suggests: its rule's, or `none` at info. */
  failureTypeOf(f: Classified): FailureType {
    if (f.severity === 'info') return 'none';
    return this.byId.get(f.ruleId)?.failureType ?? 'none';
  }
}
