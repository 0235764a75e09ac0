/**
 * End to end: the built CLI (`npm run build` first; `npm test` does it).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli as runCli } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

const PLUGINS = resolve('fixtures/plugins');

const cli = (args: string[], cwd?: string) => runCli(args, cwd === undefined ? {} : { cwd });

async function configDir(config: unknown): Promise<string> {
  const dir = await tempDir('rules');
  await writeFile(join(dir, 'dvds-audit.config.json'), JSON.stringify(config));
  return dir;
}

describe('dvds-audit rules', () => {
  it('lists every built-in rule with category, severity and enabled', async () => {
    const { code, stdout, stderr } = await cli(['rules']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout.split('\n')[0]).toMatch(/^id +category +severity +enabled +failure-type +service-failure +decision-basis$/);
    expect(stdout).toMatch(/^deadline-missed +timeliness +medium +yes +administrative +yes +no$/m);
    expect(stdout).toMatch(/^face-to-face-late +timeliness +low +yes +administrative +no +no$/m);
    expect(stdout).toMatch(/^withheld-despite-history +safeguarding +high +yes +service +yes +yes$/m);
  });

  it('shows the config: a rule turned off, a severity changed, a plugin added', async () => {
    const dir = await configDir({
      rules: { 'face-to-face-late': 'off', 'deadline-missed': { severity: 'high', options: { graceDays: 2 } } },
      plugins: [join(PLUGINS, 'example-rule.js')],
    });
    const { code, stdout } = await cli(['rules', '--format', 'json', '--allow-plugins'], dir);
    expect(code).toBe(0);
    const rules = (JSON.parse(stdout) as { rules: { id: string; severity: string; enabled: boolean; defaultSeverity: string }[] }).rules;
    expect(rules.find((r) => r.id === 'face-to-face-late')).toMatchObject({ enabled: false });
    expect(rules.find((r) => r.id === 'deadline-missed')).toMatchObject({ severity: 'high', defaultSeverity: 'medium', enabled: true });
    expect(rules.at(-1)).toMatchObject({ id: 'no-handler', enabled: true, severity: 'low', failureType: 'none', serviceFailure: false, decisionBasis: false });
    expect(rules.find((r) => r.id === 'withheld-despite-history')).toMatchObject({ failureType: 'service', serviceFailure: true, decisionBasis: true });
  });

  it('takes --config and --plugin', async () => {
    const dir = await configDir({ rules: { 'no-handler': 'info' } });
    const { code, stdout } = await cli(['rules', '--config', join(dir, 'dvds-audit.config.json'), '--plugin', join(PLUGINS, 'example-rule.js')]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^no-handler +data-quality +info +yes +none +no +no$/m);
  });

  it('--format md is docs/rules.md', async () => {
    const { code, stdout } = await cli(['rules', '--format', 'md']);
    expect(code).toBe(0);
    expect(stdout).toBe(await readFile('docs/rules.md', 'utf8'));
  });

  it('explains one rule: rationale and options with defaults', async () => {
    const { code, stdout } = await cli(['rules', 'explain', 'deadline-missed']);
    expect(code).toBe(0);
    expect(stdout).toContain('deadline-missed: Outcome later than the overall time limit');
    expect(stdout).toContain('default severity:  medium');
    expect(stdout).toContain('failure type:      administrative\nservice failure:   yes\ndecision basis:    no\n');
    expect(stdout).toContain('s.77 Domestic Abuse Act 2021');
    expect(stdout).toMatch(/graceDays: integer 0 to 3650\n.*\n {4}default: 0\n/);
    expect(stdout).toContain('"days":28');
  });

  it('explains a plugin rule', async () => {
    const { code, stdout } = await cli(['rules', 'explain', 'no-handler', '--plugin', join(PLUGINS, 'example-rule.js')]);
    expect(code).toBe(0);
    expect(stdout).toContain('routes: array of one of "right_to_ask", "right_to_know"');
  });

  it.each([
    [['rules', 'explain', 'no-such-rule'], 'dvds-audit: unknown rule "no-such-rule" (run `dvds-audit rules` for the list)\n'],
    [['rules', '--plugin', join(PLUGINS, 'missing.js')], `dvds-audit: plugin ${join(PLUGINS, 'missing.js')}: file not found\n`],
    [
      ['rules', '--plugin', join(PLUGINS, 'malformed-rule.js')],
      `dvds-audit: plugin ${join(PLUGINS, 'malformed-rule.js')}: rule "broken-rule": severity must be one of critical, high, medium, low, info (got "urgent")\n`,
    ],
  ])('%j is a one-line error, exit 2', async (args, stderr) => {
    const out = await cli(args);
    expect(out).toEqual({ code: 2, stdout: '', stderr });
  });

  it('a bad rule setting in the config names its path, exit 2', async () => {
    const dir = await configDir({ rules: { 'deadline-missed': { options: { graceDays: 'two' } } } });
    const { code, stderr } = await cli(['rules'], dir);
    expect(code).toBe(2);
    expect(stderr).toContain('rules.deadline-missed.options.graceDays: expected number, received string');
    expect(stderr).not.toContain('    at ');
  });
});
