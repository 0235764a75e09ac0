/**
 * The built-in rules, in the order they are listed. Each lives in its own file beside this one.
 */
import type { RuleDefinition } from '../src/engine/types.js';
import withheldDespiteHistory from './withheld-despite-history.js';

export const builtinRules: readonly RuleDefinition<any>[] = [
  withheldDespiteHistory,
];
