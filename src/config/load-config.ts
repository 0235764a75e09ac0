/**
 * Finding, reading and validating the config file. Discovery: `--config F` when given (a missing
 * file is an error naming it), else `dvds-audit.config.json` in the working folder when present,
 * else the defaults. Every problem is a ConfigError whose lines read `path: message`.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { z } from 'zod';
import type { RulesConfig } from '../engine/types.js';
import { ConfigError } from '../errors.js';
import type { TableName } from '../model/records.js';
import { fileProblemText, readRegularFile } from '../shared/regular-file.js';
import { zodIssueLines } from '../shared/zod-issues.js';
import { ConfigSchema, type InputConfig } from './schema.js';

export const CONFIG_FILE_NAME = 'dvds-audit.config.json';

/** A config is a few kilobytes; a larger file is the wrong file, refused before it is read. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export interface ResolvedConfig {
  /** sha256 of the config file's bytes; null when no config file was used. */
  readonly sha256: string | null;
  /** Absolute path of the config file. Never put it in a report. */
  readonly path: string | null;
  /** Folder that relative input paths resolve against: the config file's folder, else the working folder. */
  readonly baseDir: string;
  readonly inputs: Partial<Record<TableName, InputConfig | undefined>>;
  /** Shape-checked only; the engine checks rule ids and options. */
  readonly rules: RulesConfig;
  /** Absolute paths, resolved against the config file's folder. */
  readonly plugins: string[];
  /**
   * (v2) The review worklist as the config names it (null: not named); resolved like the input
   * files' `file`: against the folder given on the command line, else the config file's folder.
   */
  readonly review: string | null;
}

/** The configuration used when there is no config file. */
export function defaultConfig(cwd: string): ResolvedConfig {
  return { sha256: null, path: null, baseDir: cwd, inputs: {}, rules: {}, plugins: [], review: null };
}

/** Validates parsed JSON against the schema; `label` names the file in the error. */
export function parseConfig(json: unknown, label: string): z.output<typeof ConfigSchema> {
  const result = ConfigSchema.safeParse(json);
  if (!result.success) {
    const lines = zodIssueLines(result.error);
    throw new ConfigError(`invalid config file ${label}:\n  ${lines.join('\n  ')}`);
  }
  return result.data;
}

export async function loadConfig(opts: { configPath?: string; cwd: string }): Promise<ResolvedConfig> {
  let file: string;
  let label: string;
  if (opts.configPath !== undefined) {
    file = path.resolve(opts.cwd, opts.configPath);
    label = opts.configPath;
  } else {
    file = path.join(opts.cwd, CONFIG_FILE_NAME);
    label = CONFIG_FILE_NAME;
  }

  const read = await readRegularFile(file, MAX_CONFIG_BYTES);
  if (!Buffer.isBuffer(read)) {
    if (opts.configPath === undefined && read.kind === 'missing') return defaultConfig(opts.cwd);
    if (read.kind === 'missing') throw new ConfigError(`config file not found: ${label}`);
    if (read.kind === 'unreadable') throw new ConfigError(`cannot read config file ${label}: ${read.code}`);
    throw new ConfigError(`config file ${label} ${fileProblemText(read)}`);
  }
  const bytes = read;

  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ConfigError(`config file ${label} is not valid JSON: ${(error as Error).message}`);
  }
  const config = parseConfig(json, label);
  const baseDir = path.dirname(file);
  return {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    path: file,
    baseDir,
    inputs: config.inputs,
    rules: config.rules,
    plugins: config.plugins.map((p) => path.resolve(baseDir, p)),
    review: config.review ?? null,
  };
}
