/**
 * Every rule file under rules/ must be registered, tested, explained and documented (after
 * ESLint's checkRuleFiles and typescript-eslint's docs test).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '../../rules/index.js';
import { ruleProblem } from '../../src/engine/plugins.js';

const ruleFiles = readdirSync('rules')
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.slice(0, -'.ts'.length))
  .sort();
const docs = readFileSync('docs/rules.md', 'utf8');

describe('rule files', () => {
  it('there are rule files', () => {
    expect(ruleFiles.length).toBeGreaterThan(0);
  });

  it.each(ruleFiles)('%s is registered, tested, explained and documented', async (file) => {
    // The same module instance as rules/index.ts imports, so `toContain` compares identity.
    const mod = (await import(/* @vite-ignore */ pathToFileURL(resolve('rules', `${file}.ts`)).href)) as { default?: unknown };
    const rule = mod.default;
    expect(ruleProblem(rule), 'default export is a well-formed rule').toBeNull();
    const { id, rationale } = rule as { id: string; rationale: string };
    expect(id, 'the file is named for the rule id').toBe(file);
    expect(builtinRules, 'registered in rules/index.ts').toContain(rule);
    expect(existsSync(`test/rules/${file}.test.ts`), `test/rules/${file}.test.ts exists`).toBe(true);
    expect(rationale.trim().length, 'rationale').toBeGreaterThan(20);
    expect(docs, 'a section in docs/rules.md (run `dvds-audit rules --format md > docs/rules.md`)').toContain(`\n## ${id}\n`);
  });

  it('the README rules section lists every built-in rule', () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('<!-- section:rules -->'), readme.indexOf('<!-- /section:rules -->'));
    for (const rule of builtinRules) expect(section, rule.id).toContain(`| \`${rule.id}\` |`);
  });

  it('every registered rule has its own file, and ids are unique', () => {
    const ids = builtinRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ruleFiles);
  });
});
