/** Running the built CLI (`npx tsc -p tsconfig.json` first) for the hardening tests. */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

export const BIN = resolve('bin/dvds-audit.js');

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function cli(args: readonly string[], opts: { cwd?: string; node?: readonly string[]; env?: Record<string, string> } = {}): Promise<Run> {
  const cwd = opts.cwd ?? (await tmp());
  try {
    const { stdout, stderr } = await promisify(execFile)('node', [...(opts.node ?? []), BIN, ...args], {
      cwd,
      env: { ...process.env, ...opts.env },
      maxBuffer: 512 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

export function tmp(prefix = 'dvds-hard-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** A run that failed on purpose still exits 0-2 with a one-line message, never 3 or a stack. */
export function aliveProblems(run: Run): string[] {
  const problems: string[] = [];
  if (![0, 1, 2].includes(run.code)) problems.push(`exit ${run.code}`);
  if (/internal error|^\s+at .+:\d+:\d+\)?$/m.test(run.stderr)) problems.push(`stack or internal error: ${run.stderr.slice(0, 400)}`);
  return problems;
}

/** Every file under a folder with its size and mtime, for before/after comparisons. */
export async function listing(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const full = join(entry.parentPath, entry.name);
    const s = await stat(full);
    out.push(`${full.slice(dir.length)} ${entry.isDirectory() ? 'dir' : s.size} ${s.mtimeMs}`);
  }
  return out.sort();
}
