import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-outcome.js';
import { app } from '../support/dataset.js';
import { RuleTester } from '../support/rule-tester.js';

// The harness refuses cases that could never fail, before any test runs.
describe('RuleTester', () => {
  const tester = new RuleTester({ asOf: '2025-01-31' });
  const tables = { applications: [app({ application_id: 'A1', closed_at: '2023-01-03' })] };

  it.each([
    [{ valid: [], invalid: [{ name: 'x', tables, findings: [] }] }, 'case "x" is invalid but expects no finding'],
    [{ valid: [], invalid: [{ name: 'x', tables, findings: [{ severity: 'high' as const }] }] }, 'case "x" expects a finding about neither an application nor a staff member'],
    [{ valid: [{ name: 'x', tables, findings: [{ applicationId: 'A1' }] }], invalid: [] }, 'case "x" is valid but lists findings'],
    [{ valid: [{ name: 'x', tables }, { name: 'x', tables }], invalid: [] }, 'case "x" is named twice'],
    [{ valid: [], invalid: [] }, 'no cases'],
  ])('refuses %j', (tests, message) => {
    expect(() => tester.run(rule, tests as never)).toThrow(message);
  });

  it('gives the engine\'s findings for bespoke assertions', () => {
    expect(tester.findings(rule, { name: 'closed', tables }).map((f) => [f.ruleId, f.applicationId, f.severity])).toEqual([['no-outcome', 'A1', 'high']]);
  });
});
