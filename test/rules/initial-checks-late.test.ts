import { describe, expect, it } from 'vitest';
import rule from '../../rules/initial-checks-late.js';
import type { Severity } from '../../src/engine/types.js';
import { app, dataset, day } from '../support/dataset.js';
import { runRule } from '../support/run-rule.js';

type Case = {
  name: string;
  received: string;
  checks: string | null;
  risk?: boolean | null;
  fires: null | { severity: Severity; measured_in: string; hours?: number; days?: number };
};

const cases: Case[] = [
  { name: '09:00 25 March to 09:30 26 March 2023 is 23.5 real hours across the clock change: in time', received: '2023-03-25T09:00', checks: '2023-03-26T09:30', fires: null },
  { name: '09:00 25 March to 10:30 26 March 2023 is 24.5 real hours: late', received: '2023-03-25T09:00', checks: '2023-03-26T10:30', fires: { severity: 'medium', measured_in: 'elapsed hours', hours: 24.5 } },
  { name: 'exactly 24 hours is in time', received: '2023-06-01T10:00', checks: '2023-06-02T10:00', fires: null },
  { name: '24 hours and one minute is late', received: '2023-06-01T10:00', checks: '2023-06-02T10:01', fires: { severity: 'medium', measured_in: 'elapsed hours', hours: 24.02 } },
  { name: '08:30 to 08:30 across the October change is 25 real hours: late', received: '2023-10-28T08:30', checks: '2023-10-29T08:30', fires: { severity: 'medium', measured_in: 'elapsed hours', hours: 25 } },
  { name: 'date-only values: the next day is in time', received: '2023-06-01', checks: '2023-06-02', fires: null },
  { name: 'date-only values: two calendar days is late', received: '2023-06-01', checks: '2023-06-03', fires: { severity: 'medium', measured_in: 'calendar days (a date without a time)', days: 2 } },
  { name: 'one value without a time is read by calendar date: 1 day is in time', received: '2023-06-01T23:59', checks: '2023-06-02', fires: null },
  { name: 'one value without a time: 2 calendar days is late', received: '2023-06-01T08:00', checks: '2023-06-03', fires: { severity: 'medium', measured_in: 'calendar days (a date without a time)', days: 2 } },
  { name: 'immediate risk makes a late check high', received: '2023-06-01T10:00', checks: '2023-06-03T10:00', risk: true, fires: { severity: 'high', measured_in: 'elapsed hours', hours: 48 } },
  { name: 'immediate risk, in time: no finding', received: '2023-06-01T10:00', checks: '2023-06-01T12:00', risk: true, fires: null },
  { name: 'immediate risk recorded as no stays at the configured severity', received: '2023-06-01', checks: '2023-06-05', risk: false, fires: { severity: 'medium', measured_in: 'calendar days (a date without a time)', days: 4 } },
  { name: 'no initial checks recorded: nothing to measure', received: '2023-06-01', checks: null, fires: null },
];

describe('initial-checks-late', () => {
  it.each(cases)('$name', ({ received, checks, risk, fires }) => {
    const found = runRule(
      rule,
      dataset({ applications: [app({ application_id: 'A1', received_at: received, initial_checks_at: checks, immediate_risk: risk ?? null })] }),
      { asOf: day('2024-01-01') },
    );
    if (fires === null) {
      expect(found).toEqual([]);
      return;
    }
    expect(found).toHaveLength(1);
    const [f] = found;
    expect(f?.severity).toBe(fires.severity);
    expect(f?.evidence.measured_in).toBe(fires.measured_in);
    if (fires.hours !== undefined) expect(f?.evidence.hours).toBe(fires.hours);
    if (fires.days !== undefined) expect(f?.evidence.days).toBe(fires.days);
  });

  it('shows the London times with their offsets and the elapsed time', () => {
    const [f] = runRule(
      rule,
      dataset({ applications: [app({ application_id: 'A1', received_at: '2023-03-25T09:00', initial_checks_at: '2023-03-26T10:30' })] }),
      { asOf: day('2024-01-01') },
    );
    expect(f?.message).toBe('Application A1 had its initial checks 24h 30m after receipt, over the 24-hour limit.');
    expect(f?.evidence).toMatchObject({
      received_at: '2023-03-25T09:00+00:00',
      initial_checks_at: '2023-03-26T10:30+01:00',
      elapsed: '24h 30m',
    });
  });
});
