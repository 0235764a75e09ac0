/**
 * What the `rules` command and docs/rules.md show about each rule, derived from the rules'
 * metadata and zod schemas only, so the docs cannot drift from the code.
 */
import { z } from 'zod';
import type { ResolvedRule } from './settings.js';
import type { Category, FailureType, Severity } from './types.js';
import type { AnyRule } from './registry.js';
import { pluginSource } from './plugin-source.js';
import { ruleMeta } from './service-failure.js';

export interface OptionDoc {
  readonly name: string;
  /** e.g. `integer ≥ 0`, `array of { from: string, days: integer > 0, source: string }`. */
  readonly type: string;
  /** JSON of the default, or null when the option has none. */
  readonly default: string | null;
  readonly description: string;
}

/** One key of a rule's evidence, from its evidence schema. */
export interface EvidenceDoc {
  readonly name: string;
  readonly type: string;
  /** Absent from some findings (e.g. only for open cases). */
  readonly optional: boolean;
  readonly description: string;
}

export interface RuleListing {
  readonly id: string;
  readonly title: string;
  /** When the rule fires, with any severity it sets on purpose (a plugin without one: its title). */
  readonly firesWhen: string;
  readonly category: Category;
  /** Severity in force under the config. */
  readonly severity: Severity;
  readonly defaultSeverity: Severity;
  readonly enabled: boolean;
  /** (v2) The source review's class of the rule's findings (a plugin's default: none). */
  readonly failureType: FailureType;
  /** (v2) Whether a finding, not at info, is a service failure. */
  readonly serviceFailure: boolean;
  /** (v2) Whether a finding, not at info, means the case was decided on the wrong basis. */
  readonly decisionBasis: boolean;
  readonly rationale: string;
  readonly requires: readonly string[];
  /** (v2) Optional columns the rule reads, as `table.column`, in the rule's order; empty when none. */
  readonly columns: readonly string[];
  readonly after: readonly string[];
  /** The plugin file for a plugin rule, else null. */
  readonly plugin: string | null;
  readonly options: readonly OptionDoc[];
  /** The evidence keys a finding holds; empty for a plugin that declares no evidence schema. */
  readonly evidence: readonly EvidenceDoc[];
}

export function listRules(resolved: readonly ResolvedRule[]): RuleListing[] {
  return resolved.map(({ rule, enabled, severity }) => ({
    id: rule.id,
    title: rule.title,
    firesWhen: rule.firesWhen ?? rule.title,
    category: rule.category,
    severity,
    defaultSeverity: rule.severity,
    enabled,
    ...ruleMeta(rule),
    rationale: rule.rationale,
    requires: [...(rule.requires ?? [])],
    columns: Object.entries(rule.columns ?? {}).flatMap(([table, cols]) => (cols ?? []).map((c) => `${table}.${c}`)),
    after: [...(rule.after ?? [])],
    plugin: pluginSource(rule) ?? null,
    options: describeOptions(rule),
    evidence: describeEvidence(rule),
  }));
}

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  required?: string[];
};

/** The options of a rule, from its zod schema (types and descriptions) and `parse({})` (defaults). */
export function describeOptions(rule: AnyRule): OptionDoc[] {
  let schema: JsonSchema;
  try {
    schema = z.toJSONSchema(rule.options, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    // A plugin built with another zod: describe what can be known without the schema.
    schema = {};
  }
  const parsed = rule.options.safeParse({});
  const defaults: Record<string, unknown> =
    parsed.success && typeof parsed.data === 'object' && parsed.data !== null ? (parsed.data as Record<string, unknown>) : {};
  const names = new Set([...Object.keys(schema.properties ?? {}), ...Object.keys(defaults)]);
  return [...names].sort().map((name) => {
    const prop = schema.properties?.[name] ?? {};
    return {
      name,
      type: typeOf(prop),
      default: Object.hasOwn(defaults, name) && defaults[name] !== undefined ? JSON.stringify(defaults[name]) : null,
      description: prop.description ?? '',
    };
  });
}

/** The evidence keys of a rule, in the order its schema declares them. */
export function describeEvidence(rule: AnyRule): EvidenceDoc[] {
  if (rule.evidence === undefined) return [];
  let schema: JsonSchema;
  try {
    schema = z.toJSONSchema(rule.evidence as z.ZodType, { io: 'output', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    return [];
  }
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, prop]) => ({
    name,
    type: typeOf(prop),
    optional: !required.has(name),
    description: prop.description ?? '',
  }));
}

const NUMBER_LIMIT = Number.MAX_SAFE_INTEGER;

function typeOf(s: JsonSchema): string {
  if (s.enum) return `one of ${s.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.anyOf) return s.anyOf.map(typeOf).join(' or ');
  const type = Array.isArray(s.type) ? s.type.join(' or ') : s.type;
  if (type === 'integer' || type === 'number') {
    const low = s.minimum ?? (type === 'integer' && s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : undefined);
    if (type === 'integer' && low !== undefined && low > -NUMBER_LIMIT && s.maximum !== undefined && s.maximum < NUMBER_LIMIT) return `integer ${low} to ${s.maximum}`;
    const bounds: string[] = [];
    if (s.minimum !== undefined && s.minimum > -NUMBER_LIMIT) bounds.push(`≥ ${s.minimum}`);
    if (s.exclusiveMinimum !== undefined) bounds.push(`> ${s.exclusiveMinimum}`);
    if (s.maximum !== undefined && s.maximum < NUMBER_LIMIT) bounds.push(`≤ ${s.maximum}`);
    if (s.exclusiveMaximum !== undefined) bounds.push(`< ${s.exclusiveMaximum}`);
    return bounds.length === 0 ? type : `${type} ${bounds.join(', ')}`;
  }
  if (type === 'array') {
    const count = s.maxItems !== undefined ? ` (${s.minItems ?? 0} to ${s.maxItems})` : s.minItems ? ` (at least ${s.minItems})` : '';
    return `array of ${s.items ? typeOf(s.items) : 'any'}${count}`;
  }
  if (type === 'object' && s.properties) {
    return `{ ${Object.entries(s.properties)
      .map(([k, v]) => `${k}: ${typeOf(v)}`)
      .join(', ')} }`;
  }
  return type ?? 'any';
}

const yesNo = (b: boolean): string => (b ? 'yes' : 'no');

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function renderRulesMarkdown(rules: readonly RuleListing[]): string {
  const out: string[] = [
    '# Rules',
    '',
    '<!-- Generated from the rules\' metadata by `dvds-audit rules --format md > docs/rules.md`; do not edit by hand. -->',
    '',
    'Configure a rule in the config file\'s `rules`: `"off"`, a severity, or `{ "severity", "options" }`.',
    '`dvds-audit rules explain ID` prints one rule. Severities: critical, high, medium, low, info.',
    '',
    '`failure type` is the source review\'s class a finding suggests for its application (harm, service,',
    'administrative, none); `service failure` and `decision basis` say whether a finding, not at info, is a',
    'service failure and whether it means the case was decided on the wrong basis.',
    '',
    ...renderRulesSummary(rules, (id) => `#${id}`),
  ];
  for (const r of rules) {
    out.push('', `## ${r.id}`, '', `**${cell(r.title)}**`, '');
    out.push(`- Fires when: ${r.firesWhen}`);
    out.push(`- Category: ${r.category}`);
    out.push(`- Failure type: ${r.failureType}; service failure: ${yesNo(r.serviceFailure)}; decision basis: ${yesNo(r.decisionBasis)}`);
    out.push(`- Default severity: ${r.defaultSeverity}${r.severity !== r.defaultSeverity ? ` (configured: ${r.severity})` : ''}`);
    if (!r.enabled) out.push('- Turned off by the config');
    if (r.requires.length > 0) out.push(`- Needs: ${r.requires.map((t) => `${t}.csv`).join(', ')} (skipped, with the reason, when absent)`);
    if (r.columns.length > 0) out.push(`- Reads columns: ${r.columns.map((c) => `\`${c}\``).join(', ')} (skipped, naming the column, when a file lacks one)`);
    if (r.after.length > 0) out.push(`- Reads the findings of: ${r.after.map((id) => `\`${id}\``).join(', ')}`);
    if (r.plugin !== null) out.push(`- Plugin: ${r.plugin}`);
    out.push('', r.rationale, '');
    if (r.options.length === 0) {
      out.push('Options: none.');
    } else {
      out.push('| option | type | default | meaning |', '|---|---|---|---|');
      for (const o of r.options) {
        out.push(`| \`${o.name}\` | ${cell(o.type)} | ${o.default === null ? '(none)' : `\`${cell(o.default)}\``} | ${cell(o.description)} |`);
      }
    }
    out.push('');
    if (r.evidence.length === 0) {
      out.push('Evidence: any camelCase keys (no evidence schema declared).');
    } else {
      out.push('| evidence | type | meaning |', '|---|---|---|');
      for (const k of r.evidence) {
        const meaning = [k.optional ? '(not in every finding)' : '', k.description].filter((t) => t !== '').join(' ');
        out.push(`| \`${k.name}\` | ${cell(k.type)} | ${cell(meaning)} |`);
      }
    }
  }
  return `${out.join('\n')}\n`;
}

/**
 * The rules at a glance, one row each: the table at the top of docs/rules.md and the README's
 * (linked to docs/rules.md), so neither can drift from the registry.
 */
export function renderRulesSummary(rules: readonly RuleListing[], link: (id: string) => string): string[] {
  return [
    '| id | category | severity | enabled | failure type | service failure | decision basis | fires when |',
    '|---|---|---|---|---|---|---|---|',
    ...rules.map(
      (r) =>
        `| [\`${r.id}\`](${link(r.id)}) | ${r.category} | ${r.severity} | ${yesNo(r.enabled)} | ${r.failureType} | ${yesNo(r.serviceFailure)} | ${yesNo(r.decisionBasis)} | ${cell(r.firesWhen)} |`,
    ),
  ];
}

export const README_TABLE_START = '<!-- rules-table: generated from the registry by `node scripts/write-rule-docs.mjs`; do not edit by hand -->';
export const README_TABLE_END = '<!-- /rules-table -->';

/** The README's rules table, between its markers. */
export function renderReadmeRulesTable(rules: readonly RuleListing[]): string {
  return [README_TABLE_START, ...renderRulesSummary(rules, (id) => `docs/rules.md#${id}`), README_TABLE_END].join('\n');
}

/** The README text with its rules table replaced by the one generated from `rules`. */
export function withReadmeRulesTable(readme: string, rules: readonly RuleListing[]): string {
  const start = readme.indexOf(README_TABLE_START);
  const end = readme.indexOf(README_TABLE_END);
  if (start === -1 || end < start) throw new Error('README.md has no rules-table markers');
  return readme.slice(0, start) + renderReadmeRulesTable(rules) + readme.slice(end + README_TABLE_END.length);
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - text.length));
}

/** A plain aligned table: id, category, severity, enabled, failure type, service failure, decision basis. */
export function renderRulesTable(rules: readonly RuleListing[]): string {
  const rows = [
    ['id', 'category', 'severity', 'enabled', 'failure-type', 'service-failure', 'decision-basis'],
    ...rules.map((r) => [r.id, r.category, r.severity, yesNo(r.enabled), r.failureType, yesNo(r.serviceFailure), yesNo(r.decisionBasis)]),
  ];
  const last = rows[0]!.length - 1;
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return `${rows.map((row) => row.map((c, i) => (i < last ? pad(c, widths[i]! + 2) : c)).join('').trimEnd()).join('\n')}\n`;
}

export function renderRulesJson(rules: readonly RuleListing[]): string {
  return `${JSON.stringify({ rules }, null, 2)}\n`;
}

/** One rule in full, for `rules explain ID`. */
export function renderExplain(r: RuleListing): string {
  const lines = [
    `${r.id}: ${r.title}`,
    '',
    `category:          ${r.category}`,
    `default severity:  ${r.defaultSeverity}`,
    `severity in force: ${r.severity}${r.enabled ? '' : ' (turned off by the config)'}`,
    `failure type:      ${r.failureType}`,
    `service failure:   ${yesNo(r.serviceFailure)}`,
    `decision basis:    ${yesNo(r.decisionBasis)}`,
  ];
  if (r.requires.length > 0) lines.push(`needs:             ${r.requires.map((t) => `${t}.csv`).join(', ')}`);
  if (r.columns.length > 0) lines.push(`reads columns:     ${r.columns.join(', ')}`);
  if (r.after.length > 0) lines.push(`reads findings of: ${r.after.join(', ')}`);
  if (r.plugin !== null) lines.push(`plugin:            ${r.plugin}`);
  lines.push('', 'fires when:', `  ${r.firesWhen}`, '', 'rationale:', `  ${r.rationale}`, '', 'options:');
  if (r.options.length === 0) lines.push('  (none)');
  for (const o of r.options) {
    lines.push(`  ${o.name}: ${o.type}`);
    if (o.description) lines.push(`    ${o.description}`);
    lines.push(`    default: ${o.default ?? '(none)'}`);
  }
  lines.push('', 'evidence:');
  if (r.evidence.length === 0) lines.push('  (any camelCase keys: no evidence schema declared)');
  for (const k of r.evidence) lines.push(`  ${k.name}: ${k.type}${k.optional ? ' (not in every finding)' : ''}${k.description ? ` - ${k.description}` : ''}`);
  return `${lines.join('\n')}\n`;
}
