import { resolve } from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '../../rules/index.js';
import { audit } from '../../src/audit.js';
import { EVIDENCE_LABELS, evidenceLabel, humanEvidence, humanEvidenceText } from '../../src/report/evidence-labels.js';
import { humanDate } from '../../src/report/human-date.js';

/** The evidence keys a rule declares, read from its zod schema. */
function keysOf(rule: (typeof builtinRules)[number]): string[] {
  const schema = rule.evidence;
  if (!(schema instanceof z.ZodObject)) throw new Error(`${rule.id}: evidence is not a zod object`);
  return Object.keys(schema.shape);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}.*)?$/;

describe('evidence labels', () => {
  it('has a plain label for every evidence key of every built-in rule', () => {
    const missing = builtinRules.flatMap((rule) => keysOf(rule).filter((key) => !Object.hasOwn(EVIDENCE_LABELS, key)).map((key) => `${rule.id}: ${key}`));
    expect(missing).toEqual([]);
    // Enumerated from the rules, not listed here: a new rule's keys are in this check too.
    expect(builtinRules.flatMap(keysOf).length).toBeGreaterThan(100);
  });

  it('labels the evidence of every finding and referral of the sample audit, and dates are the keys that hold dates', async () => {
    const report = await audit({ cwd: resolve('.'), dir: 'fixtures/sample', asOf: '2025-01-31' });
    const evidences = [...report.findings.map((f) => f.evidence), ...report.referrals.map((r) => r.evidence)];
    expect(report.referrals.some((r) => r.kind === 'staff')).toBe(true);
    const unlabelled = new Set<string>();
    for (const evidence of evidences) {
      for (const [key, value] of Object.entries(evidence)) {
        if (!Object.hasOwn(EVIDENCE_LABELS, key)) unlabelled.add(key);
        const values: readonly string[] = typeof value === 'string' ? [value] : Array.isArray(value) ? (value as readonly string[]) : [];
        const kind = evidenceLabel(key).kind;
        // A key labelled a date holds ISO dates; a key that holds ISO dates is labelled one.
        for (const v of values) expect(ISO_DATE.test(v), `${key}=${v}`).toBe(kind === 'date');
      }
    }
    expect([...unlabelled]).toEqual([]);
  });

  it.each([
    ['limitEnds', 'Limit ended', 'date'],
    ['receivedAt', 'Received', 'date'],
    ['subjectId', 'Subject', 'id'],
    ['checkIds', 'Checks', 'id'],
    ['harm', 'Harm', 'text'],
    // A plugin's key without a label: the key in words.
    ['myPluginCount', 'My plugin count', 'text'],
    ['constructor', 'Constructor', 'text'],
  ])('%s -> %s (%s)', (key, label, kind) => expect(evidenceLabel(key)).toEqual({ label, kind }));

  it('shows values as people read them: London dates, yes/no, none, lists joined', () => {
    const evidence = {
      limitEnds: '2023-05-18',
      receivedAt: '2023-04-03T08:30Z',
      bankHolidays: ['2023-04-07', '2023-04-10'],
      overTwiceLimit: true,
      decisionAt: null,
      checkIds: [],
      days: 43,
    };
    expect(humanEvidenceText(evidence)).toBe(
      'Limit ended: 18/05/2023; Received: 03/04/2023 09:30; Bank holidays: 07/04/2023, 10/04/2023; Over twice the limit: yes; Decision date: none; Checks: none; Days: 43',
    );
    expect(humanEvidence({ subjectId: 'P1' })).toEqual([{ label: 'Subject', kind: 'id', values: ['P1'] }]);
    expect(humanEvidenceText({})).toBe('');
    expect(humanDate('2023-05-18')).toBe('18/05/2023');
  });
});
