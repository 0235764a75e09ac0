/**
 * Plugin rules: ES modules whose default export is a rule or an array of rules (or that export
 * `rules`), in the same shape as the built-in ones. Each is checked on load against the same
 * contract as `defineRule` (./define-rule.ts); a missing file or a malformed module is a
 * ConfigError naming the file and what is wrong, on one line.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../errors.js';
import { ruleProblem } from './define-rule.js';
import { setPluginSource } from './plugin-source.js';
import type { RuleDefinition } from './types.js';

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
