import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { describeOptions, listRules, renderExplain, renderRulesMarkdown, renderRulesTable } from '../../src/engine/docs.js';
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
    const options = describeOptions(deadlineMissed);
    expect(options.map((o) => [o.name, o.type, o.default])).toEqual([
      ['graceDays', 'integer 0 to 3650', '0'],
      ['schedule', 'array of { from: string, days: integer 1 to 3650, source: string } (1 to 50)', expect.stringContaining('"days":28')],
    ]);
  });

  it('lists configured severity and enabled', () => {
    const listing = listRules(resolveRules(allRules(), { 'deadline-missed': 'high', 'face-to-face-late': 'off' }));
    const table = renderRulesTable(listing);
    expect(table).toMatch(/^id +category +severity +enabled +failure-type +service-failure +decision-basis$/m);
    expect(table).toMatch(/^deadline-missed +timeliness +high +yes +administrative +yes +no$/m);
    expect(table).toMatch(/^face-to-face-late +timeliness +low +no +administrative +no +no$/m);
    expect(listing.find((r) => r.id === 'deadline-missed')).toMatchObject({ severity: 'high', defaultSeverity: 'medium' });
  });

  it('shows each rule\'s failure type, service failure and decision basis (BRIEF section 5)', () => {
    const listing = listRules(resolveRules(allRules()));
    const meta = Object.fromEntries(listing.map((r) => [r.id, [r.failureType, r.serviceFailure, r.decisionBasis]]));
    // The v2 rules join as they are built; every rule listed has its value from the brief.
    const expected: Record<string, unknown[]> = {
      'harm-after-request': ['harm', false, false],
      'no-outcome': ['service', true, false],
      'disclosure-not-made': ['service', true, false],
      'withheld-despite-history': ['service', true, true],
      'checks-missing': ['service', true, true],
      'check-wrong-identity': ['service', true, true],
      'possible-duplicate-subject': ['service', true, true],
      'withdrawn-with-history': ['service', true, true],
      'deadline-missed': ['administrative', true, false],
      'initial-checks-late': ['administrative', false, false],
      'face-to-face-late': ['administrative', false, false],
      'disclosure-not-in-person': ['administrative', false, false],
      'decision-record-missing': ['administrative', false, false],
      'decision-record-altered': ['administrative', false, false],
      'handler-prior-referral': ['none', false, false],
      'handler-outlier': ['none', false, false],
      'date-order': ['none', false, false],
      'future-date': ['none', false, false],
      'unknown-handler': ['none', false, false],
    };
    for (const id of Object.keys(meta)) expect(meta[id], id).toEqual(expected[id]);
    expect(Object.keys(meta).length).toBeGreaterThanOrEqual(13);
    const md = renderRulesMarkdown(listing);
    expect(md).toContain('| id | category | severity | enabled | failure type | service failure | decision basis | fires when |');
    expect(md).toMatch(/^\| \[`withheld-despite-history`\]\(#withheld-despite-history\) \| safeguarding \| high \| yes \| service \| yes \| yes \| /m);
    expect(md).toContain('- Failure type: administrative; service failure: yes; decision basis: no');
    expect(renderExplain(listing.find((r) => r.id === 'deadline-missed')!)).toContain('failure type:      administrative\nservice failure:   yes\ndecision basis:    no\n');
  });

  it('fills a plugin rule\'s missing metadata with none, no, no', () => {
    const { failureType: _type, serviceFailure: _failure, decisionBasis: _basis, ...rest } = deadlineMissed as RuleDefinition<unknown>;
    const plugin: RuleDefinition<unknown> = { ...rest, id: 'plugin-rule' };
    const [listing] = listRules(resolveRules([plugin]));
    expect(listing).toMatchObject({ id: 'plugin-rule', failureType: 'none', serviceFailure: false, decisionBasis: false });
  });
});
