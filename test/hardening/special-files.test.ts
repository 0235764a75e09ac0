/**
 * Issue 15.7: a file the user names (--config, --baseline, diff's reports) that is a device or a
 * FIFO is refused on one line, exit 2, before it is opened: /dev/zero would be read for gigabytes
 * and a FIFO blocks until someone writes. A config over 1 MB is refused unread.
 */
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyReport } from '../fixtures/report-empty.js';
import { aliveProblems, cli, tmp } from './cli.js';

const CLEAN = resolve('fixtures/audit/clean');
const AUDIT = ['audit', CLEAN, '--as-of', '2025-01-31', '--quiet'];

/** A folder holding a FIFO `pipe` nobody writes to (a read of it would block for ever). */
async function withFifo(): Promise<string> {
  const cwd = await tmp('special');
  execFileSync('mkfifo', [join(cwd, 'pipe')]);
  await writeFile(join(cwd, 'report.json'), JSON.stringify(emptyReport));
  return cwd;
}

const NOT_REGULAR = 'is not a regular file (a device, a pipe or a folder); give a file';

const CASES: { name: string; args: (file: string) => string[]; message: (file: string) => string }[] = [
  { name: '--config', args: (f) => [...AUDIT, '--config', f], message: (f) => `dvds-audit: config file ${f} ${NOT_REGULAR}\n` },
  { name: 'rules --config', args: (f) => ['rules', '--config', f], message: (f) => `dvds-audit: config file ${f} ${NOT_REGULAR}\n` },
  { name: '--baseline', args: (f) => [...AUDIT, '--baseline', f], message: (f) => `dvds-audit: report ${f} ${NOT_REGULAR}\n` },
  { name: 'diff (old)', args: (f) => ['diff', f, 'report.json'], message: (f) => `dvds-audit: report ${f} ${NOT_REGULAR}\n` },
  { name: 'diff (new)', args: (f) => ['diff', 'report.json', f], message: (f) => `dvds-audit: report ${f} ${NOT_REGULAR}\n` },
];

describe('special files (issue 15.7)', () => {
  it.each(CASES.flatMap((c) => ['/dev/zero', 'pipe'].map((file) => ({ ...c, file }))))('$name $file: one line, exit 2', async ({ args, message, file }) => {
    const cwd = await withFifo();
    const run = await cli(args(file), { cwd });
    expect(aliveProblems(run)).toEqual([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(message(file));
  });

  it('a config larger than 1 MB is refused unread', async () => {
    const cwd = await tmp('special');
    await writeFile(join(cwd, 'big.json'), `{"rules":{}}${' '.repeat(1024 * 1024)}`);
    const run = await cli([...AUDIT, '--config', 'big.json'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('dvds-audit: config file big.json is larger than 1,048,576 bytes\n');
    // At the limit it is read.
    await writeFile(join(cwd, 'ok.json'), `{"rules":{}}${' '.repeat(1024 * 1024 - 12)}`);
    expect((await cli([...AUDIT, '--config', 'ok.json', '--format', 'json', '--fail-on', 'none'], { cwd })).code).toBe(0);
  });
});
