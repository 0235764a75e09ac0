/** Running the built CLI (`npm run build` first) for the hardening tests. */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export { BIN, cli, type Run } from '../support/cli.js';
import { type Run, tmp as tmpIn } from '../support/cli.js';

export function tmp(name = 'hard'): Promise<string> {
  return tmpIn(name);
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
