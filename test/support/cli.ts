/** Running the built CLI (`npm run build` first) in end-to-end tests. */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { tempDir } from './temp.js';

export const BIN = resolve('bin/dvds-audit.js');

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** Working folder; a fresh empty one by default, so no config file of the checkout is picked up. */
  readonly cwd?: string;
  /** Node flags before the script (e.g. `--import` of a preload). */
  readonly node?: readonly string[];
  /** Added to the test runner's environment, or the whole environment when `cleanEnv` is set. */
  readonly env?: Readonly<Record<string, string>>;
  /** Only PATH and HOME from the runner's environment, plus `env`. */
  readonly cleanEnv?: boolean;
}

/** A fresh folder, removed after the test file (see ./temp.ts). */
export function tmp(name = 'cli'): Promise<string> {
  return tempDir(name);
}

export async function cli(args: readonly string[], opts: RunOptions = {}): Promise<Run> {
  const cwd = opts.cwd ?? (await tmp());
  const base = opts.cleanEnv ? { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' } : process.env;
  try {
    const { stdout, stderr } = await promisify(execFile)('node', [...(opts.node ?? []), BIN, ...args], {
      cwd,
      env: { ...base, ...opts.env },
      maxBuffer: 512 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
