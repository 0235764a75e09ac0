import { describe, expect, it } from 'vitest';
import { decide } from '../../src/decide/index.js';
import { binomialQuantile } from '../../src/stats/binomial.js';
import { DEFAULT_SCHEDULE } from '../../src/time/limits.js';
import { app, dataset, day } from '../support/dataset.js';
import { finding, ruleStatuses } from './support.js';

function stats(applications: ReturnType<typeof app>[], failing: string[], graceDays = 0) {
  return decide({
    dataset: dataset({ applications }),
    findings: failing.map((id) => finding('no-outcome', id, 'high')),
    asOf: day('2025-01-31'),
    ruleOptions: { 'deadline-missed': { schedule: DEFAULT_SCHEDULE, graceDays } },
    rules: ruleStatuses(),
    rejectedRows: 0,
  }).statistics;
}

const decided = (id: string, received_at: string, decision_at: string, handler_id: string | null = null) =>
  app({ application_id: id, received_at, decision: 'no_disclosure', decision_at, handler_id });

describe('statistics', () => {
  it('days to outcome by year received, against the limit(s) in force that year', () => {
    const s = stats(
      [
        decided('A1', '2022-03-01', '2022-03-11'), // 10
        decided('A2', '2022-05-01', '2022-06-10'), // 40 > 35
        decided('A3', '2022-07-01', '2022-07-31'), // 30
        decided('B1', '2023-01-10', '2023-02-14'), // 35, not over 35
        decided('B2', '2023-05-01', '2023-05-30'), // 29 > 28
        decided('B3', '2023-06-01', '2023-05-30'), // before receipt: left out
        app({ application_id: 'B4', received_at: '2023-06-01' }), // no outcome
      ],
      [],
    );
    expect(s.outcomeDaysByYear).toEqual([
      { year: 2022, limitDays: [35], cases: 3, overLimit: 1, medianDays: 30, p90Days: 40, maxDays: 40 },
      { year: 2023, limitDays: [35, 28], cases: 2, overLimit: 1, medianDays: 29, p90Days: 35, maxDays: 35 },
    ]);
  });

  it('grace days raise the limit used', () => {
    const s = stats([decided('B2', '2023-05-01', '2023-05-30')], [], 2);
    expect(s.outcomeDaysByYear[0]).toMatchObject({ limitDays: [37, 30], overLimit: 0 });
  });

  it('failures by month received, with quiet months as zeros', () => {
    const s = stats(
      [
        app({ application_id: 'A1', received_at: '2022-11-30T23:30' }),
        app({ application_id: 'A2', received_at: '2022-11-01' }),
        app({ application_id: 'A3', received_at: '2023-02-01' }),
      ],
      ['A1', 'A3'],
    );
    expect(s.failuresByMonth).toEqual([
      { month: '2022-11', applications: 2, failures: 1 },
      { month: '2022-12', applications: 0, failures: 0 },
      { month: '2023-01', applications: 0, failures: 0 },
      { month: '2023-02', applications: 1, failures: 1 },
    ]);
  });

  it('handler funnel: p0 over cases with a handler, exact binomial limits as proportions', () => {
    const apps = [];
    const failing = [];
    for (let i = 0; i < 40; i++) {
      const id = `H1-${String(i).padStart(2, '0')}`;
      apps.push(decided(id, '2023-01-02', '2023-01-10', 'H1'));
      if (i < 10) failing.push(id);
    }
    for (let i = 0; i < 10; i++) {
      const id = `H2-${i}`;
      apps.push(decided(id, '2023-01-02', '2023-01-10', 'H2'));
    }
    apps.push(decided('NOH', '2023-01-02', '2023-01-10'));
    failing.push('NOH'); // no handler: not in p0
    const s = stats(apps, failing);
    expect(s.handlerFunnel.p0).toBe(0.2);
    const [h1, h2] = s.handlerFunnel.handlers;
    expect(h1).toMatchObject({ staffId: 'H1', cases: 40, failures: 10, rate: 0.25 });
    expect(h2).toMatchObject({ staffId: 'H2', cases: 10, failures: 0, rate: 0 });
    expect(h1!.upper998).toBeCloseTo(binomialQuantile(0.999, 40, 0.2) / 40, 6);
    expect(h1!.upper95).toBeCloseTo(binomialQuantile(0.975, 40, 0.2) / 40, 6);
    expect(h1!.lower95).toBeCloseTo(binomialQuantile(0.025, 40, 0.2) / 40, 6);
    expect(h1!.lower998).toBeCloseTo(binomialQuantile(0.001, 40, 0.2) / 40, 6);
    expect(h1!.lower998).toBeLessThanOrEqual(h1!.lower95);
    expect(h1!.upper95).toBeLessThanOrEqual(h1!.upper998);
    const ns = s.handlerFunnel.curve.map((p) => p.n);
    expect(ns[0]).toBe(1);
    expect(ns[ns.length - 1]).toBe(40);
    expect([...ns].sort((a, b) => a - b)).toEqual(ns);
    expect(new Set(ns).size).toBe(ns.length);
  });

  it('a failure is a finding of a rule declaring serviceFailure, not at info', () => {
    const s = decide({
      dataset: dataset({ applications: [app({ application_id: 'A1' }), app({ application_id: 'A2' }), app({ application_id: 'A3' })] }),
      findings: [finding('face-to-face-late', 'A1', 'low'), finding('deadline-missed', 'A2', 'info'), finding('disclosure-not-made', 'A3', 'high')],
      asOf: day('2025-01-31'),
      ruleOptions: { 'deadline-missed': { schedule: DEFAULT_SCHEDULE, graceDays: 0 } },
      rules: ruleStatuses(),
      rejectedRows: 0,
    });
    expect(s.statistics.failuresByMonth).toEqual([{ month: '2023-01', applications: 3, failures: 1 }]);
    expect(s.summary.serviceFailures).toBe(1);
  });

  it('no handlers: an empty funnel with p0 0', () => {
    const s = stats([app({ application_id: 'A1' })], ['A1']);
    expect(s.handlerFunnel).toEqual({ p0: 0, handlers: [], curve: [] });
  });
});
