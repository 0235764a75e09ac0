/** Which file a plugin rule was loaded from, so errors about it can name the file. */
import type { RuleDefinition } from './types.js';

const sources = new WeakMap<RuleDefinition<unknown>, string>();

export function setPluginSource(rule: RuleDefinition<unknown>, file: string): void {
  sources.set(rule, file);
}

export function pluginSource(rule: RuleDefinition<unknown>): string | undefined {
  return sources.get(rule);
}
