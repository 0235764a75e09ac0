/**
 * Per-rule config (`"off"`, a severity, or `{ severity?, options? }`) resolved against the rules:
 * enabled or not, the severity in force, and the options parsed by the rule's own schema. Errors
 * name the config path, e.g. `rules.deadline-missed.options.graceDays: expected number, received string`.
 */
import { ConfigError } from '../errors.js';
import { zodIssueLines } from '../shared/zod-issues.js';
import type { AnyRule } from './registry.js';
import { type RulesConfig, SEVERITIES, type Severity } from './types.js';

export interface ResolvedRule {
  readonly rule: AnyRule;
  readonly enabled: boolean;
  /** The severity in force: the configured one, else the rule's default. */
  readonly severity: Severity;
  /** Options after parsing by the rule's schema (defaults filled in). */
  readonly options: unknown;
}

const severities: ReadonlySet<string> = new Set(SEVERITIES);

function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && severities.has(value);
}

export function resolveRules(rules: readonly AnyRule[], config: RulesConfig = {}): ResolvedRule[] {
  const known = new Set(rules.map((r) => r.id));
  for (const id of Object.keys(config).sort()) {
    if (!known.has(id)) {
      throw new ConfigError(`rules.${id}: unknown rule "${id}" (run \`dvds-audit rules\` for the list)`);
    }
  }
  return rules.map((rule) => resolveOne(rule, Object.hasOwn(config, rule.id) ? config[rule.id] : undefined));
}

function resolveOne(rule: AnyRule, setting: unknown): ResolvedRule {
  const path = `rules.${rule.id}`;
  let enabled = true;
  let severity: Severity = rule.severity;
  let rawOptions: unknown = {};
  if (setting === undefined) {
    // defaults
  } else if (setting === 'off') {
    enabled = false;
  } else if (typeof setting === 'string') {
    if (!isSeverity(setting)) {
      throw new ConfigError(`${path}: expected "off" or a severity (${SEVERITIES.join(', ')}), received "${setting}"`);
    }
    severity = setting;
  } else if (typeof setting === 'object' && setting !== null && !Array.isArray(setting)) {
    const s = setting as Record<string, unknown>;
    for (const key of Object.keys(s)) {
      if (key !== 'severity' && key !== 'options') {
        throw new ConfigError(`${path}.${key}: unknown setting (expected "severity" or "options")`);
      }
    }
    if (s.severity !== undefined) {
      if (!isSeverity(s.severity)) {
        throw new ConfigError(`${path}.severity: expected one of ${SEVERITIES.join(', ')}, received ${JSON.stringify(s.severity)}`);
      }
      severity = s.severity;
    }
    if (s.options !== undefined) {
      if (typeof s.options !== 'object' || s.options === null || Array.isArray(s.options)) {
        throw new ConfigError(`${path}.options: expected an object`);
      }
      rawOptions = s.options;
    }
  } else {
    throw new ConfigError(`${path}: expected "off", a severity, or { "severity", "options" }`);
  }
  const parsed = rule.options.safeParse(rawOptions);
  if (!parsed.success) throw new ConfigError(zodIssueLines(parsed.error, { at: `${path}.options`, unknownKey: 'option' }).join('; '));
  return { rule, enabled, severity, options: parsed.data };
}
