/**
 * Output never lands in the input folder unless asked: default runs write nothing there (nor in
 * the working folder); --out inside the input is honoured only because it was given explicitly.
 */
import { cp, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, listing, tmp } from './cli.js';

const BASIC = resolve('fixtures/audit/basic');

async function inputCopy(): Promise<string> {
  const dir = join(await tmp(), 'export');
  await cp(BASIC, dir, { recursive: true });
  return dir;
}

describe('hardening: where output goes', () => {
  it('default runs (from inside the input folder, and from elsewhere) write nothing to the input or working folder', async () => {
    const input = await inputCopy();
    const elsewhere = await tmp();
    const before = await listing(input);
    const runs = await Promise.all([
      cli(['audit', '--as-of', '2025-01-31'], { cwd: input }),
      cli(['audit', '.', '--as-of', '2025-01-31', '--format', 'html'], { cwd: input }),
      cli(['audit', input, '--as-of', '2025-01-31', '--format', 'json'], { cwd: elsewhere }),
      cli(['validate'], { cwd: input }),
    ]);
    for (const run of runs) expect([0, 1]).toContain(run.code);
    expect(runs[1].stdout).toContain('<!DOCTYPE html>');
    expect(await listing(input)).toEqual(before);
    expect(await readdir(elsewhere)).toEqual([]);
  });

  it('--out inside the input folder, given explicitly, writes only there', async () => {
    const input = await inputCopy();
    const before = await listing(input);
    const run = await cli(['audit', '.', '--as-of', '2025-01-31', '--out', 'reports', '--quiet'], { cwd: input });
    expect(run.code).toBe(1);
    const after = await listing(input);
    const added = after.filter((l) => !before.includes(l));
    expect(added.map((l) => l.split(' ')[0]).sort()).toEqual(
      ['/reports', '/reports/findings.csv', '/reports/junit.xml', '/reports/referrals.csv', '/reports/report.html', '/reports/report.json', '/reports/report.md', '/reports/safeguarding.csv', '/reports/worklist.csv'],
    );
    expect(after.filter((l) => !added.includes(l))).toEqual(before);
  });
});
