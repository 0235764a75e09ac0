import { describe, expect, it } from 'vitest';
import rule from '../../rules/unknown-handler.js';
import { app, dataset, day, staff } from '../support/dataset.js';
import { runRule } from '../support/run-rule.js';
import type { Application, Staff } from '../../src/model/records.js';

const cases: { name: string; applications: Application[]; staff: Staff[]; expected: { applicationId: string; handlerId: string }[] }[] = [
  { name: 'near-miss: handler in the register', applications: [app({ application_id: 'A1', handler_id: 'S1' })], staff: [staff({ staff_id: 'S1' })], expected: [] },
  { name: 'near-miss: no handler recorded', applications: [app({ application_id: 'A1' })], staff: [staff({ staff_id: 'S1' })], expected: [] },
  {
    name: 'handler not in the register',
    applications: [app({ application_id: 'A1', handler_id: 'S9' })],
    staff: [staff({ staff_id: 'S1' }), staff({ staff_id: 'S2', role: 'staff' })],
    expected: [{ applicationId: 'A1', handlerId: 'S9' }],
  },
  {
    name: 'ids are matched exactly (case matters)',
    applications: [app({ application_id: 'A1', handler_id: 's1' })],
    staff: [staff({ staff_id: 'S1' })],
    expected: [{ applicationId: 'A1', handlerId: 's1' }],
  },
  {
    name: 'an empty register: every handled application',
    applications: [app({ application_id: 'A1', handler_id: 'S1' }), app({ application_id: 'A2' }), app({ application_id: 'A3', handler_id: 'S1' })],
    staff: [],
    expected: [
      { applicationId: 'A1', handlerId: 'S1' },
      { applicationId: 'A3', handlerId: 'S1' },
    ],
  },
];

describe('unknown-handler', () => {
  it.each(cases)('$name', (c) => {
    const findings = runRule(rule, dataset({ applications: c.applications, staff: c.staff }), { asOf: day('2025-01-31') });
    expect(findings.map((f) => [f.applicationId, f.evidence.handlerId])).toEqual(c.expected.map((e) => [e.applicationId, e.handlerId]));
    for (const [i, f] of findings.entries()) {
      expect(f.severity).toBe('info');
      expect(f.key).toEqual([c.expected[i]!.handlerId]);
      expect(f.evidence).toEqual({ handlerId: c.expected[i]!.handlerId, staffRegisterSize: c.staff.length });
      expect(f.message).toBe(`Application ${f.applicationId} names handler ${f.evidence.handlerId}, who is not in the staff register.`);
    }
  });

  it('needs the staff table, so without one the engine skips it', () => {
    expect(rule.requires).toEqual(['staff']);
  });
});

describe('unknown-handler in the engine', () => {
  it('fires only when a staff table is given; without one it is skipped with the reason', async () => {
    const { runRules } = await import('../../src/engine/run.js');
    const applications = [app({ application_id: 'A1', handler_id: 'S9' })];
    const run = (withStaff: boolean) =>
      runRules({ dataset: dataset({ applications, staff: withStaff ? [staff({ staff_id: 'S1' })] : null }), asOf: day('2025-01-31') });

    const withStaff = run(true);
    expect(withStaff.findings.filter((f) => f.ruleId === 'unknown-handler').map((f) => f.applicationId)).toEqual(['A1']);

    const without = run(false);
    expect(without.findings.filter((f) => f.ruleId === 'unknown-handler')).toEqual([]);
    expect(without.rules.find((r) => r.id === 'unknown-handler')?.skippedReason).toMatch(/staff/);
  });
});
