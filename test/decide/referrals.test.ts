import { describe, expect, it } from 'vitest';
import { decide } from '../../src/decide/index.js';
import type { Finding } from '../../src/engine/types.js';
import type { Application, ConductReferral, Incident } from '../../src/model/records.js';
import type { Referral } from '../../src/report/model.js';
import { DEFAULT_SCHEDULE } from '../../src/time/limits.js';
import { app, dataset, day, incident, referral } from '../support/dataset.js';
import { finding, harm } from './support.js';

const AS_OF = '2025-01-31';
const DEFAULT_OPTIONS = { 'deadline-missed': { schedule: DEFAULT_SCHEDULE, graceDays: 0 } };

interface Case {
  name: string;
  applications: Application[];
  incidents?: Incident[];
  referrals?: ConductReferral[];
  findings: Finding[];
  options?: Record<string, unknown>;
  /** Expected application referrals: id, basis, grounds, and evidence to match. */
  expected: { id: string; basis: 'mandatory' | 'voluntary'; grounds: string[]; evidence?: Record<string, unknown> }[];
}

// Received 2023-01-02 (before 5 April 2023): 35-day limit, last day in time 2023-02-06.
const OPEN = { application_id: 'A1', received_at: '2023-01-02', person_at_risk_id: 'P1', subject_id: 'S1' } as const;
const inc = (incident_id: string, occurred_at: string, h: Incident['harm'] = 'injury') =>
  incident({ incident_id, occurred_at, victim_id: 'P1', suspect_id: 'S1', harm: h });

const cases: Case[] = [
  {
    name: 'mandatory: death after the request',
    applications: [app({ ...OPEN, decision: 'disclose', decision_at: '2023-01-10', disclosure_at: '2023-01-20' })],
    incidents: [inc('I1', '2023-01-05', 'death')],
    findings: [harm('A1', 'I1', 'critical')],
    expected: [{ id: 'A1', basis: 'mandatory', grounds: ['harm-after-request'], evidence: { incidentIds: ['I1'], incidentHarms: ['death'], limitDays: 35 } }],
  },
  {
    name: 'mandatory needs no service failure: serious injury with the case in time',
    applications: [app({ ...OPEN })],
    incidents: [inc('I1', '2023-01-03', 'serious_injury')],
    findings: [harm('A1', 'I1', 'critical')],
    expected: [{ id: 'A1', basis: 'mandatory', grounds: ['harm-after-request'] }],
  },
  {
    name: 'failure to protect: limit passed the day before the incident (open case)',
    applications: [app({ ...OPEN })],
    incidents: [inc('I1', '2023-02-07')],
    findings: [harm('A1', 'I1'), finding('no-outcome', 'A1', 'high')],
    expected: [
      {
        id: 'A1',
        basis: 'voluntary',
        grounds: ['harm-after-request', 'no-outcome'],
        evidence: { limitDays: 35, limitEnds: '2023-02-06', failureBeforeIncident: ['limit-passed'], incidentDates: ['2023-02-07'] },
      },
    ],
  },
  {
    name: 'near-miss: incident on the last day of the limit (limit not yet passed)',
    applications: [app({ ...OPEN })],
    incidents: [inc('I1', '2023-02-06')],
    findings: [harm('A1', 'I1'), finding('no-outcome', 'A1', 'high')],
    expected: [],
  },
  {
    name: 'statutory 28 days from 5 April 2023: incident the day after the limit',
    applications: [app({ ...OPEN, received_at: '2023-05-02' })],
    incidents: [inc('I1', '2023-05-31')],
    findings: [harm('A1', 'I1'), finding('no-outcome', 'A1', 'high')],
    expected: [{ id: 'A1', basis: 'voluntary', grounds: ['harm-after-request', 'no-outcome'], evidence: { limitDays: 28, limitEnds: '2023-05-30' } }],
  },
  {
    name: 'near-miss: statutory 28 days, incident on the 28th day',
    applications: [app({ ...OPEN, received_at: '2023-05-02' })],
    incidents: [inc('I1', '2023-05-30')],
    findings: [harm('A1', 'I1'), finding('no-outcome', 'A1', 'high')],
    expected: [],
  },
  {
    name: 'late outcome after the incident: the failure already existed',
    applications: [app({ ...OPEN, decision: 'no_disclosure', decision_at: '2023-03-20' })],
    incidents: [inc('I1', '2023-03-01')],
    findings: [harm('A1', 'I1'), finding('deadline-missed', 'A1', 'medium')],
    expected: [{ id: 'A1', basis: 'voluntary', grounds: ['deadline-missed', 'harm-after-request'], evidence: { outcomeAt: '2023-03-20' } }],
  },
  {
    name: 'near-miss: outcome within the limit, incident later (no failure existed)',
    applications: [app({ ...OPEN, decision: 'not_proceeded', decision_at: '2023-02-01' })],
    incidents: [inc('I1', '2023-03-01')],
    findings: [harm('A1', 'I1')],
    expected: [],
  },
  {
    name: 'near-miss: exceptional circumstances recorded',
    applications: [app({ ...OPEN, decision: 'no_disclosure', decision_at: '2023-03-20', exceptional_circumstances: true })],
    incidents: [inc('I1', '2023-03-01')],
    findings: [harm('A1', 'I1'), finding('deadline-missed', 'A1', 'info')],
    expected: [],
  },
  {
    name: 'near-miss: withdrawn',
    applications: [app({ ...OPEN, decision: 'withdrawn', decision_at: '2023-03-20' })],
    incidents: [inc('I1', '2023-03-01')],
    findings: [harm('A1', 'I1')],
    expected: [],
  },
  {
    name: 'grace days from the deadline-missed options extend the limit (incident inside the grace)',
    applications: [app({ ...OPEN })],
    incidents: [inc('I1', '2023-02-08')],
    findings: [harm('A1', 'I1'), finding('no-outcome', 'A1', 'high')],
    options: { 'deadline-missed': { schedule: DEFAULT_SCHEDULE, graceDays: 3 } },
    expected: [],
  },
  {
    name: 'grace days: incident after limit plus grace',
    applications: [app({ ...OPEN })],
    incidents: [inc('I1', '2023-02-10')],
    findings: [harm('A1', 'I1'), finding('no-outcome', 'A1', 'high')],
    options: { 'deadline-missed': { schedule: DEFAULT_SCHEDULE, graceDays: 3 } },
    expected: [{ id: 'A1', basis: 'voluntary', grounds: ['harm-after-request', 'no-outcome'], evidence: { limitDays: 38, limitEnds: '2023-02-09' } }],
  },
  {
    name: 'a force schedule in the options is used',
    applications: [app({ ...OPEN })],
    incidents: [inc('I1', '2023-01-20')],
    findings: [harm('A1', 'I1'), finding('no-outcome', 'A1', 'high')],
    options: { 'deadline-missed': { schedule: [{ from: '1900-01-01', days: 14, source: 'force policy' }], graceDays: 0 } },
    expected: [{ id: 'A1', basis: 'voluntary', grounds: ['harm-after-request', 'no-outcome'], evidence: { limitDays: 14, limitFrom: 'deadline-missed options' } }],
  },
  {
    name: 'deadline-missed off: the default schedule, said so in the evidence',
    applications: [app({ ...OPEN })],
    incidents: [inc('I1', '2023-02-07')],
    findings: [harm('A1', 'I1'), finding('no-outcome', 'A1', 'high')],
    options: {},
    expected: [{ id: 'A1', basis: 'voluntary', grounds: ['harm-after-request', 'no-outcome'], evidence: { limitDays: 35, limitFrom: 'default schedule (deadline-missed is off)' } }],
  },
  {
    name: 'withheld-despite-history decided before the incident',
    applications: [app({ ...OPEN, decision: 'no_disclosure', decision_at: '2023-01-10' })],
    incidents: [inc('I1', '2023-01-20')],
    findings: [harm('A1', 'I1'), finding('withheld-despite-history', 'A1', 'high')],
    expected: [
      { id: 'A1', basis: 'voluntary', grounds: ['harm-after-request', 'withheld-despite-history'], evidence: { failureBeforeIncident: ['withheld-decision'] } },
    ],
  },
  {
    name: 'withheld-despite-history decided on the incident day (on or before)',
    applications: [app({ ...OPEN, decision: 'no_disclosure', decision_at: '2023-01-20T18:00' })],
    incidents: [inc('I1', '2023-01-20T09:00')],
    findings: [harm('A1', 'I1'), finding('withheld-despite-history', 'A1', 'high')],
    expected: [{ id: 'A1', basis: 'voluntary', grounds: ['harm-after-request', 'withheld-despite-history'] }],
  },
  {
    name: 'near-miss: withheld-despite-history decided after the incident',
    applications: [app({ ...OPEN, decision: 'no_disclosure', decision_at: '2023-01-21' })],
    incidents: [inc('I1', '2023-01-20')],
    findings: [harm('A1', 'I1'), finding('withheld-despite-history', 'A1', 'high')],
    expected: [],
  },
  {
    name: 'withheld with no decision date: the closure date is the decision',
    applications: [app({ ...OPEN, decision: 'no_disclosure', closed_at: '2023-01-15' })],
    incidents: [inc('I1', '2023-01-20')],
    findings: [harm('A1', 'I1'), finding('withheld-despite-history', 'A1', 'high')],
    expected: [{ id: 'A1', basis: 'voluntary', grounds: ['harm-after-request', 'withheld-despite-history'] }],
  },
  {
    name: 'near-miss: a no_disclosure decision without a withheld-despite-history finding',
    applications: [app({ ...OPEN, decision: 'no_disclosure', decision_at: '2023-01-10' })],
    incidents: [inc('I1', '2023-01-20')],
    findings: [harm('A1', 'I1')],
    expected: [],
  },
  {
    name: 'conduct: previously referred handler and a service failure',
    applications: [app({ ...OPEN, handler_id: 'H1', decision: 'disclose', decision_at: '2023-03-01', disclosure_at: '2023-03-02' })],
    referrals: [referral({ referral_id: 'R1', staff_id: 'H1', referred_at: '2022-06-01' })],
    findings: [finding('handler-prior-referral', 'A1', 'medium'), finding('deadline-missed', 'A1', 'medium')],
    expected: [
      {
        id: 'A1',
        basis: 'voluntary',
        grounds: ['deadline-missed', 'handler-prior-referral'],
        evidence: { conductReferralIds: ['R1'], conductReferralDates: ['2022-06-01'], handlerId: 'H1' },
      },
    ],
  },
  {
    name: 'near-miss: conduct without a service failure',
    applications: [app({ ...OPEN, handler_id: 'H1' })],
    referrals: [referral({ referral_id: 'R1', staff_id: 'H1', referred_at: '2022-06-01' })],
    findings: [finding('handler-prior-referral', 'A1', 'medium'), finding('face-to-face-late', 'A1', 'low')],
    expected: [],
  },
  {
    name: 'near-miss: conduct with a deadline missed under exceptional circumstances (info is no failure)',
    applications: [app({ ...OPEN, handler_id: 'H1' })],
    referrals: [referral({ referral_id: 'R1', staff_id: 'H1', referred_at: '2022-06-01' })],
    findings: [finding('handler-prior-referral', 'A1', 'medium'), finding('deadline-missed', 'A1', 'info')],
    expected: [],
  },
  {
    name: 'mandatory wins over voluntary; one entry with every ground',
    applications: [app({ ...OPEN, handler_id: 'H1' })],
    incidents: [inc('I1', '2023-02-10', 'serious_injury'), inc('I2', '2023-02-08')],
    referrals: [referral({ referral_id: 'R1', staff_id: 'H1', referred_at: '2022-06-01' })],
    findings: [
      harm('A1', 'I1', 'critical'),
      harm('A1', 'I2'),
      finding('no-outcome', 'A1', 'high'),
      finding('handler-prior-referral', 'A1', 'medium'),
    ],
    expected: [
      {
        id: 'A1',
        basis: 'mandatory',
        grounds: ['handler-prior-referral', 'harm-after-request', 'no-outcome'],
        evidence: { incidentIds: ['I2', 'I1'], incidentHarms: ['injury', 'serious_injury'] },
      },
    ],
  },
];

function run(c: Pick<Case, 'applications' | 'incidents' | 'referrals' | 'findings' | 'options'>, asOf = AS_OF) {
  const ds = dataset({ applications: c.applications, incidents: c.incidents ?? [], conduct_referrals: c.referrals ?? null });
  return decide({ dataset: ds, findings: c.findings, asOf: day(asOf), ruleOptions: c.options ?? DEFAULT_OPTIONS, rules: [], rejectedRows: 0 });
}

describe('application referrals', () => {
  it.each(cases)('$name', (c) => {
    const referrals = run(c).referrals.filter((r) => r.kind === 'application');
    expect(referrals.map((r) => ({ id: r.id, basis: r.basis, grounds: r.grounds }))).toEqual(
      c.expected.map((e) => ({ id: e.id, basis: e.basis, grounds: e.grounds })),
    );
    c.expected.forEach((e, i) => {
      const r = referrals[i]!;
      expect(r.applicationIds).toEqual([e.id]);
      expect(r.referBy).toBe('2025-02-03');
      expect(r.reasons.length).toBeGreaterThan(0);
      if (e.evidence) expect(r.evidence).toMatchObject(e.evidence);
      // Every finding behind it exists and is one of the inputs.
      const known = new Set(c.findings.map((f) => f.fingerprint));
      expect(r.findings.length).toBeGreaterThan(0);
      for (const fp of r.findings) expect(known.has(fp)).toBe(true);
    });
  });

  it('a harm finding with no incident behind it is an internal error, not a silent miss', () => {
    expect(() => run({ applications: [app({ ...OPEN })], incidents: [], findings: [harm('A1', 'NOPE')] })).toThrow(/names no incident/);
  });

  it('the findings behind a referral leave the review list', () => {
    const c = cases.find((x) => x.name.startsWith('failure to protect'))!;
    const out = run(c);
    const referred = new Set(out.referrals.flatMap((r) => r.findings));
    for (const fp of out.review) expect(referred.has(fp)).toBe(false);
    expect(referred.has(harm('A1', 'I1').fingerprint)).toBe(true);
  });
});

describe('staff referrals', () => {
  const handled = (id: string, received_at: string, handler_id = 'H1') =>
    app({ application_id: id, received_at, handler_id, person_at_risk_id: `P-${id}`, subject_id: `S-${id}` });

  it('lists the applications with a service failure received after a conduct referral, sorted', () => {
    const out = run({
      applications: [
        handled('A3', '2023-02-01'),
        handled('A1', '2023-01-02'),
        handled('A2', '2022-05-01'), // before the referral
        handled('A4', '2023-03-01'), // no failure
        handled('A5', '2022-06-01'), // same day as the referral: not after it
        handled('B1', '2023-01-02', 'H2'), // another handler, never referred
      ],
      referrals: [
        referral({ referral_id: 'R2', staff_id: 'H1', referred_at: '2023-01-15' }),
        referral({ referral_id: 'R1', staff_id: 'H1', referred_at: '2022-06-01' }),
        referral({ referral_id: 'R9', staff_id: 'H1', referred_at: '2024-01-01' }),
      ],
      findings: [
        finding('deadline-missed', 'A1', 'high'),
        finding('no-outcome', 'A3', 'high'),
        finding('withheld-despite-history', 'A2', 'high'),
        finding('face-to-face-late', 'A4', 'low'),
        finding('no-outcome', 'A5', 'high'),
        finding('no-outcome', 'B1', 'high'),
      ],
    });
    const staff = out.referrals.filter((r) => r.kind === 'staff');
    expect(staff).toHaveLength(1);
    const s = staff[0]!;
    expect(s).toMatchObject({
      id: 'H1',
      staffId: 'H1',
      basis: 'voluntary',
      applicationIds: ['A1', 'A3'],
      grounds: ['deadline-missed', 'handler-prior-referral', 'no-outcome'],
      referBy: '2025-02-03',
    });
    // The referrals that preceded a listed application, not the later one.
    expect(s.evidence).toMatchObject({ conductReferralIds: ['R1', 'R2'], conductReferralDates: ['2022-06-01', '2023-01-15'] });
    expect(s.findings).toEqual([finding('deadline-missed', 'A1', 'high').fingerprint, finding('no-outcome', 'A3', 'high').fingerprint].sort());
  });

  it('no conduct referrals table: no staff referral', () => {
    const out = run({ applications: [handled('A1', '2023-01-02')], findings: [finding('no-outcome', 'A1', 'high')] });
    expect(out.referrals).toEqual([]);
  });

  it('orders referrals: mandatory, then voluntary applications, then staff', () => {
    const out = run({
      applications: [
        app({ application_id: 'A2', handler_id: 'H1', person_at_risk_id: 'P1', subject_id: 'S1' }),
        app({ application_id: 'A9', handler_id: 'H1', person_at_risk_id: 'P9', subject_id: 'S9' }),
        app({ application_id: 'A1', person_at_risk_id: 'P1', subject_id: 'S1' }),
      ],
      incidents: [inc('I1', '2023-01-05', 'death')],
      referrals: [referral({ referral_id: 'R1', staff_id: 'H1', referred_at: '2022-06-01' })],
      findings: [
        harm('A1', 'I1', 'critical'),
        finding('handler-prior-referral', 'A9', 'medium'),
        finding('no-outcome', 'A9', 'high'),
        finding('handler-prior-referral', 'A2', 'medium'),
        finding('no-outcome', 'A2', 'high'),
      ],
    });
    expect(out.referrals.map((r: Referral) => `${r.basis}:${r.kind}:${r.id}`)).toEqual([
      'mandatory:application:A1',
      'voluntary:application:A2',
      'voluntary:application:A9',
      'voluntary:staff:H1',
    ]);
    expect(out.summary.referrals).toEqual({ applications: 3, staff: 1, mandatory: 1, voluntary: 3 });
  });
});

describe('refer-by date: the next England and Wales working day after the as-of date', () => {
  it.each([
    ['2025-01-30', '2025-01-31', 'a weekday'],
    ['2025-01-31', '2025-02-03', 'a Friday: over the weekend'],
    ['2025-02-01', '2025-02-03', 'a Saturday'],
    ['2024-12-24', '2024-12-27', 'Christmas Eve: over Christmas Day and Boxing Day'],
    ['2025-04-17', '2025-04-22', 'Maundy Thursday: over Good Friday, the weekend and Easter Monday'],
    ['2025-08-22', '2025-08-26', 'over the summer bank holiday'],
  ])('as of %s refer by %s (%s)', (asOf, expected) => {
    const out = run({ applications: [app({ ...OPEN })], incidents: [inc('I1', '2023-01-05', 'death')], findings: [harm('A1', 'I1', 'critical')] }, asOf);
    expect(out.referrals[0]?.referBy).toBe(expected);
  });
});
