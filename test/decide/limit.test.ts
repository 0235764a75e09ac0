/** The limit the decisions judge against is the deadline-missed rule's, from the one options schema. */
import { describe, expect, it } from 'vitest';
import deadlineMissed from '../../rules/deadline-missed.js';
import { deadlineSettings } from '../../src/decide/limit.js';
import { runRules } from '../../src/engine/run.js';
import { DEFAULT_SCHEDULE, DeadlineMissedOptions } from '../../src/time/limits.js';
import { dataset, day } from '../support/dataset.js';

describe('deadlineSettings', () => {
  it('reads the options the rule declares, not a copy of them', () => {
    expect(deadlineMissed.options).toBe(DeadlineMissedOptions);
  });

  it('takes the rule\'s defaults when it is off', () => {
    expect(deadlineSettings({})).toEqual({ schedule: DEFAULT_SCHEDULE, graceDays: 0, source: 'default' });
  });

  it('takes the options as the engine parsed them for the rule', () => {
    const schedule = [{ from: '1900-01-01', days: 30, source: 'force policy' }];
    const { options } = runRules({
      dataset: dataset({ applications: [] }),
      asOf: day('2025-01-31'),
      rules: { 'deadline-missed': { options: { schedule, graceDays: 2 } } },
    });
    expect(deadlineSettings(options)).toEqual({ schedule, graceDays: 2, source: 'deadline-missed' });
  });

  it('refuses what the rule would refuse', () => {
    expect(() => deadlineSettings({ 'deadline-missed': { graceDays: -1 } })).toThrow(/deadline-missed options/);
    expect(() => deadlineSettings({ 'deadline-missed': { graceDays: 1, graceWeeks: 1 } })).toThrow(/deadline-missed options/);
  });
});
