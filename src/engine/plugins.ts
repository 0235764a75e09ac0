/**
 * Plugin rules: ES modules whose default export is a rule or an array of rules (or that export
 * `rules`), in the same shape as the built-in ones. Each is checked on load against the same
 * contract as `defineRule` (./define-rule.ts); a missing file or a malformed module is a
 * ConfigError naming the file and what is wrong, on one line.
 */
import { stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../errors.js';
import { ruleProblem } from './define-rule.js';
import { setPluginSource } from './plugin-source.js';
import type { RuleDefinition } from './types.js';

/** The environment variable that gives the consent of `--allow-plugins` (for CI, where flags are fixed in a script). */
export const ALLOW_PLUGINS_ENV = 'DVDS_ALLOW_PLUGINS';

/** Does the environment give consent? Only an explicit yes: a left-over `=0` or empty value must not. */
export function pluginsAllowedByEnv(env: Readonly<Record<string, string | undefined>>): boolean {
  return /^(1|true|yes)$/i.test(env[ALLOW_PLUGINS_ENV]?.trim() ?? '');
}

/**
 * Refuses, before any module is imported, the plugins a config file names without consent: a
 * config travels with an export folder, so auditing a folder someone sent must never run their
 * code. A module also given on the command line (`extra`, absolute) has the user's consent.
 */
export function assertPluginConsent(
  config: { readonly path: string | null; readonly plugins: readonly string[] },
  opts: { readonly allow: boolean; readonly extra: readonly string[]; readonly cwd: string },
): void {
  if (opts.allow || config.path === null) return;
  const given = new Set(opts.extra.map((p) => resolve(opts.cwd, p)));
  const refused = config.plugins.filter((p) => !given.has(p));
  if (refused.length === 0) return;
  const shown = (p: string): string => {
    const rel = relative(opts.cwd, p);
    return rel === '' || rel.startsWith('..') || resolve(opts.cwd, rel) !== p ? p : rel;
  };
  throw new ConfigError(
    `config file ${shown(config.path)} names plugin code that would run here: ${refused.map(shown).join(', ')}; ` +
      `nothing was run. If you trust it, run again with --allow-plugins (or ${ALLOW_PLUGINS_ENV}=1)`,
  );
}

/** Loads each module; a relative path is taken from the working folder `cwd` (the CLI's, read once in cli/io.ts). */
export async function loadPlugins(paths: readonly string[], cwd: string): Promise<RuleDefinition<unknown>[]> {
  const out: RuleDefinition<unknown>[] = [];
  // A module both the config and --plugin name is one module, not a clash of its rule ids with themselves.
  const seen = new Set<string>();
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    if (seen.has(absolute)) continue;
    seen.add(absolute);
    out.push(...(await loadPlugin(path, cwd)));
  }
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
