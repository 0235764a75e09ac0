/**
 * Plugin rules: ES modules whose default export is a rule or an array of rules (or that export
 * `rules`), in the same shape as the built-in ones. Each is checked on load; a missing file or a
 * malformed module is a ConfigError naming the file and what is wrong, on one line.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../errors.js';
import { TABLES } from '../model/records.js';
import { setPluginSource } from './plugin-source.js';
import { CATEGORIES, FAILURE_TYPES, type RuleDefinition, SEVERITIES } from './types.js';

const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** Loads each module; a relative path is taken from the working folder `cwd` (the CLI's, read once in cli/io.ts). */
export async function loadPlugins(paths: readonly string[], cwd: string): Promise<RuleDefinition<unknown>[]> {
  const out: RuleDefinition<unknown>[] = [];
  for (const path of paths) out.push(...(await loadPlugin(path, cwd)));
  return out;
}

async function loadPlugin(path: string, cwd: string): Promise<RuleDefinition<unknown>[]> {
  const fail = (what: string): never => {
    throw new ConfigError(`plugin ${path}: ${what}`);
  };
  const absolute = resolve(cwd, path);
  const info = await stat(absolute).catch(() => null);
  if (info === null) fail('file not found');
  if (!info!.isFile()) fail('not a file');
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(absolute).href)) as Record<string, unknown>;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return fail(`cannot be loaded: ${firstLine(message)}`);
  }
  const exported = mod.default !== undefined ? mod.default : mod.rules;
  if (exported === undefined) fail('exports no rule (expected a default export of a rule or an array of rules, or an export named "rules")');
  const candidates = Array.isArray(exported) ? exported : [exported];
  if (candidates.length === 0) fail('exports an empty list of rules');
  return candidates.map((candidate, i) => {
    const label = Array.isArray(exported) ? `rule ${i + 1}` : 'rule';
    const problem = ruleProblem(candidate);
    if (problem !== null) {
      const id = isRecord(candidate) && typeof candidate.id === 'string' ? ` "${candidate.id}"` : '';
      fail(`${label}${id}: ${problem}`);
    }
    const rule = candidate as RuleDefinition<unknown>;
    setPluginSource(rule, path);
    return rule;
  });
}

function firstLine(text: string): string {
  return text.split(/\r?\n/, 1)[0] ?? '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function oneOf(list: readonly string[]): string {
  return list.join(', ');
}

/** What is wrong with a would-be rule, or null when it has the shape of a RuleDefinition. */
export function ruleProblem(value: unknown): string | null {
  if (!isRecord(value)) return 'is not an object';
  const { id, title, category, severity, rationale, options, check, requires, after, failureType, serviceFailure, decisionBasis, readsServiceFailures } = value;
  if (typeof id !== 'string' || !KEBAB.test(id)) return `id must be a kebab-case string, e.g. "no-handler" (got ${JSON.stringify(id)})`;
  if (typeof title !== 'string' || title.trim() === '') return 'title must be a non-empty string';
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
  if (after !== undefined && !(Array.isArray(after) && after.every((t) => typeof t === 'string'))) {
    return 'after must be a list of rule ids';
  }
  if (failureType !== undefined && !(typeof failureType === 'string' && (FAILURE_TYPES as readonly string[]).includes(failureType))) {
    return `failureType must be one of ${oneOf(FAILURE_TYPES)} (got ${JSON.stringify(failureType)})`;
  }
  for (const [name, flag] of [['serviceFailure', serviceFailure], ['decisionBasis', decisionBasis], ['readsServiceFailures', readsServiceFailures]] as const) {
    if (flag !== undefined && typeof flag !== 'boolean') return `${name} must be true or false (got ${JSON.stringify(flag)})`;
  }
  if (!isRecord(options) || typeof options.safeParse !== 'function') return 'options must be a zod schema (e.g. z.object({}))';
  const defaults = (options.safeParse as (v: unknown) => { success: boolean })({});
  if (!defaults.success) return 'options must give defaults: parsing {} fails';
  if (typeof check !== 'function') return 'check must be a function (ctx, options) => void';
  return null;
}
