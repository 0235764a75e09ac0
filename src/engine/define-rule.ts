/**
 * The rule contract, checked rather than cast: `defineRule` (built-in rules, and plugins that
 * import it) and the plugin loader (plain JavaScript modules) run the same `ruleProblem`, so a
 * rule that breaks the contract fails where it is defined, naming the rule.
 */
import { z } from 'zod';
import { TABLES, type TableName } from '../model/records.js';
import { TABLE_FIELDS } from '../load/fields.js';
import { zodIssueLines } from '../shared/zod-issues.js';
import { compileValueCheck, objectCheckFor } from './evidence-check.js';
import {
  CATEGORIES,
  type Category,
  type EvidenceValue,
  FAILURE_TYPES,
  type FailureType,
  type RuleContext,
  type RuleDefinition,
  SEVERITIES,
  type Severity,
} from './types.js';

const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
/** Evidence keys, as the JSON report's own keys: `receivedAt`, `daysOver`, `p0Cases`. */
export const CAMEL_CASE = /^[a-z][a-zA-Z0-9]*$/;

/** One evidence value: flat, so every format can show it. */
export const EvidenceValueSchema: z.ZodType<EvidenceValue> = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);

/**
 * The evidence of a rule that declares no schema (a plugin may leave it out): any record of
 * evidence values whose keys are camelCase.
 */
export const AnyEvidence = z.record(z.string().regex(CAMEL_CASE), EvidenceValueSchema);
const isEvidenceValue = compileValueCheck(EvidenceValueSchema) ?? (() => false);

/** What an evidence schema may hold: a flat object of evidence values (some optional). */
type EvidenceShape = Readonly<Record<string, z.ZodType<EvidenceValue | undefined>>>;

export interface RuleSpec<O extends z.ZodObject, E extends z.ZodObject<EvidenceShape>> {
  readonly id: string;
  readonly title: string;
  /** When the rule fires, with any severity it sets on purpose; the README and docs/rules.md show it. */
  readonly firesWhen?: string;
  readonly category: Category;
  readonly severity: Severity;
  readonly rationale: string;
  readonly requires?: readonly TableName[];
  /**
   * (v2) Optional columns the rule reads, per table: when the table's file has no such column (no
   * header, no mapping), the rule is skipped with a reason naming it, never run as if every row
   * left it empty. Required columns are always there and need no listing.
   */
  readonly columns?: { readonly [T in TableName]?: readonly string[] };
  readonly after?: readonly string[];
  readonly failureType?: FailureType;
  readonly serviceFailure?: boolean;
  readonly decisionBasis?: boolean;
  readonly readsServiceFailures?: boolean;
  /** A zod object; every option `.describe()`d; parsing `{}` gives the defaults. */
  readonly options: O;
  /** A zod object of what each finding's evidence holds, camelCase keys. */
  readonly evidence: E;
  check(ctx: RuleContext<z.output<E>>, options: z.output<O>): void;
}

/**
 * Checks a rule against the contract and types its options and its evidence from their zod
 * schemas (after the typescript-eslint `createRule` pattern): `ctx.report` accepts only the
 * evidence keys the schema declares. Throws naming the rule when the spec breaks the contract.
 */
export function defineRule<O extends z.ZodObject, E extends z.ZodObject<EvidenceShape>>(spec: RuleSpec<O, E>): RuleDefinition<z.output<O>, z.output<E>> {
  const problem = ruleProblem(spec) ?? (spec.evidence === undefined ? 'evidence must be a zod object of the evidence a finding holds' : null);
  if (problem !== null) {
    const id = isRecord(spec) && typeof spec.id === 'string' ? spec.id : '(no id)';
    throw new Error(`rule "${id}": ${problem}`);
  }
  // Checked above; zod's generic schema types do not narrow to the parsed types on their own.
  return spec as unknown as RuleDefinition<z.output<O>, z.output<E>>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function oneOf(list: readonly string[]): string {
  return list.join(', ');
}

/** The zod object's fields, or null when the value is not a zod object (of this zod or another). */
function shapeOf(schema: unknown): Record<string, unknown> | null {
  if (!isRecord(schema) || typeof schema.safeParse !== 'function') return null;
  const shape = schema.shape;
  return isRecord(shape) ? shape : null;
}

/**
 * Each option's description: from the JSON Schema when this zod can convert it (it keeps a
 * description given before `.default()`), else the field's own `description` (a plugin built
 * with another copy of zod).
 */
function optionDescriptions(schema: unknown, shape: Record<string, unknown>): Record<string, string | undefined> {
  let properties: Record<string, { description?: unknown }> = {};
  try {
    const json = z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as { properties?: typeof properties };
    properties = json.properties ?? {};
  } catch {
    // Another zod: read the fields directly below.
  }
  const out: Record<string, string | undefined> = {};
  for (const [name, field] of Object.entries(shape)) {
    const fromJson = properties[name]?.description;
    const own = isRecord(field) ? field.description : undefined;
    const text = typeof fromJson === 'string' ? fromJson : typeof own === 'string' ? own : undefined;
    out[name] = text;
  }
  return out;
}

/** What is wrong with a would-be rule, or null when it keeps the contract. */
export function ruleProblem(value: unknown): string | null {
  if (!isRecord(value)) return 'is not an object';
  const { id, title, firesWhen, category, severity, rationale, options, evidence, check, requires, columns, after, failureType, serviceFailure, decisionBasis, readsServiceFailures } =
    value;
  if (typeof id !== 'string' || !KEBAB.test(id)) return `id must be a kebab-case string, e.g. "no-handler" (got ${JSON.stringify(id)})`;
  if (typeof title !== 'string' || title.trim() === '') return 'title must be a non-empty string';
  if (firesWhen !== undefined && (typeof firesWhen !== 'string' || firesWhen.trim() === '')) return 'firesWhen, when given, must be a non-empty string';
  if (typeof category !== 'string' || !(CATEGORIES as readonly string[]).includes(category)) {
    return `category must be one of ${oneOf(CATEGORIES)} (got ${JSON.stringify(category)})`;
  }
  if (typeof severity !== 'string' || !(SEVERITIES as readonly string[]).includes(severity)) {
    return `severity must be one of ${oneOf(SEVERITIES)} (got ${JSON.stringify(severity)})`;
  }
  if (typeof rationale !== 'string' || rationale.trim() === '') return 'rationale must be a non-empty string naming its source';
  if (requires !== undefined && !(Array.isArray(requires) && requires.every((t) => (TABLES as readonly unknown[]).includes(t)))) {
    return `requires must be a list of tables (${oneOf(TABLES)})`;
  }
  if (columns !== undefined) {
    if (!isRecord(columns)) return 'columns must be an object of table: [column, ...]';
    for (const [table, list] of Object.entries(columns)) {
      if (!(TABLES as readonly string[]).includes(table)) return `columns: ${JSON.stringify(table)} is not a table (${oneOf(TABLES)})`;
      const known: readonly string[] = TABLE_FIELDS[table as TableName].map((f) => f.name);
      if (!Array.isArray(list) || !list.every((c) => typeof c === 'string' && known.includes(c))) {
        return `columns.${table} must list columns of the ${table} table (${known.join(', ')})`;
      }
    }
  }
  if (after !== undefined && !(Array.isArray(after) && after.every((t) => typeof t === 'string'))) {
    return 'after must be a list of rule ids';
  }
  if (failureType !== undefined && !(typeof failureType === 'string' && (FAILURE_TYPES as readonly string[]).includes(failureType))) {
    return `failureType must be one of ${oneOf(FAILURE_TYPES)} (got ${JSON.stringify(failureType)})`;
  }
  for (const [name, flag] of [['serviceFailure', serviceFailure], ['decisionBasis', decisionBasis], ['readsServiceFailures', readsServiceFailures]] as const) {
    if (flag !== undefined && typeof flag !== 'boolean') return `${name} must be true or false (got ${JSON.stringify(flag)})`;
  }
  const optionShape = shapeOf(options);
  if (optionShape === null) return 'options must be a zod object (e.g. z.strictObject({}))';
  const defaults = (options as { safeParse: (v: unknown) => { success: boolean } }).safeParse({});
  if (!defaults.success) return 'options must give defaults: parsing {} fails';
  const descriptions = optionDescriptions(options, optionShape);
  const undescribed = Object.keys(descriptions).filter((name) => (descriptions[name] ?? '').trim() === '');
  if (undescribed.length > 0) return `every option needs a description (.describe('...')): ${undescribed.join(', ')}`;
  if (evidence !== undefined) {
    const evidenceShape = shapeOf(evidence);
    if (evidenceShape === null) return 'evidence must be a zod object (e.g. z.strictObject({ receivedAt: z.string() }))';
    const badKeys = Object.keys(evidenceShape).filter((k) => !CAMEL_CASE.test(k));
    if (badKeys.length > 0) return `evidence keys must be camelCase (e.g. receivedAt): ${badKeys.join(', ')}`;
  }
  if (typeof check !== 'function') return 'check must be a function (ctx, options) => void';
  return null;
}

/**
 * What is wrong with the evidence of one finding, or null: its keys are the declared ones (or,
 * with no schema, camelCase) and its values match. `declared` is the schema's key set, made once
 * per rule by the caller.
 */
export function evidenceProblem(
  schema: z.ZodType | undefined,
  declared: ReadonlySet<string> | null,
  evidence: unknown,
): string | null {
  if (!isRecord(evidence) || Array.isArray(evidence)) return 'evidence must be an object';
  if (schema === undefined || declared === null) {
    for (const key of Object.keys(evidence)) {
      if (!CAMEL_CASE.test(key)) return `evidence.${key}: evidence keys are camelCase (e.g. receivedAt)`;
    }
    if (Object.values(evidence).every(isEvidenceValue)) return null;
    const parsed = AnyEvidence.safeParse(evidence);
    return parsed.success ? null : issueText(parsed.error);
  }
  for (const key of Object.keys(evidence)) {
    if (!declared.has(key)) return `evidence.${key} is not declared in the rule's evidence schema`;
  }
  // The compiled check accepts only what zod would; zod has the last word on anything else.
  if (objectCheckFor(schema)?.(evidence) === true) return null;
  const parsed = schema.safeParse(evidence);
  return parsed.success ? null : issueText(parsed.error);
}

function issueText(error: z.ZodError): string {
  return zodIssueLines(error, { at: 'evidence' }).join('; ');
}

/** The declared evidence keys of a rule, or null when it declares no schema. */
export function declaredEvidenceKeys(rule: { readonly evidence?: unknown }): ReadonlySet<string> | null {
  const shape = shapeOf(rule.evidence);
  return shape === null ? null : new Set(Object.keys(shape));
}
