/**
 * End to end: `dvds-audit anonymise` through the built CLI (`npm run build` first).
 */
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli as runCli } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

const SAMPLE = resolve('fixtures/sample');
// A key as `anonymise --new-key` prints one: a weak key is refused (see the tests below).
const KEY = 'ClSPpqd1tz-NvN9tQgUHqfg0GtNaW8JSHAbYy4ZMw4s';

// Only what node needs from the environment, so a key set in the test runner's shell is not picked up.
const cli = (args: string[], cwd: string, env: Record<string, string> = {}) => runCli(args, { cwd, env, cleanEnv: true });

const tmp = (): Promise<string> => tempDir('anon-cli');

describe('dvds-audit anonymise', () => {
  it('writes the copy and prints what it changed', async () => {
    const cwd = await tmp();
    const r = await cli(['anonymise', SAMPLE, '--out', 'copy'], cwd, { DVDS_ANONYMISE_KEY: KEY });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(key from DVDS_ANONYMISE_KEY)');
    expect(r.stdout).toMatch(/^ {2}applications\.csv: 400 rows$/m);
    expect(r.stdout).toMatch(/^ {4}pseudonymised: application_id, applicant_id, person_at_risk_id, subject_id, handler_id, decision_maker_id$/m);
    expect(r.stdout).toMatch(/^ {4}dropped: notes$/m);
    expect(r.stdout).toMatch(/^ {4}dropped: display_name$/m);
    expect(r.stdout).toMatch(/^ {2}dates: kept as they were$/m);
    expect((await readdir(join(cwd, 'copy'))).sort()).toEqual(['applications.csv', 'checks.csv', 'conduct_referrals.csv', 'history.csv', 'household.csv', 'incidents.csv', 'persons.csv', 'staff.csv']);
    const run = await cli(['audit', 'copy', '--as-of', '2025-01-31', '--format', 'json', '--fail-on', 'none'], cwd);
    expect(run.code).toBe(0);
    const original = await cli(['audit', SAMPLE, '--as-of', '2025-01-31', '--format', 'json', '--fail-on', 'none'], cwd);
    const count = (out: string): number => (JSON.parse(out) as { findings: unknown[] }).findings.length;
    expect(count(run.stdout)).toBe(count(original.stdout));
  });

  it('takes the key from the variable --key-env names, and reports the shift', async () => {
    const cwd = await tmp();
    const r = await cli(['anonymise', SAMPLE, '--out', 'copy', '--key-env', 'MY_KEY', '--shift-weeks'], cwd, { MY_KEY: KEY });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(key from MY_KEY)');
    expect(r.stdout).toMatch(/^ {2}dates: all moved \d+ weeks? \(\d+ days\) earlier; weekdays and intervals kept$/m);
    expect(r.stdout).toMatch(/findings may change for \d+ applications?:/);
    expect(r.stdout).toMatch(/^ {6}\d+ with a bank holiday in the face-to-face window/m);
  });

  it('exits 2 without a key, naming the variable, and writes nothing', async () => {
    const cwd = await tmp();
    const r = await cli(['anonymise', SAMPLE, '--out', 'copy'], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no key: set the environment variable DVDS_ANONYMISE_KEY/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(await readdir(cwd)).toEqual([]);
  });

  it('exits 2 with a short key', async () => {
    const r = await cli(['anonymise', SAMPLE, '--out', 'copy'], await tmp(), { DVDS_ANONYMISE_KEY: 'short' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is 5 characters; it must be at least 32/);
  });

  it('exits 2 with a key of one letter repeated, saying how to get a strong one, and writes nothing', async () => {
    const cwd = await tmp();
    const r = await cli(['anonymise', SAMPLE, '--out', 'copy'], cwd, { DVDS_ANONYMISE_KEY: 'a'.repeat(32) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^dvds-audit: the key in DVDS_ANONYMISE_KEY is too easy to guess \(1 distinct characters, about 0 bits estimated; at least 8 and 80 needed\)/);
    expect(r.stderr).toContain('run "dvds-audit anonymise --new-key"');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(await readdir(cwd)).toEqual([]);
  });

  it('--new-key prints a strong random key alone on a line, exits 0, and one such key is accepted', async () => {
    const cwd = await tmp();
    const a = await cli(['anonymise', '--new-key'], cwd);
    const b = await cli(['anonymise', '--new-key'], cwd);
    expect(a.code).toBe(0);
    expect(a.stderr).toBe('');
    expect(a.stdout).toMatch(/^[A-Za-z0-9_-]{43}\n$/);
    expect(b.stdout).not.toBe(a.stdout);
    expect(await readdir(cwd)).toEqual([]);
    const r = await cli(['anonymise', SAMPLE, '--out', 'copy'], cwd, { DVDS_ANONYMISE_KEY: a.stdout.trim() });
    expect(r.code).toBe(0);
  });

  it('--new-key with anything else, or no input or --out without it, is a usage error (exit 2)', async () => {
    const cwd = await tmp();
    const both = await cli(['anonymise', SAMPLE, '--out', 'copy', '--new-key'], cwd, { DVDS_ANONYMISE_KEY: KEY });
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--new-key prints a key and does nothing else/);
    expect(both.stdout).toBe('');
    const noInput = await cli(['anonymise', '--out', 'copy'], cwd, { DVDS_ANONYMISE_KEY: KEY });
    expect(noInput.code).toBe(2);
    expect(noInput.stderr).toMatch(/missing required argument 'in'/);
    const noOut = await cli(['anonymise', SAMPLE], cwd, { DVDS_ANONYMISE_KEY: KEY });
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/required option '--out <dir>' not specified/);
    expect(await readdir(cwd)).toEqual([]);
  });

  it('exits 2 rather than write into or inside its input', async () => {
    const cwd = await tmp();
    const gen = await cli(['generate', '--out', 'export', '--applications', '20'], cwd);
    expect(gen.code).toBe(0);
    const into = await cli(['anonymise', 'export', '--out', 'export'], cwd, { DVDS_ANONYMISE_KEY: KEY });
    expect(into.code).toBe(2);
    expect(into.stderr).toMatch(/is the input folder/);
    const inside = await cli(['anonymise', 'export', '--out', 'export/anon'], cwd, { DVDS_ANONYMISE_KEY: KEY });
    expect(inside.code).toBe(2);
    expect(inside.stderr).toMatch(/inside the input folder/);
    expect(await readdir(join(cwd, 'export'))).not.toContain('anon');
  });
});
