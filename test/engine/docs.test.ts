import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { describeOptions, listRules, renderRulesMarkdown, renderRulesTable } from '../../src/engine/docs.js';
import { allRules } from '../../src/engine/registry.js';
import { resolveRules } from '../../src/engine/settings.js';
import deadlineMissed from '../../rules/deadline-missed.js';
import type { RuleDefinition } from '../../src/engine/types.js';

describe('rule docs', () => {
  it('docs/rules.md is what `dvds-audit rules --format md` generates (regenerate it if this fails)', async () => {
    const expected = renderRulesMarkdown(listRules(resolveRules(allRules())));
    expect(await readFile('docs/rules.md', 'utf8')).toBe(expected);
  });

  it('derives options, types and defaults from the zod schema', () => {
    const options = describeOptions(deadlineMissed as RuleDefinition<unknown>);
    expect(options.map((o) => [o.name, o.type, o.default])).toEqual([
      ['graceDays', 'integer ≥ 0', '0'],
      ['schedule', 'array of { from: string, days: integer > 0, source: string } (at least 1)', expect.stringContaining('"days":28')],
    ]);
  });

  it('lists configured severity and enabled', () => {
    const listing = listRules(resolveRules(allRules(), { 'deadline-missed': 'high', 'face-to-face-late': 'off' }));
    const table = renderRulesTable(listing);
    expect(table).toMatch(/^deadline-missed +timeliness +high +yes$/m);
    expect(table).toMatch(/^face-to-face-late +timeliness +low +no$/m);
    expect(listing.find((r) => r.id === 'deadline-missed')).toMatchObject({ severity: 'high', defaultSeverity: 'medium' });
  });
});
