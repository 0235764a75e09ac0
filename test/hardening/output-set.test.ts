/**
 * Hardening (issue 15 items 2 and 3): a report set under --out is complete or not there. Short
 * writes are continued or fail, never ignored; a full disk or a file size limit (a real
 * `ulimit -f` in a child process) is exit 2 naming the file and the cause, with the earlier report
 * set untouched and no temporary file left; temporary files are created exclusively, report files
 * without permissions for other users, and a link planted where a report goes is replaced, never
 * written through.
 */
import { execFile } from 'node:child_process';
import { lstat, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { OutputSet, REPORT_FILE_MODE, writeAll } from '../../src/report/output-set.js';
import { BIN, cli, tmp } from '../support/cli.js';

const SAMPLE = resolve('fixtures/sample');
const ARGS = ['--as-of', '2025-01-31', '--fail-on', 'none', '--quiet'];

describe('writeAll', () => {
  it('continues a short write until every byte is written', async () => {
    const got: number[] = [];
    const handle = {
      write: (buffer: Uint8Array, offset = 0, length = buffer.length) => {
        const n = Math.min(3, length);
        got.push(...buffer.subarray(offset, offset + n));
        return Promise.resolve({ bytesWritten: n, buffer });
      },
    };
    await writeAll(handle as never, Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]));
    expect(got).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('fails when the system takes no more bytes and says nothing', async () => {
    const handle = { write: (buffer: Uint8Array) => Promise.resolve({ bytesWritten: 0, buffer }) };
    await expect(writeAll(handle as never, Uint8Array.from([1]))).rejects.toMatchObject({ code: 'ENOSPC' });
  });
});

describe('a report set under --out', () => {
  let earlier: string;
  const reference = new Map<string, Buffer>();

  beforeAll(async () => {
    earlier = join(await tmp(), 'out');
    const run = await cli(['audit', SAMPLE, ...ARGS, '--out', earlier]);
    expect(run.code, run.stderr).toBe(0);
    for (const name of await readdir(earlier)) reference.set(name, await readFile(join(earlier, name)));
  });

  it('with a file size limit (ulimit -f): exit 2 naming the file and EFBIG, the earlier set untouched, no temp file', async () => {
    const run = await promisify(execFile)('bash', ['-c', `ulimit -f 100; exec node ${BIN} audit ${SAMPLE} ${ARGS.join(' ')} --out ${earlier}`]).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^dvds-audit: --out .*: cannot write .*\.(json|html|csv|md|xml) \(EFBIG: the file is larger than this system allows \(a file size limit\)\); no report file was changed\n$/);
    expect((await readdir(earlier)).sort()).toEqual([...reference.keys()].sort());
    for (const [name, bytes] of reference) expect((await readFile(join(earlier, name))).equals(bytes), name).toBe(true);
  });

  it('creates report files without permissions for other users', async () => {
    for (const name of reference.keys()) expect(((await stat(join(earlier, name))).mode & 0o777) & ~REPORT_FILE_MODE, name).toBe(0);
    expect(((await stat(join(earlier, 'report.json'))).mode & 0o007)).toBe(0);
  });

  it('replaces a link planted where a report goes, never writing through it', async () => {
    const root = await tmp();
    const out = join(root, 'out');
    await cli(['audit', SAMPLE, ...ARGS, '--out', out]);
    await writeFile(join(root, 'outside.txt'), 'not yours');
    await symlink(join(root, 'outside.txt'), join(out, 'report.json.link'));
    const { rm } = await import('node:fs/promises');
    await rm(join(out, 'report.json'));
    await symlink(join(root, 'outside.txt'), join(out, 'report.json'));
    const run = await cli(['audit', SAMPLE, ...ARGS, '--out', out]);
    expect(run.code).toBe(0);
    expect(await readFile(join(root, 'outside.txt'), 'utf8')).toBe('not yours');
    expect((await lstat(join(out, 'report.json'))).isSymbolicLink()).toBe(false);
  });

  it('never writes through a link planted at the temporary name: the exclusive open fails', async () => {
    const root = await tmp();
    const out = join(root, 'out');
    await writeFile(join(root, 'outside.txt'), 'not yours');
    const set = await OutputSet.open(out, () => 'guessed');
    // Planted after the folder is opened (open removes leftover temporary files), as a racing attacker would.
    await symlink(join(root, 'outside.txt'), join(out, '.dvds-audit-guessed.report.json.tmp'));
    await expect(set.stage({ name: 'report.json', content: '{"secret":1}' })).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await readFile(join(root, 'outside.txt'), 'utf8')).toBe('not yours');
    await expect(lstat(join(out, 'report.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('removes the temporary files a killed run left, on the next run into the folder', async () => {
    const out = join(await tmp(), 'out');
    await cli(['audit', SAMPLE, ...ARGS, '--out', out]);
    await writeFile(join(out, '.dvds-audit-0123456789abcdef01234567.report.json.tmp'), '{"half":');
    const run = await cli(['audit', SAMPLE, ...ARGS, '--out', out]);
    expect(run.code).toBe(0);
    expect((await readdir(out)).filter((n) => n.startsWith('.'))).toEqual([]);
  });
});
