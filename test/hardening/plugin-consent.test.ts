/**
 * Issue 15.1: code a config names runs only with consent (--allow-plugins, DVDS_ALLOW_PLUGINS=1,
 * or the module given as --plugin). The fixture plugin writes a marker file when imported, so a
 * refusal is proven to come before any plugin code runs, not merely before its rule is used.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/audit.js';
import { ConfigError } from '../../src/errors.js';
import { aliveProblems, cli, tmp } from './cli.js';

const CLEAN = resolve('fixtures/audit/clean');
const EXAMPLE = resolve('fixtures/plugins/example-rule.js');
const MARKER = 'plugin-ran.marker';

type Command = 'audit' | 'rules' | 'explain' | 'validate';
type Source = 'discovered' | '--config' | '--plugin';
type Consent = 'none' | 'flag' | 'env' | 'env=0';

/** A working folder with the marker plugin at `plugins/marker.mjs` and, for a config source, a config naming it. */
async function setUp(source: Source): Promise<{ cwd: string; args: string[] }> {
  const cwd = await tmp('consent');
  await mkdir(join(cwd, 'plugins'));
  await writeFile(
    join(cwd, 'plugins', 'marker.mjs'),
    `import { writeFileSync } from 'node:fs';\nwriteFileSync(new URL('../${MARKER}', import.meta.url), 'ran');\nexport { default } from ${JSON.stringify(EXAMPLE)};\n`,
  );
  if (source === 'discovered') {
    await writeFile(join(cwd, 'dvds-audit.config.json'), JSON.stringify({ plugins: ['./plugins/marker.mjs'] }));
    return { cwd, args: [] };
  }
  if (source === '--config') {
    await writeFile(join(cwd, 'plugins', 'team.json'), JSON.stringify({ plugins: ['./marker.mjs'] }));
    return { cwd, args: ['--config', 'plugins/team.json'] };
  }
  return { cwd, args: ['--plugin', 'plugins/marker.mjs'] };
}

const COMMAND_ARGS: Record<Command, string[]> = {
  audit: ['audit', CLEAN, '--as-of', '2025-01-31', '--format', 'json', '--fail-on', 'none', '--quiet'],
  rules: ['rules'],
  explain: ['rules', 'explain', 'deadline-missed'],
  validate: ['validate', CLEAN, '--quiet'],
};

interface Case {
  readonly command: Command;
  readonly source: Source;
  readonly consent: Consent;
  /** The plugin ran (and the command succeeded), else it was refused (exit 2, marker absent). */
  readonly runs: boolean;
}

const CASES: Case[] = [];
for (const command of ['audit', 'rules', 'explain'] as const) {
  for (const source of ['discovered', '--config'] as const) {
    for (const consent of ['none', 'flag', 'env', 'env=0'] as const) {
      CASES.push({ command, source, consent, runs: consent === 'flag' || consent === 'env' });
    }
  }
  // Naming the module on the command line is the consent.
  CASES.push({ command, source: '--plugin', consent: 'none', runs: true });
}
// validate reads the config but never imports a plugin: it runs, and no plugin code does.
for (const source of ['discovered', '--config'] as const) {
  for (const consent of ['none', 'env'] as const) CASES.push({ command: 'validate', source, consent, runs: false });
}

function consentArgs(consent: Consent): { args: string[]; env: Record<string, string> } {
  if (consent === 'flag') return { args: ['--allow-plugins'], env: {} };
  if (consent === 'env') return { args: [], env: { DVDS_ALLOW_PLUGINS: '1' } };
  if (consent === 'env=0') return { args: [], env: { DVDS_ALLOW_PLUGINS: '0' } };
  return { args: [], env: { DVDS_ALLOW_PLUGINS: '' } };
}

describe('plugins need consent (issue 15.1)', () => {
  it.each(CASES)('$command, plugin from $source, consent $consent: runs $runs', async ({ command, source, consent, runs }) => {
    const { cwd, args } = await setUp(source);
    const given = consentArgs(consent);
    const run = await cli([...COMMAND_ARGS[command], ...args, ...given.args], { cwd, env: given.env });
    expect(aliveProblems(run)).toEqual([]);
    if (command === 'validate') {
      expect(run.code, run.stderr).toBe(0);
      expect(existsSync(join(cwd, MARKER))).toBe(false);
      return;
    }
    expect(existsSync(join(cwd, MARKER)), run.stderr).toBe(runs);
    if (runs) {
      expect(run.code, run.stderr).toBe(0);
      if (command === 'rules') expect(run.stdout).toMatch(/^no-handler /m);
      return;
    }
    const config = source === 'discovered' ? 'dvds-audit.config.json' : 'plugins/team.json';
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `dvds-audit: config file ${config} names plugin code that would run here: plugins/marker.mjs; nothing was run. ` +
        'If you trust it, run again with --allow-plugins (or DVDS_ALLOW_PLUGINS=1)\n',
    );
  });

  it('is refused before the export is read: a folder without applications.csv still names the plugin, not the missing file', async () => {
    const { cwd } = await setUp('discovered');
    const run = await cli(['audit', '--as-of', '2025-01-31', '--quiet'], { cwd, env: { DVDS_ALLOW_PLUGINS: '' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/names plugin code that would run here: plugins\/marker\.mjs/);
    expect(existsSync(join(cwd, MARKER))).toBe(false);
  });

  it('--plugin is consent for that module only: another the config names is still refused, and neither runs', async () => {
    const { cwd } = await setUp('discovered');
    await writeFile(join(cwd, 'other.mjs'), `export { default } from ${JSON.stringify(EXAMPLE)};\n`);
    const run = await cli(['rules', '--plugin', 'other.mjs'], { cwd, env: { DVDS_ALLOW_PLUGINS: '' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/would run here: plugins\/marker\.mjs; nothing was run/);
    expect(existsSync(join(cwd, MARKER))).toBe(false);
    // The module the config names, also given as --plugin: consented to.
    const same = await cli(['rules', '--plugin', 'plugins/marker.mjs'], { cwd, env: { DVDS_ALLOW_PLUGINS: '' } });
    expect(same.code, same.stderr).toBe(0);
    expect(existsSync(join(cwd, MARKER))).toBe(true);
  });

  it('the library call refuses config plugins without allowPlugins, with the same error', async () => {
    const { cwd } = await setUp('--config');
    const options = { cwd, dir: CLEAN, configPath: 'plugins/team.json', asOf: '2025-01-31' };
    const refused = await audit(options).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as Error).message).toBe(
      'config file plugins/team.json names plugin code that would run here: plugins/marker.mjs; nothing was run. ' +
        'If you trust it, run again with --allow-plugins (or DVDS_ALLOW_PLUGINS=1)',
    );
    expect(existsSync(join(cwd, MARKER))).toBe(false);
    const report = await audit({ ...options, allowPlugins: true });
    expect(report.rules.map((r) => r.id)).toContain('no-handler');
    expect(existsSync(join(cwd, MARKER))).toBe(true);
  });
});
