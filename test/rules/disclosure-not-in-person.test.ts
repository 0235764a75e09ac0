import { describe, expect, it } from 'vitest';
import rule from '../../rules/disclosure-not-in-person.js';
import { app, dataset, day } from '../support/dataset.js';
import { runRule } from '../support/run-rule.js';

const cases = [
  { name: 'by telephone', method: 'telephone', at: '2023-06-10', fires: true },
  { name: 'in writing', method: 'written', at: '2023-06-10', fires: true },
  { name: 'another method', method: 'other', at: '2023-06-10', fires: true },
  { name: 'in person', method: 'in_person', at: '2023-06-10', fires: false },
  { name: 'no method recorded', method: null, at: '2023-06-10', fires: false },
  { name: 'a method but no disclosure made', method: 'telephone', at: null, fires: false },
] as const;

describe('disclosure-not-in-person', () => {
  it.each(cases)('$name', ({ method, at, fires }) => {
    const found = runRule(
      rule,
      dataset({ applications: [app({ application_id: 'A1', decision: 'disclose', disclosure_method: method, disclosure_at: at })] }),
      { asOf: day('2024-01-01') },
    );
    expect(found.map((f) => [f.applicationId, f.severity, f.evidence.disclosure_method])).toEqual(fires ? [['A1', 'low', method]] : []);
  });

  it('names the method and date in one sentence', () => {
    const [f] = runRule(
      rule,
      dataset({ applications: [app({ application_id: 'A1', decision: 'disclose', disclosure_method: 'telephone', disclosure_at: '2023-06-10T14:00' })] }),
      { asOf: day('2024-01-01') },
    );
    expect(f?.message).toBe('Application A1 had its disclosure made on 2023-06-10 by telephone, not in person.');
    expect(f?.evidence.disclosure_at).toBe('2023-06-10T14:00+01:00');
  });
});
