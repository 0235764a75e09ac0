/**
 * Every rule file under rules/ must keep the rule contract and be registered, tested, explained
 * and documented; the README's rule table, docs/rules.md and the generator's rule list follow the
 * registry (after ESLint's checkRuleFiles and typescript-eslint's docs test).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '../../rules/index.js';
import { CAMEL_CASE, declaredEvidenceKeys, ruleProblem } from '../../src/engine/define-rule.js';
import { describeOptions, listRules, README_TABLE_END, README_TABLE_START, renderReadmeRulesTable, renderRulesMarkdown } from '../../src/engine/docs.js';
import { allRules } from '../../src/engine/registry.js';
import { resolveRules } from '../../src/engine/settings.js';
import { RULE_IDS } from '../../src/generate/plans.js';

const REGENERATE = 'regenerate with `npm run build --silent && node scripts/write-rule-docs.mjs`';

const ruleFiles = readdirSync('rules')
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.slice(0, -'.ts'.length))
  .sort();
const docs = readFileSync('docs/rules.md', 'utf8');
const listing = () => listRules(resolveRules(allRules()));

describe('rule files', () => {
  it('there are rule files', () => {
    expect(ruleFiles.length).toBeGreaterThan(0);
  });

  it.each(ruleFiles)('%s keeps the contract and is registered, tested, explained and documented', async (file) => {
    // The same module instance as rules/index.ts imports, so `toContain` compares identity.
    const mod = (await import(/* @vite-ignore */ pathToFileURL(resolve('rules', `${file}.ts`)).href)) as { default?: unknown };
    const rule = mod.default;
    expect(ruleProblem(rule), 'default export keeps the rule contract').toBeNull();
    const { id, rationale, firesWhen } = rule as { id: string; rationale: string; firesWhen?: string };
    expect(id, 'the file is named for the rule id').toBe(file);
    expect(builtinRules, 'registered in rules/index.ts').toContain(rule);
    expect(existsSync(`test/rules/${file}.test.ts`), `test/rules/${file}.test.ts exists`).toBe(true);
    expect(rationale.trim().length, 'rationale').toBeGreaterThan(20);
    expect(firesWhen?.trim() ?? '', 'firesWhen, for the README and docs tables').not.toBe('');
    expect(docs, `a section in docs/rules.md (${REGENERATE})`).toContain(`\n## ${id}\n`);
  });

  it.each(builtinRules.map((r) => [r.id, r] as const))('%s: every option has a description', (_id, rule) => {
    const undescribed = describeOptions(rule).filter((o) => o.description.trim() === '').map((o) => o.name);
    expect(undescribed).toEqual([]);
  });

  it.each(builtinRules.map((r) => [r.id, r] as const))('%s: declares its evidence, with camelCase keys', (_id, rule) => {
    const keys = declaredEvidenceKeys(rule);
    expect(keys, 'an evidence schema').not.toBeNull();
    expect([...keys!].filter((k) => !CAMEL_CASE.test(k))).toEqual([]);
  });

  it('every registered rule has its own file, and ids are unique', () => {
    const ids = builtinRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ruleFiles);
  });
});

describe('what follows the registry', () => {
  it(`the README rules table is the one generated from the registry (${REGENERATE})`, () => {
    const readme = readFileSync('README.md', 'utf8');
    const start = readme.indexOf(README_TABLE_START);
    const end = readme.indexOf(README_TABLE_END);
    expect(start, 'the README has the rules-table markers').toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    expect(readme.slice(start, end + README_TABLE_END.length)).toBe(renderReadmeRulesTable(listing()));
  });

  it(`docs/rules.md is not stale (${REGENERATE})`, () => {
    expect(docs).toBe(renderRulesMarkdown(listing()));
  });

  it('the generator plants a case for exactly the registered rules, in registry order', () => {
    expect([...RULE_IDS]).toEqual(builtinRules.map((r) => r.id));
  });
});
