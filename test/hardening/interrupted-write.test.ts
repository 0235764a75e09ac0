/**
 * A run killed mid-write leaves no half-written report: every report file present is complete
 * (byte-identical to an uninterrupted run's, since output is deterministic), and any temporary
 * file left behind is not named like a report. The atomic writer is also tested directly with a
 * failure injected between write and rename.
 */
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { BIN, cli, tmp } from './cli.js';

const failRename = { on: false };
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...real,
    rename: async (from: string, to: string) => {
      if (failRename.on) throw Object.assign(new Error('injected failure between write and rename'), { code: 'EIO' });
      return real.rename(from, to);
    },
  };
});

const REPORT_FILES = ['findings.csv', 'junit.xml', 'referrals.csv', 'report.html', 'report.json', 'report.md', 'safeguarding.csv', 'worklist.csv'];
const ARGS = ['--as-of', '2025-01-31', '--fail-on', 'none'];

describe('hardening: interrupted writes', () => {
  let input: string;
  const reference = new Map<string, Buffer>();

  beforeAll(async () => {
    input = join(await tmp(), 'export');
    const gen = await cli(['generate', '--out', input, '--applications', '5000', '--seed', '7']);
    expect(gen.code, gen.stderr).toBe(0);
    const out = join(await tmp(), 'reference');
    const run = await cli(['audit', input, ...ARGS, '--out', out, '--quiet']);
    expect(run.code, run.stderr).toBe(0);
    for (const name of REPORT_FILES) reference.set(name, await readFile(join(out, name)));
  }, 120_000);

  /** Starts an audit into `out` and SIGKILLs it after `afterWrote` "wrote" notes (0: after `delayMs`). */
  function killedRun(out: string, afterWrote: number, delayMs = 0): Promise<void> {
    return new Promise((done) => {
      const child = spawn('node', [BIN, 'audit', input, ...ARGS, '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
      let wrote = 0;
      const kill = (): void => void child.kill('SIGKILL');
      if (afterWrote === 0) setTimeout(kill, delayMs);
      child.stderr.on('data', (chunk: Buffer) => {
        wrote += (chunk.toString().match(/^wrote /gm) ?? []).length;
        if (afterWrote > 0 && wrote >= afterWrote) kill();
      });
      child.on('exit', () => done());
    });
  }

  async function checkFolder(out: string): Promise<string[]> {
    let entries: string[];
    try {
      entries = await readdir(out);
    } catch {
      return []; // killed before the folder was made
    }
    for (const name of entries) {
      if (REPORT_FILES.includes(name)) {
        // Complete: the same bytes an uninterrupted run writes.
        expect((await readFile(join(out, name))).equals(reference.get(name)!), `${name} is half-written`).toBe(true);
      } else {
        // A leftover temporary file is hidden and never taken for a report.
        expect(name, 'stray file').toMatch(/^\..+\.tmp$/);
      }
    }
    return entries;
  }

  it('SIGKILL at several moments: every report file present is complete', async () => {
    const base = await tmp();
    const moments: [number, number][] = [[1, 0], [2, 0], [4, 0], [0, 300], [0, 1200]];
    const seen = new Set<string>();
    await Promise.all(
      moments.map(async ([wrote, delay], i) => {
        const out = join(base, `out-${i}`);
        await killedRun(out, wrote, delay);
        const left = await checkFolder(out);
        for (const name of left) seen.add(name);
      }),
    );
    // Some runs were caught part-way through the writing: at least one report present, not all.
    expect(seen.size).toBeGreaterThan(0);
  }, 60_000);

  it('a killed run over an earlier complete report leaves each file old or new, never torn', async () => {
    const out = join(await tmp(), 'out');
    await mkdir(out);
    for (const [name, content] of reference) await writeFile(join(out, name), content);
    await killedRun(out, 3);
    const entries = await checkFolder(out);
    for (const name of REPORT_FILES) expect(entries).toContain(name);
  }, 60_000);

  it('the atomic writer: a failure between write and rename leaves the target untouched and no temp file', async () => {
    const { writeFileAtomic, writeRendered } = await import('../../src/report/formats.js');
    const dir = await tmp();
    const target = join(dir, 'report.json');
    await writeFile(target, '{"old":true}\n');
    failRename.on = true;
    try {
      await expect(writeFileAtomic(target, '{"new":true}\n')).rejects.toThrow(/injected failure/);
      await expect(writeRendered(dir, [{ name: 'junit.xml', content: '<x/>' }])).rejects.toThrow(/injected failure/);
    } finally {
      failRename.on = false;
    }
    expect(await readFile(target, 'utf8')).toBe('{"old":true}\n');
    expect(await readdir(dir)).toEqual(['report.json']);
    await writeFileAtomic(target, '{"new":true}\n');
    expect(await readFile(target, 'utf8')).toBe('{"new":true}\n');
    expect(await readdir(dir)).toEqual(['report.json']);
  });
});
