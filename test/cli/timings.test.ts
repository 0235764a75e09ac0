/**
 * `audit --timings` end to end on the built CLI (`npm run build` first): the phase lines on
 * stderr in their fixed format, and nothing else changed. No timing value is asserted: they
 * depend on the machine; only the line format and the phases' names and order.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tmp } from '../support/cli.js';

const SAMPLE = resolve('fixtures/sample');
const AUDIT = ['audit', SAMPLE, '--as-of', '2025-01-31', '--fail-on', 'none'];
const LINE = /^timing (load|rules|decide|write|total): \d+ ms, rss \d+ MiB, heap used \d+ MiB$/;

/** The timing lines of a stderr, and the rest of it. */
function split(stderr: string): { timings: string[]; rest: string[] } {
  const lines = stderr.split('\n').filter((l) => l !== '');
  return { timings: lines.filter((l) => l.startsWith('timing ')), rest: lines.filter((l) => !l.startsWith('timing ')) };
}

async function filesOf(dir: string): Promise<Map<string, Buffer>> {
  const names = (await readdir(dir)).sort();
  return new Map(await Promise.all(names.map(async (n) => [n, await readFile(join(dir, n))] as const)));
}

describe('audit --timings', () => {
  it('prints the four phases and a total, last on stderr, and leaves stdout byte-identical', async () => {
    const plain = await cli([...AUDIT, '--format', 'json', '--quiet']);
    const timed = await cli([...AUDIT, '--format', 'json', '--quiet', '--timings']);
    expect(timed.code).toBe(plain.code);
    expect(timed.stdout).toBe(plain.stdout);
    expect(plain.stderr).toBe('');
    // Printed even with --quiet: asked for by name. Exactly five lines, each in the fixed format.
    const lines = timed.stderr.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(5);
    for (const line of lines) expect(line).toMatch(LINE);
    expect(lines.map((l) => LINE.exec(l)?.[1])).toEqual(['load', 'rules', 'decide', 'write', 'total']);
  });

  it('leaves every --out file and the table on stdout byte-identical, and the notes as they were', async () => {
    const [a, b] = [await tmp(), await tmp()];
    const formats = ['--format', 'table,json,md,html,csv,junit'];
    const plain = await cli([...AUDIT, ...formats, '--out', join(a, 'out')]);
    const timed = await cli([...AUDIT, ...formats, '--out', join(b, 'out'), '--timings']);
    expect(timed.code).toBe(plain.code);
    expect(timed.stdout).toBe(plain.stdout);
    expect(timed.stdout).not.toBe('');
    const [plainFiles, timedFiles] = [await filesOf(join(a, 'out')), await filesOf(join(b, 'out'))];
    expect([...timedFiles.keys()]).toEqual([...plainFiles.keys()]);
    expect([...timedFiles.keys()]).toContain('report.json');
    for (const [name, bytes] of plainFiles) expect(timedFiles.get(name)?.equals(bytes), name).toBe(true);
    // The notes name the --out folder given, which differs between the two runs only in the temporary folder.
    const timedStderr = split(timed.stderr.replaceAll(b, a));
    expect(timedStderr.rest).toEqual(split(plain.stderr).rest);
    expect(split(plain.stderr).timings).toEqual([]);
    expect(timedStderr.timings.map((l) => LINE.exec(l)?.[1])).toEqual(['load', 'rules', 'decide', 'write', 'total']);
    // After every note: the run's last lines.
    expect(timed.stderr.trimEnd().split('\n').slice(-5)).toEqual(timedStderr.timings);
  });
});
