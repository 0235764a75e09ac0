/**
 * The rules a run can use: the built-in rules, then any plugin rules, each id once.
 */
import { builtinRules } from '../../rules/index.js';
import { ConfigError } from '../errors.js';
import { pluginSource } from './plugin-source.js';
import type { RuleDefinition } from './types.js';

export type AnyRule = RuleDefinition<unknown>;

/** Built-in rules followed by plugin rules; a repeated id is a ConfigError naming where it came from. */
export function allRules(plugins: readonly AnyRule[] = []): AnyRule[] {
  const byId = new Map<string, AnyRule>();
  const out: AnyRule[] = [];
  for (const rule of [...builtinRules, ...plugins]) {
    const earlier = byId.get(rule.id);
    if (earlier) {
      throw new ConfigError(
        `rule id "${rule.id}" is defined twice (${origin(earlier)} and ${origin(rule)}); rule ids must be unique`,
      );
    }
    byId.set(rule.id, rule);
    out.push(rule);
  }
  return out;
}

function origin(rule: AnyRule): string {
  const file = pluginSource(rule);
  return file === undefined ? 'built-in' : `plugin ${file}`;
}
