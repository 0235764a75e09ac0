/** A plugin that is missing or of the wrong shape is a one-line error naming it (exit 2), never a crash. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { aliveProblems, cli, type Run, tmp } from './cli.js';

/** The CLI in this process (main() maps errors to lines and exit codes as the binary does): many cases, no spawn each. */
async function inProcess(args: readonly string[], cwd: string): Promise<Run> {
  let code = 0;
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: {},
    cwd,
    setExitCode: (c) => {
      code = c;
    },
    exitCode: () => code,
  };
  const exit = await main(['node', 'dvds-audit', ...args], io);
  return { code: exit, stdout: out.join(''), stderr: err.join('') };
}

const CLEAN = resolve('fixtures/audit/clean');
const AUDIT = ['audit', CLEAN, '--as-of', '2025-01-31', '--format', 'json', '--quiet'];

const BAD_MODULES: Record<string, [string, RegExp]> = {
  'throws.mjs': ['throw new Error("boom at load\\nsecond line");', /cannot be loaded: boom at load$/],
  'syntax.mjs': ['export default {', /cannot be loaded: /],
  'number.mjs': ['export default 42;', /rule: is not an object$/],
  'empty.mjs': ['export default [];', /exports an empty list of rules$/],
  'nothing.mjs': ['export const x = 1;', /exports no rule/],
  'no-check.mjs': ['export default { id: "x-rule", title: "X", category: "conduct", severity: "low", rationale: "r", options: { safeParse: () => ({ success: true, data: {} }), shape: {} } };', /check must be a function/],
  'bad-id.mjs': ['export default [{ id: "Not Kebab", title: "X" }];', /rule 1 "Not Kebab": id must be a kebab-case string/],
  'cjs.cjs': ['module.exports = "not a rule";', /is not an object$/],
};

describe('hardening: plugins', () => {
  it('a plugin path that does not exist: one line naming it, exit 2', async () => {
    const cwd = await tmp();
    const run = await cli([...AUDIT, '--plugin', './nowhere/rule.js'], { cwd });
    expect(aliveProblems(run)).toEqual([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`dvds-audit: plugin ${join(cwd, 'nowhere/rule.js')}: file not found\n`);
  });

  it('a plugin path that is a folder: one line naming it, exit 2', async () => {
    const cwd = await tmp();
    await mkdir(join(cwd, 'rules.js'));
    const run = await inProcess([...AUDIT, '--plugin', 'rules.js'], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`dvds-audit: plugin ${join(cwd, 'rules.js')}: not a file\n`);
  });

  it.each(Object.keys(BAD_MODULES))('a module of the wrong shape (%s): one line naming it, exit 2', async (name) => {
    const cwd = await tmp();
    const [source, why] = BAD_MODULES[name]!;
    await writeFile(join(cwd, name), source);
    const run = await inProcess([...AUDIT, '--plugin', name], cwd);
    expect(aliveProblems(run)).toEqual([]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines, run.stderr).toHaveLength(1);
    expect(lines[0]!.startsWith(`dvds-audit: plugin ${join(cwd, name)}: `), lines[0]).toBe(true);
    expect(lines[0]).toMatch(why);
  });

  it('a plugin the config names that does not exist: one line naming it, exit 2', async () => {
    const cwd = await tmp();
    await writeFile(join(cwd, 'dvds-audit.config.json'), JSON.stringify({ plugins: ['./local-rules/missing.js'] }));
    const run = await inProcess([...AUDIT, '--allow-plugins'], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('local-rules/missing.js: file not found');
  });

  it('the shipped malformed fixture is refused by name', async () => {
    const plugin = resolve('fixtures/plugins/malformed-rule.js');
    const run = await cli([...AUDIT, '--plugin', plugin]);
    expect(aliveProblems(run)).toEqual([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`dvds-audit: plugin ${plugin}: rule "broken-rule": severity must be one of critical, high, medium, low, info (got "urgent")\n`);
  });
});
