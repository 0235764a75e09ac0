#!/usr/bin/env node
/**
 * Regenerates docs/rules.md and the README's rules table from the registry (after a build), the
 * same text the meta-test and the docs test compare against:
 *
 *   npm run build --silent && node scripts/write-rule-docs.mjs
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { listRules, renderRulesMarkdown, withReadmeRulesTable } = await import(path.join(root, 'dist/src/engine/docs.js'));
const { allRules } = await import(path.join(root, 'dist/src/engine/registry.js'));
const { resolveRules } = await import(path.join(root, 'dist/src/engine/settings.js'));

const listing = listRules(resolveRules(allRules()));
writeFileSync(path.join(root, 'docs/rules.md'), renderRulesMarkdown(listing));
const readmePath = path.join(root, 'README.md');
writeFileSync(readmePath, withReadmeRulesTable(readFileSync(readmePath, 'utf8'), listing));
process.stderr.write('wrote docs/rules.md and the README rules table\n');
