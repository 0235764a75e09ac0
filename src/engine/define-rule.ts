import type { z } from 'zod';
import type { Category, FailureType, RuleContext, RuleDefinition, Severity } from './types.js';
import type { TableName } from '../model/records.js';

export interface RuleSpec<S extends z.ZodType> {
  readonly id: string;
  readonly title: string;
  readonly category: Category;
  readonly severity: Severity;
  readonly rationale: string;
  readonly requires?: readonly TableName[];
  readonly after?: readonly string[];
  readonly failureType?: FailureType;
  readonly serviceFailure?: boolean;
  readonly decisionBasis?: boolean;
  readonly readsServiceFailures?: boolean;
  readonly options: S;
  check(ctx: RuleContext, options: z.output<S>): void;
}

/** Types a rule's options from its zod schema (after the typescript-eslint `createRule` pattern). */
export function defineRule<S extends z.ZodType>(spec: RuleSpec<S>): RuleDefinition<z.output<S>> {
  return spec as unknown as RuleDefinition<z.output<S>>;
}
