/**
 * Hardening (issue 15 item 6): a user's or the machine's error is exit 2 with one line, never
 * exit 3 ("a bug"): a folder given as a file, an output under a file, a folder that cannot be made
 * (a /proc path, where Node's own recursive mkdir spins for ever), and every system error code
 * that is the environment's.
 */
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { environmentError } from '../../src/shared/system-error.js';
import { cli, tmp } from '../support/cli.js';

const APPS = resolve('fixtures/sample/applications.csv');
const KEY = { DVDS_ANONYMISE_KEY: 'exit-codes-test-key-0123456789abcdef' };

describe('exit codes that tell the truth', () => {
  it.each<[string, (cwd: string) => string[], RegExp]>([
    ['init --from a folder', (cwd) => ['init', '--from', cwd], /is a folder; give the export file itself/],
    ['init --out under a file', () => ['init', '--from', APPS, '--out', 'taken/config.json'], /^dvds-audit: cannot mkdir .*taken: ENOTDIR \(a file where a folder was expected\)\n$/],
    ['init --out where no folder can be made', () => ['init', '--from', APPS, '--out', '/proc/dvds-test/config.json'], /^dvds-audit: cannot mkdir \/proc\/dvds-test: ENOENT/],
    ['generate --out where no folder can be made', () => ['generate', '--out', '/proc/dvds-test', '--applications', '10'], /^dvds-audit: cannot mkdir \/proc\/dvds-test: ENOENT/],
    ['audit --out under a file', () => ['audit', resolve('fixtures/sample'), '--as-of', '2025-01-31', '--out', 'taken/out', '--quiet'], /^dvds-audit: --out taken\/out: cannot write the report there \(ENOTDIR/],
    ['audit --out where no folder can be made', () => ['audit', resolve('fixtures/sample'), '--as-of', '2025-01-31', '--out', '/proc/dvds-test', '--quiet'], /^dvds-audit: --out \/proc\/dvds-test: cannot write the report there \(ENOENT\)/],
    ['anonymise --out where no folder can be made', () => ['anonymise', resolve('fixtures/sample'), '--out', '/proc/dvds-test'], /^dvds-audit: cannot mkdir \/proc\/dvds-test: ENOENT/],
  ])('%s: exit 2, one line', async (_, args, message) => {
    const cwd = await tmp();
    await writeFile(join(cwd, 'taken'), 'a file');
    const run = await cli(args(cwd), { cwd, env: KEY });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  }, 30_000);

  it.each(['ENOENT', 'EISDIR', 'ENOTDIR', 'EEXIST', 'EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT', 'EFBIG', 'EIO', 'EMFILE', 'ENAMETOOLONG', 'ELOOP'])(
    '%s from a system call is the environment\'s',
    (code) => {
      const error = Object.assign(new Error('x'), { code, syscall: 'open', path: '/some/file' });
      expect(environmentError(error)).toMatch(new RegExp(`^cannot open /some/file: ${code} \\(.+\\)$`));
    },
  );

  it('a bug stays a bug: an error without a system call, or of another code', () => {
    expect(environmentError(new TypeError('x is undefined'))).toBeNull();
    expect(environmentError(Object.assign(new Error('x'), { code: 'ERR_INVALID_ARG_TYPE' }))).toBeNull();
    expect(environmentError(Object.assign(new Error('x'), { code: 'ECONNRESET', syscall: 'read' }))).toBeNull();
  });
});
