import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPlugins } from '../../src/engine/plugins.js';
import { runRules } from '../../src/engine/run.js';
import { ConfigError } from '../../src/errors.js';
import { app, dataset, day } from '../support/dataset.js';
import { tempDir } from '../support/temp.js';

/** The checkout, whatever folder the runner started in: the relative plugin paths below are taken from it. */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const EXAMPLE = 'fixtures/plugins/example-rule.js';

async function pluginFile(source: string): Promise<string> {
  const dir = await tempDir('plugin');
  const file = join(dir, 'plugin.mjs');
  await writeFile(file, source);
  return file;
}

describe('loadPlugins', () => {
  it('takes a relative path from the working folder it is given, not from the process', async () => {
    const file = await pluginFile(`export { default } from ${JSON.stringify(join(ROOT, EXAMPLE))};`);
    const [dir, name] = [join(file, '..'), 'plugin.mjs'];
    expect((await loadPlugins([name], dir)).map((p) => p.id)).toEqual(['no-handler']);
    await expect(loadPlugins([EXAMPLE], dir)).rejects.toThrow(new ConfigError(`plugin ${EXAMPLE}: file not found`));
  });

  it('loads the example plugin and runs it with its options', async () => {
    const plugins = await loadPlugins([EXAMPLE], ROOT);
    expect(plugins.map((p) => p.id)).toEqual(['no-handler']);
    const ds = dataset({
      applications: [
        app({ application_id: 'A1', handler_id: null }),
        app({ application_id: 'A2', handler_id: 'H1' }),
        app({ application_id: 'A3', handler_id: null, route: 'right_to_know' }),
      ],
    });
    const all = runRules({ dataset: ds, asOf: day('2023-01-03'), plugins });
    expect(all.findings.filter((f) => f.ruleId === 'no-handler').map((f) => [f.applicationId, f.severity, f.category])).toEqual([
      ['A1', 'low', 'data-quality'],
      ['A3', 'low', 'data-quality'],
    ]);
    const rta = runRules({ dataset: ds, asOf: day('2023-01-03'), plugins, rules: { 'no-handler': { options: { routes: ['right_to_ask'] } } } });
    expect(rta.findings.filter((f) => f.ruleId === 'no-handler').map((f) => f.applicationId)).toEqual(['A1']);
    expect(() => runRules({ dataset: ds, asOf: 0, plugins, rules: { 'no-handler': { options: { routes: ['rtk'] } } } })).toThrow(
      /^rules\.no-handler\.options\.routes\[0\]: /,
    );
  });

  it('loads a named `rules` export of several rules, honouring their `after`', async () => {
    const plugins = await loadPlugins(['fixtures/plugins/two-rules.js'], ROOT);
    expect(plugins.map((p) => p.id)).toEqual(['no-subject-reads-first', 'no-applicant']);
    const { findings } = runRules({ dataset: dataset({ applications: [app({ application_id: 'A1' })] }), asOf: day('2023-01-03'), plugins });
    expect(findings.filter((f) => f.ruleId === 'no-subject-reads-first').map((f) => f.applicationId)).toEqual(['A1']);
  });

  it('names a missing file', async () => {
    await expect(loadPlugins(['fixtures/plugins/nope.js'], ROOT)).rejects.toThrow(new ConfigError('plugin fixtures/plugins/nope.js: file not found'));
  });

  it('names a malformed plugin and what is wrong', async () => {
    await expect(loadPlugins(['fixtures/plugins/malformed-rule.js'], ROOT)).rejects.toThrow(
      new ConfigError('plugin fixtures/plugins/malformed-rule.js: rule "broken-rule": severity must be one of critical, high, medium, low, info (got "urgent")'),
    );
  });

  it.each([
    ['export const x = 1;', 'exports no rule'],
    ['export default [];', 'exports an empty list of rules'],
    ['export default 42;', 'rule: is not an object'],
    ["export default { id: 'Bad_Id' };", 'id must be a kebab-case string'],
    ["export default { id: 'ok-id', title: 't', category: 'misc' };", 'category must be one of safeguarding, timeliness, conduct, data-quality'],
    ["export default { id: 'ok-id', title: 't', category: 'conduct', severity: 'low', rationale: ' ' };", 'rationale must be a non-empty string'],
    ["export default { id: 'ok-id', title: 't', category: 'conduct', severity: 'low', rationale: 'r', options: {} };", 'options must be a zod object'],
    [
      "export default { id: 'ok-id', title: 't', category: 'conduct', severity: 'low', rationale: 'r', options: { safeParse: () => ({ success: true }), shape: {} } };",
      'check must be a function',
    ],
    [
      "export default { id: 'ok-id', title: 't', category: 'conduct', severity: 'low', rationale: 'r', requires: ['people'], options: { safeParse: () => ({ success: true }), shape: {} }, check() {} };",
      'requires must be a list of tables',
    ],
    [
      "export default { id: 'ok-id', title: 't', category: 'conduct', severity: 'low', rationale: 'r', failureType: 'conduct', options: { safeParse: () => ({ success: true }), shape: {} }, check() {} };",
      'failureType must be one of harm, service, administrative, none (got "conduct")',
    ],
    [
      "export default { id: 'ok-id', title: 't', category: 'conduct', severity: 'low', rationale: 'r', serviceFailure: 'yes', options: { safeParse: () => ({ success: true }), shape: {} }, check() {} };",
      'serviceFailure must be true or false (got "yes")',
    ],
    [
      "export default { id: 'ok-id', title: 't', category: 'conduct', severity: 'low', rationale: 'r', options: { safeParse: () => ({ success: true }), shape: { days: {} } }, check() {} };",
      "every option needs a description (.describe('...')): days",
    ],
    [
      "export default { id: 'ok-id', title: 't', category: 'conduct', severity: 'low', rationale: 'r', options: { safeParse: () => ({ success: true }), shape: {} }, evidence: { safeParse() {}, shape: { received_at: {} } }, check() {} };",
      'evidence keys must be camelCase (e.g. receivedAt): received_at',
    ],
    [
      "export default { id: 'ok-id', title: 't', category: 'conduct', severity: 'low', rationale: 'r', options: { safeParse: () => ({ success: true }), shape: {} }, evidence: {}, check() {} };",
      'evidence must be a zod object',
    ],
    ['this is not javascript', 'cannot be loaded: '],
  ])('rejects %s', async (source, problem) => {
    const file = await pluginFile(source);
    const error = await loadPlugins([file], ROOT).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(`plugin ${file}: `);
    expect((error as Error).message).toContain(problem);
    expect((error as Error).message).not.toContain('\n');
  });
});
