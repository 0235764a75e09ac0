import { describe, expect, it } from 'vitest';
import { referByDay } from '../../src/decide/referrals.js';
import type { Finding } from '../../src/engine/types.js';
import type { Application, ConductReferral, Incident } from '../../src/model/records.js';
import type { Referral, ReferralBasis, ReferralRoute, ReferralStatus, RuleStatus } from '../../src/report/model.js';
import { formatDay } from '../../src/time/london.js';
import { DEFAULT_SCHEDULE } from '../../src/time/limits.js';
import { app, d, dataset, day, history, incident, referral, staff } from '../support/dataset.js';
import { AS_OF, audit, decideOn, finding, harm, pluginStatus, ruleStatuses, seen } from './support.js';

// As of Friday 2025-01-31 with no baseline, every finding is first seen on the as-of date: refer by
// the next working day, Monday 2025-02-03, and the referral is due.
const NEXT_WORKING_DAY = '2025-02-03';

interface Expected {
  id: string;
  basis: ReferralBasis;
  routes: ReferralRoute[];
  grounds: string[];
  /** The findings behind it, exactly (default: not checked beyond "every one is an input"). */
  behind?: Finding[];
  evidence?: Record<string, unknown>;
  referBy?: string;
  status?: ReferralStatus;
}

interface Case {
  name: string;
  applications: Application[];
  incidents?: Incident[];
  referrals?: ConductReferral[];
  findings: Finding[];
  options?: Record<string, unknown>;
  rules?: RuleStatus[];
  asOf?: string;
  /** Expected application referrals, in the report's order. */
  expected: Expected[];
}

// Received 2023-01-02 (before 5 April 2023): 35-day limit, last day in time 2023-02-06.
const OPEN = { application_id: 'A1', received_at: '2023-01-02', person_at_risk_id: 'P1', subject_id: 'S1' } as const;
const inc = (incident_id: string, occurred_at: string, h: Incident['harm'] = 'injury') =>
  incident({ incident_id, occurred_at, victim_id: 'P1', suspect_id: 'S1', harm: h });

const HARM = 'harm-after-request';
const MANDATORY = (grounds: string[], more: Partial<Expected> = {}): Expected => ({ id: 'A1', basis: 'mandatory', routes: ['dsi-and-conduct'], grounds, ...more });
const ASSESS = (more: Partial<Expected> = {}): Expected => ({ id: 'A1', basis: 'assess', routes: ['dsi-assess'], grounds: [HARM], ...more });
const GRAVITY = (grounds: string[], more: Partial<Expected> = {}): Expected => ({ id: 'A1', basis: 'voluntary', routes: ['conduct-gravity'], grounds, ...more });
const PRIOR = (grounds: string[], more: Partial<Expected> = {}): Expected => ({ id: 'A1', basis: 'voluntary', routes: ['conduct-prior-referral'], grounds, ...more });

const noOutcome = finding('no-outcome', 'A1', 'high');
const late = finding('deadline-missed', 'A1', 'medium');
const withheld = finding('withheld-despite-history', 'A1', 'high');
const priorReferral = finding('handler-prior-referral', 'A1', 'medium');
const R1 = referral({ referral_id: 'R1', staff_id: 'H1', referred_at: '2022-06-01' });

/** The route table, each route with its near-misses. */
const cases: Case[] = [
  // --- critical harm: dsi-and-conduct with a failure on the incident date, else dsi-assess ---
  {
    name: 'critical, one day before the limit ends, no outcome: assess dsi-assess (no failure yet)',
    applications: [app({ ...OPEN })],
    incidents: [inc('I1', '2023-02-05', 'serious_injury')],
    findings: [harm('A1', 'I1', 'critical'), noOutcome],
    expected: [ASSESS({ behind: [harm('A1', 'I1', 'critical')], evidence: { limitEnds: '2023-02-06', incidentRoutes: ['dsi-assess'] } })],
  },
  {
    name: 'critical, on the last day of the limit: assess dsi-assess (limit not yet passed)',
    applications: [app({ ...OPEN })],
    incidents: [inc('I1', '2023-02-06', 'death')],
    findings: [harm('A1', 'I1', 'critical'), noOutcome],
    expected: [ASSESS()],
  },
  {
    name: 'critical, the day after the limit passed with no outcome: mandatory dsi-and-conduct',
    applications: [app({ ...OPEN })],
    incidents: [inc('I1', '2023-02-07', 'serious_injury')],
    findings: [harm('A1', 'I1', 'critical'), noOutcome],
    expected: [
      MANDATORY([HARM, 'no-outcome'], {
        behind: [harm('A1', 'I1', 'critical'), noOutcome],
        evidence: { limitDays: 35, limitEnds: '2023-02-06', failureBeforeIncident: ['limit-passed'], incidentRoutes: ['dsi-and-conduct'], incidentHarms: ['serious_injury'] },
      }),
    ],
  },
  {
    name: 'critical: a death after a disclosure made in time: assess (the case was handled in time)',
    applications: [app({ ...OPEN, decision: 'disclose', decision_at: '2023-01-10', disclosure_at: '2023-01-20' })],
    incidents: [inc('I1', '2023-01-05', 'death')],
    findings: [harm('A1', 'I1', 'critical')],
    expected: [ASSESS({ evidence: { incidentIds: ['I1'], incidentHarms: ['death'], limitDays: 35 } })],
  },
  {
    name: 'critical after a late outcome (made after the incident): mandatory, the failure already existed',
    applications: [app({ ...OPEN, decision: 'no_disclosure', decision_at: '2023-03-20' })],
    incidents: [inc('I1', '2023-03-01', 'death')],
    findings: [harm('A1', 'I1', 'critical'), late],
    expected: [MANDATORY(['deadline-missed', HARM], { evidence: { outcomeAt: '2023-03-20' } })],
  },
  {
    name: 'critical after an outcome in time: assess',
    applications: [app({ ...OPEN, decision: 'not_proceeded', decision_at: '2023-02-01' })],
    incidents: [inc('I1', '2023-03-01', 'serious_injury')],
    findings: [harm('A1', 'I1', 'critical')],
    expected: [ASSESS()],
  },
  // --- high harm: conduct-gravity with a failure on the incident date, else nothing ---
  {
    name: 'high, the day after the limit passed (open case): voluntary conduct-gravity',
    applications: [app({ ...OPEN })],
    incidents: [inc('I1', '2023-02-07')],
    findings: [harm('A1', 'I1'), noOutcome],
    expected: [
      GRAVITY([HARM, 'no-outcome'], {
        behind: [harm('A1', 'I1'), noOutcome],
        evidence: { limitDays: 35, limitEnds: '2023-02-06', failureBeforeIncident: ['limit-passed'], incidentDates: ['2023-02-07'], incidentRoutes: ['conduct-gravity'] },
      }),
    ],
  },
  {
    name: 'near-miss: high on the last day of the limit: no entry',
    applications: [app({ ...OPEN })],
    incidents: [inc('I1', '2023-02-06')],
    findings: [harm('A1', 'I1'), noOutcome],
    expected: [],
  },
  {
    name: 'near-miss: high one day before the limit ends: no entry',
    applications: [app({ ...OPEN })],
    incidents: [inc('I1', '2023-02-05', 'no_injury')],
    findings: [harm('A1', 'I1'), noOutcome],
    expected: [],
  },
  {
    name: 'statutory 28 days from 5 April 2023: high the day after the limit',
    applications: [app({ ...OPEN, received_at: '2023-05-02' })],
    incidents: [inc('I1', '2023-05-31')],
    findings: [harm('A1', 'I1'), noOutcome],
    expected: [GRAVITY([HARM, 'no-outcome'], { evidence: { limitDays: 28, limitEnds: '2023-05-30' } })],
  },
  {
    name: 'near-miss: statutory 28 days, high on the 28th day',
    applications: [app({ ...OPEN, received_at: '2023-05-02' })],
    incidents: [inc('I1', '2023-05-30')],
    findings: [harm('A1', 'I1'), noOutcome],
    expected: [],
  },
  {
    name: 'statutory 28 days, critical on the 28th day: assess',
    applications: [app({ ...OPEN, received_at: '2023-05-02' })],
    incidents: [inc('I1', '2023-05-30', 'serious_injury')],
    findings: [harm('A1', 'I1', 'critical'), noOutcome],
    expected: [ASSESS({ evidence: { limitDays: 28 } })],
  },
  {
    name: 'high after a late outcome made after the incident: voluntary conduct-gravity',
    applications: [app({ ...OPEN, decision: 'no_disclosure', decision_at: '2023-03-20' })],
    incidents: [inc('I1', '2023-03-01')],
    findings: [harm('A1', 'I1'), late],
    expected: [GRAVITY(['deadline-missed', HARM], { evidence: { outcomeAt: '2023-03-20' } })],
  },
  {
    name: 'near-miss: high after an outcome within the limit: no entry',
    applications: [app({ ...OPEN, decision: 'not_proceeded', decision_at: '2023-02-01' })],
    incidents: [inc('I1', '2023-03-01')],
    findings: [harm('A1', 'I1')],
    expected: [],
  },
  // --- exceptional circumstances recorded excuse the limit (a); withdrawn has no limit ---
  {
    name: 'near-miss: exceptional circumstances recorded excuse a late outcome (high: no entry)',
    applications: [app({ ...OPEN, decision: 'no_disclosure', decision_at: '2023-03-20', exceptional_circumstances: true })],
    incidents: [inc('I1', '2023-03-01')],
    findings: [harm('A1', 'I1'), finding('deadline-missed', 'A1', 'info')],
    expected: [],
  },
  {
    name: 'exceptional circumstances recorded on an open case past the limit: critical is only assessed',
    applications: [app({ ...OPEN, exceptional_circumstances: true })],
    incidents: [inc('I1', '2023-03-01', 'death')],
    findings: [harm('A1', 'I1', 'critical'), noOutcome],
    expected: [ASSESS()],
  },
  {
    name: 'near-miss: withdrawn (no limit)',
    applications: [app({ ...OPEN, decision: 'withdrawn', decision_at: '2023-03-20' })],
    incidents: [inc('I1', '2023-03-01')],
    findings: [harm('A1', 'I1')],
    expected: [],
  },
  // --- the limit the decisions use is deadline-missed's ---
  {
    name: 'near-miss: grace days from the deadline-missed options extend the limit (incident inside the grace)',
    applications: [app({ ...OPEN })],
    incidents: [inc('I1', '2023-02-09')],
    findings: [harm('A1', 'I1'), noOutcome],
    options: { 'deadline-missed': { schedule: DEFAULT_SCHEDULE, graceDays: 3 } },
    expected: [],
  },
  {
    name: 'grace days: incident the day after limit plus grace',
    applications: [app({ ...OPEN })],
    incidents: [inc('I1', '2023-02-10')],
    findings: [harm('A1', 'I1'), noOutcome],
    options: { 'deadline-missed': { schedule: DEFAULT_SCHEDULE, graceDays: 3 } },
    expected: [GRAVITY([HARM, 'no-outcome'], { evidence: { limitDays: 38, limitEnds: '2023-02-09' } })],
  },
  {
    name: 'a force schedule in the options is used',
    applications: [app({ ...OPEN })],
    incidents: [inc('I1', '2023-01-20')],
    findings: [harm('A1', 'I1'), noOutcome],
    options: { 'deadline-missed': { schedule: [{ from: '1900-01-01', days: 14, source: 'force policy' }], graceDays: 0 } },
    expected: [GRAVITY([HARM, 'no-outcome'], { evidence: { limitDays: 14, limitEnds: '2023-01-16', limitFrom: 'deadline-missed options' } })],
  },
  {
    name: 'deadline-missed off: the default schedule, said so in the evidence',
    applications: [app({ ...OPEN })],
    incidents: [inc('I1', '2023-02-07')],
    findings: [harm('A1', 'I1'), noOutcome],
    options: {},
    expected: [GRAVITY([HARM, 'no-outcome'], { evidence: { limitDays: 35, limitFrom: 'default schedule (deadline-missed is off)' } })],
  },
  // --- (b) decided on the wrong basis: from the decision (else closure) date ---
  {
    name: 'a withheld decision made before the incident (in time): failure, voluntary conduct-gravity',
    applications: [app({ ...OPEN, decision: 'no_disclosure', decision_at: '2023-01-10' })],
    incidents: [inc('I1', '2023-01-20')],
    findings: [harm('A1', 'I1'), withheld],
    expected: [GRAVITY([HARM, 'withheld-despite-history'], { evidence: { failureBeforeIncident: ['decided-on-wrong-basis'] } })],
  },
  {
    name: 'a withheld decision made on the incident day (on or before): failure',
    applications: [app({ ...OPEN, decision: 'no_disclosure', decision_at: '2023-01-20T18:00' })],
    incidents: [inc('I1', '2023-01-20T09:00')],
    findings: [harm('A1', 'I1'), withheld],
    expected: [GRAVITY([HARM, 'withheld-despite-history'])],
  },
  {
    name: 'a withheld decision on or before a critical incident: mandatory dsi-and-conduct',
    applications: [app({ ...OPEN, decision: 'no_disclosure', decision_at: '2023-01-20' })],
    incidents: [inc('I1', '2023-01-20', 'serious_injury')],
    findings: [harm('A1', 'I1', 'critical'), withheld],
    expected: [MANDATORY([HARM, 'withheld-despite-history'], { behind: [harm('A1', 'I1', 'critical'), withheld] })],
  },
  {
    name: 'near-miss: a withheld decision made the day after the incident: no failure on that date (high: no entry)',
    applications: [app({ ...OPEN, decision: 'no_disclosure', decision_at: '2023-01-21' })],
    incidents: [inc('I1', '2023-01-20')],
    findings: [harm('A1', 'I1'), withheld],
    expected: [],
  },
  {
    name: 'near-miss: a withheld decision made the day after a critical incident: assess, not mandatory',
    applications: [app({ ...OPEN, decision: 'no_disclosure', decision_at: '2023-01-21' })],
    incidents: [inc('I1', '2023-01-20', 'death')],
    findings: [harm('A1', 'I1', 'critical'), withheld],
    expected: [ASSESS({ behind: [harm('A1', 'I1', 'critical')] })],
  },
  {
    name: 'withheld with no decision date: the closure date is the decision',
    applications: [app({ ...OPEN, decision: 'no_disclosure', closed_at: '2023-01-15' })],
    incidents: [inc('I1', '2023-01-20')],
    findings: [harm('A1', 'I1'), withheld],
    expected: [GRAVITY([HARM, 'withheld-despite-history'])],
  },
  {
    name: 'near-miss: a no_disclosure decision without a decisionBasis finding',
    applications: [app({ ...OPEN, decision: 'no_disclosure', decision_at: '2023-01-10' })],
    incidents: [inc('I1', '2023-01-20')],
    findings: [harm('A1', 'I1')],
    expected: [],
  },
  {
    name: 'limit passed, withheld decision after the incident: only the limit-bound failures ground the route',
    applications: [app({ ...OPEN, decision: 'no_disclosure', decision_at: '2023-03-20' })],
    incidents: [inc('I1', '2023-03-01')],
    findings: [harm('A1', 'I1'), late, withheld],
    expected: [GRAVITY(['deadline-missed', HARM], { behind: [harm('A1', 'I1'), late], evidence: { failureBeforeIncident: ['limit-passed'] } })],
  },
  {
    name: 'a plugin rule marked decisionBasis joins the five (decided before the incident)',
    applications: [app({ ...OPEN, decision: 'no_disclosure', decision_at: '2023-01-10' })],
    incidents: [inc('I1', '2023-01-20')],
    findings: [harm('A1', 'I1'), finding('local-wrong-basis', 'A1', 'high')],
    rules: [...ruleStatuses(), pluginStatus('local-wrong-basis', { failureType: 'service', serviceFailure: true, decisionBasis: true })],
    expected: [GRAVITY([HARM, 'local-wrong-basis'], { evidence: { failureBeforeIncident: ['decided-on-wrong-basis'] } })],
  },
  {
    name: 'near-miss: a plugin service failure not marked decisionBasis exists only once the limit passed',
    applications: [app({ ...OPEN, decision: 'no_disclosure', decision_at: '2023-01-10' })],
    incidents: [inc('I1', '2023-01-20')],
    findings: [harm('A1', 'I1'), finding('local-failure', 'A1', 'high')],
    rules: [...ruleStatuses(), pluginStatus('local-failure', { failureType: 'service', serviceFailure: true })],
    expected: [],
  },
  {
    name: 'near-miss: a decisionBasis finding at info is no failure',
    applications: [app({ ...OPEN, decision: 'no_disclosure', decision_at: '2023-01-10' })],
    incidents: [inc('I1', '2023-01-20')],
    findings: [harm('A1', 'I1'), finding('withheld-despite-history', 'A1', 'info')],
    expected: [],
  },
  // --- conduct-prior-referral: a previously referred handler and any service failure ---
  {
    name: 'previously referred handler and a service failure: voluntary conduct-prior-referral',
    applications: [app({ ...OPEN, handler_id: 'H1', decision: 'disclose', decision_at: '2023-03-01', disclosure_at: '2023-03-02' })],
    referrals: [R1],
    findings: [priorReferral, late],
    expected: [
      PRIOR(['deadline-missed', 'handler-prior-referral'], {
        behind: [priorReferral, late],
        evidence: { conductReferralIds: ['R1'], conductReferralDates: ['2022-06-01'], handlerId: 'H1', serviceFailureRules: ['deadline-missed'] },
      }),
    ],
  },
  {
    name: 'previously referred handler: any service failure, whatever its date (a withheld decision)',
    applications: [app({ ...OPEN, handler_id: 'H1', decision: 'no_disclosure', decision_at: '2023-01-20' })],
    referrals: [R1],
    findings: [priorReferral, withheld],
    expected: [PRIOR(['handler-prior-referral', 'withheld-despite-history'])],
  },
  {
    name: 'near-miss: previously referred handler without a service failure',
    applications: [app({ ...OPEN, handler_id: 'H1' })],
    referrals: [R1],
    findings: [priorReferral, finding('face-to-face-late', 'A1', 'low')],
    expected: [],
  },
  {
    name: 'near-miss: previously referred handler with a deadline missed under exceptional circumstances (info is no failure)',
    applications: [app({ ...OPEN, handler_id: 'H1' })],
    referrals: [R1],
    findings: [priorReferral, finding('deadline-missed', 'A1', 'info')],
    expected: [],
  },
  // --- one entry per application: the strongest basis, every route in table order ---
  {
    name: 'mandatory wins; one entry with every route in table order and every ground',
    applications: [app({ ...OPEN, handler_id: 'H1' })],
    incidents: [inc('I1', '2023-02-10', 'serious_injury'), inc('I2', '2023-02-08')],
    referrals: [R1],
    findings: [harm('A1', 'I1', 'critical'), harm('A1', 'I2'), noOutcome, priorReferral],
    expected: [
      {
        id: 'A1',
        basis: 'mandatory',
        routes: ['dsi-and-conduct', 'conduct-gravity', 'conduct-prior-referral'],
        grounds: ['handler-prior-referral', HARM, 'no-outcome'],
        behind: [harm('A1', 'I1', 'critical'), harm('A1', 'I2'), noOutcome, priorReferral],
        evidence: { incidentIds: ['I1', 'I2'], incidentHarms: ['serious_injury', 'injury'], incidentRoutes: ['dsi-and-conduct', 'conduct-gravity'] },
      },
    ],
  },
  {
    name: 'voluntary wins over assess: a critical harm in time and a high harm after the limit',
    applications: [app({ ...OPEN })],
    incidents: [inc('I1', '2023-01-20', 'death'), inc('I2', '2023-02-20')],
    findings: [harm('A1', 'I1', 'critical'), harm('A1', 'I2'), noOutcome],
    expected: [
      {
        id: 'A1',
        basis: 'voluntary',
        routes: ['dsi-assess', 'conduct-gravity'],
        grounds: [HARM, 'no-outcome'],
        evidence: { incidentIds: ['I1', 'I2'], incidentRoutes: ['dsi-assess', 'conduct-gravity'] },
      },
    ],
  },
  {
    name: 'assess and conduct-prior-referral: voluntary, both routes',
    applications: [app({ ...OPEN, handler_id: 'H1', decision: 'no_disclosure', decision_at: '2023-03-20' })],
    incidents: [inc('I1', '2023-01-20', 'serious_injury')],
    referrals: [R1],
    findings: [harm('A1', 'I1', 'critical'), late, priorReferral],
    expected: [
      {
        id: 'A1',
        basis: 'voluntary',
        routes: ['dsi-assess', 'conduct-prior-referral'],
        grounds: ['deadline-missed', 'handler-prior-referral', HARM],
        behind: [harm('A1', 'I1', 'critical'), late, priorReferral],
      },
    ],
  },
  {
    name: 'a high harm that grounds no route is not behind the entry',
    applications: [app({ ...OPEN })],
    incidents: [inc('I0', '2023-01-10'), inc('I2', '2023-02-20')],
    findings: [harm('A1', 'I0'), harm('A1', 'I2'), noOutcome],
    expected: [GRAVITY([HARM, 'no-outcome'], { behind: [harm('A1', 'I2'), noOutcome], evidence: { incidentIds: ['I2'] } })],
  },
];

function run(c: Pick<Case, 'applications' | 'incidents' | 'referrals' | 'findings' | 'options' | 'rules' | 'asOf'>) {
  const ds = dataset({ applications: c.applications, incidents: c.incidents ?? [], conduct_referrals: c.referrals ?? null });
  return decideOn(ds, c.findings, {
    ...(c.asOf === undefined ? {} : { asOf: c.asOf }),
    ...(c.options === undefined ? {} : { options: c.options }),
    ...(c.rules === undefined ? {} : { rules: c.rules }),
  });
}

const fps = (fs: readonly Finding[]) => fs.map((f) => f.fingerprint).sort();

describe('application referrals: the route table', () => {
  it.each(cases)('$name', (c) => {
    const referrals = run(c).referrals.filter((r) => r.kind === 'application');
    expect(referrals.map((r) => ({ id: r.id, basis: r.basis, routes: r.routes, grounds: r.grounds }))).toEqual(
      c.expected.map((e) => ({ id: e.id, basis: e.basis, routes: e.routes, grounds: e.grounds })),
    );
    c.expected.forEach((e, i) => {
      const r = referrals[i]!;
      expect(r.applicationIds).toEqual([e.id]);
      expect(r.referBy).toBe(e.referBy ?? NEXT_WORKING_DAY);
      expect(r.status).toBe(e.status ?? 'due');
      expect(r.reasons).toHaveLength(r.routes.length);
      if (e.evidence) expect(r.evidence).toMatchObject(e.evidence);
      // Every finding behind it is one of the inputs; exactly those named when the case says.
      const known = new Set(c.findings.map((f) => f.fingerprint));
      expect(r.findings.length).toBeGreaterThan(0);
      for (const fp of r.findings) expect(known.has(fp)).toBe(true);
      if (e.behind) expect(r.findings).toEqual(fps(e.behind));
    });
  });

  it('the reason of each route cites its provision', () => {
    const byName = (prefix: string) => run(cases.find((x) => x.name.startsWith(prefix))!).referrals[0]!;
    expect(byName('critical, the day after').reasons[0]).toMatch(/^Mandatory referral \(DSI matter and conduct matter\).*Sch\.3 Part 2A.*para 13\(1\)\(a\)/);
    expect(byName('critical, one day before').reasons[0]).toMatch(/^Record and assess \(DSI matter\).*not a conduct referral/);
    expect(byName('high, the day after').reasons[0]).toMatch(/^Voluntary referral for gravity \(failure to protect\).*para 13\(2\)/);
    expect(byName('previously referred handler and').reasons[0]).toMatch(/^Voluntary referral \(previously referred handler\).*para 13\(2\)/);
  });

  it('a harm finding with no incident behind it is an internal error, not a silent miss', () => {
    expect(() => run({ applications: [app({ ...OPEN })], incidents: [], findings: [harm('A1', 'NOPE')] })).toThrow(/names no incident/);
  });

  it('a finding without a valid firstSeen behind a route is an internal error', () => {
    const bad = { ...harm('A1', 'I1', 'critical'), firstSeen: '' };
    expect(() => run({ applications: [app({ ...OPEN })], incidents: [inc('I1', '2023-01-05', 'death')], findings: [bad] })).toThrow(/firstSeen/);
  });

  it('the rules metadata decides what (b) counts: without it a withheld decision before the incident grounds nothing', () => {
    const c = cases.find((x) => x.name.startsWith('a withheld decision on or before a critical incident'))!;
    expect(run(c).referrals.map((r) => `${r.basis}/${r.routes.join('+')}`)).toEqual(['mandatory/dsi-and-conduct']);
    expect(run({ ...c, rules: [] }).referrals.map((r) => `${r.basis}/${r.routes.join('+')}`)).toEqual(['assess/dsi-assess']);
  });

  it('the findings behind a referral leave the review list', () => {
    const c = cases.find((x) => x.name.startsWith('high, the day after'))!;
    const out = run(c);
    const referred = new Set(out.referrals.flatMap((r) => r.findings));
    for (const fp of out.review) expect(referred.has(fp)).toBe(false);
    expect(referred.has(harm('A1', 'I1').fingerprint)).toBe(true);
  });
});

describe('refer-by and status, from firstSeen (a baseline gives older ones)', () => {
  interface SeenCase {
    name: string;
    c: Omit<Case, 'name' | 'expected'>;
    referBy: string;
    status: ReferralStatus;
    firstSeen?: string;
  }
  const seenCases: SeenCase[] = [
    {
      name: 'no baseline: every finding seen today, refer by the next working day, due',
      c: { applications: [app({ ...OPEN })], incidents: [inc('I1', '2023-02-07', 'death')], findings: [harm('A1', 'I1', 'critical'), noOutcome] },
      referBy: '2025-02-03',
      status: 'due',
      firstSeen: '2025-01-31',
    },
    {
      name: 'dsi-assess clear when its harm was first seen (Christmas Eve: over Christmas Day and Boxing Day), overdue',
      c: { applications: [app({ ...OPEN })], incidents: [inc('I1', '2023-01-05', 'death')], findings: [harm('A1', 'I1', 'critical', '2024-12-24')] },
      referBy: '2024-12-27',
      status: 'overdue',
      firstSeen: '2024-12-24',
    },
    {
      name: 'dsi-and-conduct: the later of the harm (Friday 2025-01-10) and the failure (earlier)',
      c: {
        applications: [app({ ...OPEN })],
        incidents: [inc('I1', '2023-02-07', 'death')],
        findings: [harm('A1', 'I1', 'critical', '2025-01-10'), seen(noOutcome, '2024-12-02')],
      },
      referBy: '2025-01-13',
      status: 'overdue',
      firstSeen: '2024-12-02',
    },
    {
      name: 'conduct-gravity: the later of the harm (earlier) and the failure (Friday 2025-01-17)',
      c: {
        applications: [app({ ...OPEN })],
        incidents: [inc('I1', '2023-02-07')],
        findings: [harm('A1', 'I1', 'high', '2024-11-01'), seen(noOutcome, '2025-01-17')],
      },
      referBy: '2025-01-20',
      status: 'overdue',
      firstSeen: '2024-11-01',
    },
    {
      name: 'two grounding failures: the earliest of them counts (Monday 2024-12-02)',
      c: {
        applications: [app({ ...OPEN, decision: 'no_disclosure', decision_at: '2023-03-01' })],
        incidents: [inc('I1', '2023-03-10')],
        findings: [harm('A1', 'I1', 'high', '2024-11-01'), seen(late, '2025-01-20'), seen(withheld, '2024-12-02')],
      },
      referBy: '2024-12-03',
      status: 'overdue',
      firstSeen: '2024-11-01',
    },
    {
      name: 'a failure that does not ground the route (decided after the incident) does not make it clear earlier',
      c: {
        applications: [app({ ...OPEN, decision: 'no_disclosure', decision_at: '2023-03-20' })],
        incidents: [inc('I1', '2023-03-01')],
        findings: [harm('A1', 'I1', 'high', '2024-11-01'), seen(late, '2025-01-10'), seen(withheld, '2024-06-03')],
      },
      referBy: '2025-01-13',
      status: 'overdue',
      firstSeen: '2024-11-01',
    },
    {
      name: 'conduct-prior-referral: the later of the prior-referral finding (Monday 2025-01-06) and the earliest failure',
      c: {
        applications: [app({ ...OPEN, handler_id: 'H1' })],
        referrals: [R1],
        findings: [seen(priorReferral, '2025-01-06'), seen(noOutcome, '2024-10-01')],
      },
      referBy: '2025-01-07',
      status: 'overdue',
      firstSeen: '2024-10-01',
    },
    {
      name: 'the entry is referred by the earliest of its routes (the older dsi-and-conduct, not the new conduct-gravity)',
      c: {
        applications: [app({ ...OPEN })],
        incidents: [inc('I1', '2023-02-10', 'death'), inc('I2', '2023-02-20')],
        findings: [harm('A1', 'I1', 'critical', '2024-12-02'), harm('A1', 'I2', 'high', '2025-01-30'), seen(noOutcome, '2024-12-02')],
      },
      referBy: '2024-12-03',
      status: 'overdue',
      firstSeen: '2024-12-02',
    },
    {
      name: 'the entry is referred by the earliest of its routes (the older conduct-gravity, not the new dsi-assess)',
      c: {
        applications: [app({ ...OPEN })],
        incidents: [inc('I1', '2023-01-20', 'death'), inc('I2', '2023-02-20')],
        findings: [harm('A1', 'I1', 'critical', '2025-01-30'), harm('A1', 'I2', 'high', '2024-12-02'), seen(noOutcome, '2024-12-02')],
      },
      referBy: '2024-12-03',
      status: 'overdue',
      firstSeen: '2024-12-02',
    },
    {
      name: 'as-of on the refer-by day: still due',
      c: { applications: [app({ ...OPEN })], incidents: [inc('I1', '2023-01-05', 'death')], findings: [harm('A1', 'I1', 'critical', '2025-01-30')] },
      referBy: '2025-01-31',
      status: 'due',
    },
    {
      name: 'as-of the day after the refer-by day: overdue',
      c: { applications: [app({ ...OPEN })], incidents: [inc('I1', '2023-01-05', 'death')], findings: [harm('A1', 'I1', 'critical', '2025-01-29')] },
      referBy: '2025-01-30',
      status: 'overdue',
    },
    {
      name: 'as-of a Monday, clear on the Friday before: refer by that Monday, due',
      c: {
        applications: [app({ ...OPEN })],
        incidents: [inc('I1', '2023-01-05', 'death')],
        findings: [harm('A1', 'I1', 'critical', '2025-01-31')],
        asOf: '2025-02-03',
      },
      referBy: '2025-02-03',
      status: 'due',
    },
  ];

  it.each(seenCases)('$name', ({ c, referBy, status, firstSeen }) => {
    const [r, ...rest] = run(c).referrals.filter((x) => x.kind === 'application');
    expect(rest).toEqual([]);
    expect({ referBy: r?.referBy, status: r?.status }).toEqual({ referBy, status });
    if (firstSeen !== undefined) expect(r?.evidence['firstSeen']).toBe(firstSeen);
  });

  it('the staff entry is referred by the earliest of its applications', () => {
    const out = run({
      applications: [
        app({ application_id: 'A1', handler_id: 'H1', person_at_risk_id: 'P1', subject_id: 'S1' }),
        app({ application_id: 'A2', handler_id: 'H1', person_at_risk_id: 'P2', subject_id: 'S2' }),
      ],
      referrals: [R1],
      findings: [
        finding('handler-prior-referral', 'A1', 'medium', {}, [], '2025-01-20'),
        finding('no-outcome', 'A1', 'high', {}, [], '2025-01-20'),
        finding('handler-prior-referral', 'A2', 'medium', {}, [], '2024-12-02'),
        finding('no-outcome', 'A2', 'high', {}, [], '2025-01-06'),
      ],
    });
    expect(out.referrals.map((r) => [r.kind, r.id, r.referBy, r.status])).toEqual([
      ['application', 'A1', '2025-01-21', 'overdue'],
      ['application', 'A2', '2025-01-07', 'overdue'],
      ['staff', 'H1', '2025-01-07', 'overdue'],
    ]);
  });
});

describe('referByDay: the next England and Wales working day after the day a matter became clear', () => {
  it.each([
    ['2025-01-30', '2025-01-31', 'a weekday'],
    ['2025-01-31', '2025-02-03', 'a Friday: over the weekend'],
    ['2025-02-01', '2025-02-03', 'a Saturday'],
    ['2024-12-24', '2024-12-27', 'Christmas Eve: over Christmas Day and Boxing Day'],
    ['2025-04-17', '2025-04-22', 'Maundy Thursday: over Good Friday, the weekend and Easter Monday'],
    ['2025-08-22', '2025-08-26', 'over the summer bank holiday'],
  ])('clear on %s, refer by %s (%s)', (clear, expected) => {
    expect(formatDay(referByDay(day(clear)))).toBe(expected);
  });

  it('without a baseline an entry is referred by the next working day after the as-of date', () => {
    for (const [asOf, expected] of [
      ['2024-12-24', '2024-12-27'],
      ['2025-04-17', '2025-04-22'],
    ] as const) {
      const c = {
        applications: [app({ ...OPEN })],
        incidents: [inc('I1', '2023-01-05', 'death')],
        findings: [harm('A1', 'I1', 'critical', asOf)],
        asOf,
      };
      expect(run(c).referrals[0]).toMatchObject({ referBy: expected, status: 'due' });
    }
  });
});

describe('end to end through the rules (handler-prior-referral by the end date; exceptional circumstances)', () => {
  const handled = (id: string, fields: Partial<Parameters<typeof app>[0]> = {}) =>
    app({ application_id: id, received_at: '2023-01-02', handler_id: 'H1', person_at_risk_id: `P-${id}`, subject_id: `S-${id}`, ...fields });
  // Decided 2023-03-01, past the 35-day limit: deadline-missed (a service failure); end date 2023-03-01.
  const lateDecision = { decision: 'no_disclosure', decision_at: '2023-03-01' } as const;

  it.each([
    ['before the received date', '2022-12-30', 'before-receipt', true],
    ['on the received date', '2023-01-02', 'during-handling', true],
    ['during handling', '2023-02-01', 'during-handling', true],
    ['the day before the end date', '2023-02-28', 'during-handling', true],
    ['on the end date', '2023-03-01', null, false],
    ['after the end date', '2023-03-02', null, false],
  ] as const)('a handler referral dated %s (%s)', (_what, referredAt, timing, referred) => {
    const ds = dataset({ applications: [handled('A1', lateDecision)], conduct_referrals: [referral({ referral_id: 'R1', staff_id: 'H1', referred_at: referredAt })] });
    const { findings, decisions } = audit(ds);
    const prior = findings.filter((f) => f.ruleId === 'handler-prior-referral');
    expect(findings.some((f) => f.ruleId === 'deadline-missed' && f.severity !== 'info')).toBe(true);
    if (!referred) {
      // No finding, hence no referral.
      expect(prior).toEqual([]);
      expect(decisions.referrals).toEqual([]);
      return;
    }
    expect(prior.map((f) => f.evidence['firstReferral'])).toEqual([timing]);
    expect(decisions.referrals.map((r) => ({ kind: r.kind, id: r.id, basis: r.basis, routes: r.routes, grounds: r.grounds, status: r.status }))).toEqual([
      { kind: 'application', id: 'A1', basis: 'voluntary', routes: ['conduct-prior-referral'], grounds: ['deadline-missed', 'handler-prior-referral'], status: 'due' },
      { kind: 'staff', id: 'H1', basis: 'voluntary', routes: ['conduct-prior-referral'], grounds: ['deadline-missed', 'handler-prior-referral'], status: 'due' },
    ]);
    expect(decisions.referrals[0]!.evidence).toMatchObject({ conductReferralIds: ['R1'], conductReferralDates: [referredAt], endDate: '2023-03-01' });
  });

  it('a staff entry by the end-date reading: every application the referred handler still held, sorted', () => {
    const ds = dataset({
      applications: [
        handled('A3', { received_at: '2023-02-01' }), // received after R2, still open: no-outcome
        handled('A1', lateDecision), // received before R2, ended after it: listed (v1 would not)
        handled('A2', { received_at: '2022-12-01', decision: 'no_disclosure', decision_at: '2023-01-10' }), // late, but ended before R2
        handled('A5', { received_at: '2022-12-01', decision: 'no_disclosure', decision_at: '2023-01-15' }), // late, ended on R2's day
        handled('A4', { received_at: '2023-03-01', decision: 'no_disclosure', decision_at: '2023-03-10' }), // no failure
        handled('B1', { handler_id: 'H2' }), // another handler, never referred
      ],
      conduct_referrals: [
        referral({ referral_id: 'R2', staff_id: 'H1', referred_at: '2023-01-15' }),
        referral({ referral_id: 'R9', staff_id: 'H1', referred_at: '2026-01-01' }), // after every end date
      ],
    });
    const { findings, decisions } = audit(ds);
    expect(findings.filter((f) => f.ruleId === 'handler-prior-referral').map((f) => f.applicationId).sort()).toEqual(['A1', 'A3', 'A4']);
    const staff = decisions.referrals.filter((r) => r.kind === 'staff');
    expect(staff).toHaveLength(1);
    const s = staff[0]!;
    expect(s).toMatchObject({
      id: 'H1',
      staffId: 'H1',
      basis: 'voluntary',
      routes: ['conduct-prior-referral'],
      applicationIds: ['A1', 'A3'],
      grounds: ['deadline-missed', 'handler-prior-referral', 'no-outcome'],
      referBy: NEXT_WORKING_DAY,
      status: 'due',
    });
    expect(s.evidence).toMatchObject({ conductReferralIds: ['R2'], conductReferralDates: ['2023-01-15'], serviceFailureRules: ['deadline-missed', 'no-outcome'] });
    const behind = findings.filter((f) => ['A1', 'A3'].includes(f.applicationId ?? '') && ['deadline-missed', 'no-outcome', 'handler-prior-referral'].includes(f.ruleId));
    expect(s.findings).toEqual(fps(behind));
    expect(decisions.referrals.filter((r) => r.kind === 'application').map((r) => r.id)).toEqual(['A1', 'A3']);
  });

  it('a handler behind a harm referral, without a handler-prior-referral finding, is not referred', () => {
    const out = run({
      applications: [app({ ...OPEN, handler_id: 'H1' })],
      incidents: [inc('I1', '2023-02-07', 'death')],
      referrals: [R1],
      findings: [harm('A1', 'I1', 'critical'), noOutcome],
    });
    expect(out.referrals.map((r) => `${r.kind}:${r.id}:${r.routes.join('+')}`)).toEqual(['application:A1:dsi-and-conduct']);
  });

  it("names the handler from the staff register and lists the application's chronology by day, then event, then time", () => {
    const ds = dataset({
      applications: [
        handled('A1', {
          ...lateDecision,
          received_at: '2023-01-02T09:30:00Z',
          initial_checks_at: '2023-01-02',
          disclosure_at: '2023-03-01',
          disclosure_method: 'in_person',
          closed_at: '2023-03-05',
          person_at_risk_id: 'P1',
          subject_id: 'S1',
        }),
      ],
      staff: [staff({ staff_id: 'H1', display_name: 'PC Dana Reeve', role: 'officer' })],
      conduct_referrals: [referral({ referral_id: 'R1', staff_id: 'H1', referred_at: '2022-06-01' })],
      incidents: [
        inc('I0', '2022-12-31'), // before receipt: not in the chronology
        inc('I2', '2023-02-20', 'serious_injury'),
        inc('I1', '2023-01-02'), // the day of receipt: in it
        incident({ incident_id: 'I9', occurred_at: '2023-02-01', victim_id: 'P1', suspect_id: 'OTHER', harm: 'injury' }), // another subject
      ],
      checks: [
        { check_id: 'C2', application_id: 'A1', system: 'local', about: null, performed_at: d('2023-01-02T08:00:00Z'), performed_by: null, searched_surname: 'SMITH', searched_date_of_birth: null, result: 'trace', line: 2 },
        { check_id: 'C1', application_id: 'A1', system: 'pnc', about: null, performed_at: d('2023-01-03'), performed_by: null, searched_surname: 'SMITH', searched_date_of_birth: null, result: 'no_trace', line: 3 },
      ],
    });
    const { decisions } = audit(ds);
    const entry = decisions.referrals.find((r) => r.kind === 'application' && r.id === 'A1')!;
    expect(entry.staff).toEqual({ id: 'H1', displayName: 'PC Dana Reeve', role: 'officer' });
    expect(entry.chronology).toEqual([
      { date: '2022-06-01', event: 'conduct-referral', ref: 'R1 (psd)' },
      // Same day: received before initial checks before a check, whatever the check's time; the incident last.
      { date: '2023-01-02T09:30+00:00', event: 'received' },
      { date: '2023-01-02', event: 'initial-checks' },
      { date: '2023-01-02T08:00+00:00', event: 'check', ref: 'C2 (local)' },
      { date: '2023-01-02', event: 'incident', ref: 'I1 (injury)' },
      { date: '2023-01-03', event: 'check', ref: 'C1 (pnc)' },
      { date: '2023-02-06', event: 'limit-ends' },
      { date: '2023-02-20', event: 'incident', ref: 'I2 (serious_injury)' },
      { date: '2023-03-01', event: 'decision', ref: 'no_disclosure' },
      { date: '2023-03-01', event: 'disclosure', ref: 'in_person' },
      { date: '2023-03-05', event: 'closed' },
    ]);
    // Only ids, codes and dates: the searched surname never reaches the report.
    expect(JSON.stringify(decisions.referrals)).not.toContain('SMITH');
    const staffEntry = decisions.referrals.find((r) => r.kind === 'staff')!;
    expect(staffEntry.staff).toEqual({ id: 'H1', displayName: 'PC Dana Reeve', role: 'officer' });
    expect(staffEntry.chronology.map((c) => `${c.date} ${c.event} ${c.ref ?? ''}`)).toEqual([
      '2022-06-01 conduct-referral R1 (psd)',
      '2023-01-02T09:30+00:00 received A1',
      '2023-02-06 limit-ends A1',
    ]);
  });

  it('without a staff register the handler is named by id alone', () => {
    const ds = dataset({ applications: [handled('A1', lateDecision)], conduct_referrals: [referral({ referral_id: 'R1', staff_id: 'H1', referred_at: '2022-06-01' })] });
    expect(audit(ds).decisions.referrals.map((r) => r.staff)).toEqual([{ id: 'H1' }, { id: 'H1' }]);
  });

  it('no conduct referrals table: no referral of a handler', () => {
    const { decisions } = audit(dataset({ applications: [handled('A1')] }));
    expect(decisions.referrals).toEqual([]);
  });

  it.each([
    ['injury', false, 'voluntary/conduct-gravity'],
    ['injury', true, null],
    ['death', false, 'mandatory/dsi-and-conduct'],
    ['death', true, 'assess/dsi-assess'],
  ] as const)('%s after a late outcome, exceptional circumstances %s: %s', (h, exceptional, expected) => {
    const ds = dataset({
      applications: [app({ ...OPEN, decision: 'no_disclosure', decision_at: '2023-03-20', exceptional_circumstances: exceptional })],
      incidents: [inc('I1', '2023-03-01', h)],
    });
    const { findings, decisions } = audit(ds);
    expect(findings.find((f) => f.ruleId === 'deadline-missed')?.severity === 'info').toBe(exceptional);
    expect(decisions.referrals.map((r) => `${r.basis}/${r.routes.join('+')}`)).toEqual(expected === null ? [] : [expected]);
  });

  it('a baseline firstSeen carried through the engine: refer by the next working day after the route became clear', () => {
    const ds = dataset({
      // The decision-maker record was made, so the findings are the two referral grounds only.
      applications: [app({ ...OPEN, decision: 'no_disclosure', decision_at: '2023-01-10', decision_record_at: '2023-01-10' })],
      incidents: [inc('I1', '2023-01-20', 'serious_injury')],
      history: [history({ record_id: 'H1', subject_id: 'S1', recorded_at: '2022-01-01' })],
    });
    const older: Record<string, string> = { 'harm-after-request': '2024-12-02', 'withheld-despite-history': '2025-01-10' };
    const { findings, decisions } = audit(ds, { firstSeen: (f) => older[f.ruleId] });
    expect(findings.map((f) => f.ruleId).sort()).toEqual(['harm-after-request', 'withheld-despite-history']);
    expect(decisions.referrals).toHaveLength(1);
    expect(decisions.referrals[0]).toMatchObject({
      basis: 'mandatory',
      routes: ['dsi-and-conduct'],
      grounds: ['harm-after-request', 'withheld-despite-history'],
      referBy: '2025-01-13',
      status: 'overdue',
      suggested: 'harm',
    });
  });
});

describe('suggested failure type', () => {
  interface TypeCase {
    name: string;
    application?: Partial<Parameters<typeof app>[0]>;
    incidents?: Incident[];
    referrals?: ConductReferral[];
    findings: Finding[];
    suggested: 'harm' | 'service' | 'administrative' | 'none';
    route?: string;
  }
  const typeCases: TypeCase[] = [
    { name: 'harm: a harm finding grounds dsi-and-conduct', incidents: [inc('I1', '2023-02-07', 'death')], findings: [harm('A1', 'I1', 'critical'), noOutcome], suggested: 'harm', route: 'mandatory' },
    { name: 'harm: a harm finding grounds conduct-gravity', incidents: [inc('I1', '2023-02-07')], findings: [harm('A1', 'I1'), noOutcome], suggested: 'harm', route: 'voluntary' },
    { name: 'dsi-assess alone: none', incidents: [inc('I1', '2023-01-05', 'death')], findings: [harm('A1', 'I1', 'critical')], suggested: 'none', route: 'assess' },
    {
      name: 'dsi-assess with a service failure that came later: service',
      application: { decision: 'no_disclosure', decision_at: '2023-01-21' },
      incidents: [inc('I1', '2023-01-20', 'death')],
      findings: [harm('A1', 'I1', 'critical'), withheld],
      suggested: 'service',
      route: 'assess',
    },
    {
      name: 'dsi-assess with a late outcome made after the limit but the incident before it: administrative',
      application: { decision: 'no_disclosure', decision_at: '2023-03-01' },
      incidents: [inc('I1', '2023-01-20', 'serious_injury')],
      findings: [harm('A1', 'I1', 'critical'), late],
      suggested: 'administrative',
      route: 'assess',
    },
    { name: 'a high harm with no route: none', incidents: [inc('I1', '2023-01-10')], findings: [harm('A1', 'I1')], suggested: 'none' },
    { name: 'a high harm with no route and a late meeting: administrative', incidents: [inc('I1', '2023-01-10')], findings: [harm('A1', 'I1'), finding('face-to-face-late', 'A1', 'low')], suggested: 'administrative' },
    {
      name: 'conduct-prior-referral alone is not harm: service',
      application: { handler_id: 'H1' },
      referrals: [R1],
      findings: [priorReferral, noOutcome],
      suggested: 'service',
      route: 'voluntary',
    },
    { name: 'service over administrative', findings: [finding('initial-checks-late', 'A1', 'medium'), noOutcome], suggested: 'service' },
    { name: 'administrative: a late decision record check (deadline-missed)', findings: [late], suggested: 'administrative' },
    { name: 'administrative: a service-failure-free administrative rule', findings: [finding('disclosure-not-in-person', 'A1', 'low')], suggested: 'administrative' },
    { name: 'a finding at info suggests nothing', findings: [finding('deadline-missed', 'A1', 'info'), finding('withheld-despite-history', 'A1', 'info')], suggested: 'none' },
    { name: 'rules of type none suggest nothing', findings: [finding('date-order', 'A1', 'low'), finding('unknown-handler', 'A1', 'info')], suggested: 'none' },
  ];

  it.each(typeCases)('$name', (t) => {
    const ds = dataset({ applications: [app({ ...OPEN, ...t.application })], incidents: t.incidents ?? [], conduct_referrals: t.referrals ?? null });
    const out = decideOn(ds, t.findings);
    const counts = { harm: 0, service: 0, administrative: 0, none: 0 };
    counts[t.suggested] = 1;
    expect(out.summary.suggested).toEqual(counts);
    const entry = out.referrals.find((r) => r.kind === 'application');
    expect(entry?.basis).toBe(t.route);
    if (entry) expect(entry.suggested).toBe(t.suggested);
  });

  it('a plugin rule counts by its declared failureType', () => {
    const ds = dataset({ applications: [app({ ...OPEN })] });
    const rules = [...ruleStatuses(), pluginStatus('local-records', { failureType: 'administrative' }, 'records')];
    expect(decideOn(ds, [finding('local-records', 'A1', 'medium')], { rules }).summary.suggested).toEqual({ harm: 0, service: 0, administrative: 1, none: 0 });
    expect(decideOn(ds, [finding('local-records', 'A1', 'medium')], { rules: ruleStatuses() }).summary.suggested).toEqual({ harm: 0, service: 0, administrative: 0, none: 1 });
  });
});

describe('summary: referrals and suggested types', () => {
  it('counts entries by basis and by status, and applications by suggested type', () => {
    const person = (id: string, fields: Partial<Parameters<typeof app>[0]> = {}) =>
      app({ application_id: id, received_at: '2023-01-02', person_at_risk_id: `P-${id}`, subject_id: `S-${id}`, ...fields });
    const incidentOf = (id: string, occurred_at: string, h: Incident['harm']) =>
      incident({ incident_id: `I-${id}`, occurred_at, victim_id: `P-${id}`, suspect_id: `S-${id}`, harm: h });
    const ds = dataset({
      applications: [
        person('M1'), // mandatory, due
        person('V1'), // voluntary conduct-gravity, overdue (older firstSeen)
        person('X1', { decision: 'disclose', decision_at: '2023-01-03', disclosure_at: '2023-01-04' }), // assess, overdue
        person('X2'), // assess, due
        person('C1', { handler_id: 'H1' }), // voluntary conduct-prior-referral, due; and staff H1, due
        person('D1'), // administrative only
        person('N1'), // no findings
      ],
      incidents: [incidentOf('M1', '2023-03-01', 'death'), incidentOf('V1', '2023-03-01', 'injury'), incidentOf('X1', '2023-01-03', 'death'), incidentOf('X2', '2023-01-10', 'serious_injury')],
      conduct_referrals: [R1],
    });
    const findings = [
      finding('harm-after-request', 'M1', 'critical', { incidentId: 'I-M1' }, ['I-M1']),
      finding('no-outcome', 'M1', 'high'),
      finding('harm-after-request', 'V1', 'high', { incidentId: 'I-V1' }, ['I-V1'], '2024-12-02'),
      finding('no-outcome', 'V1', 'high', {}, [], '2024-12-02'),
      finding('harm-after-request', 'X1', 'critical', { incidentId: 'I-X1' }, ['I-X1'], '2024-06-03'),
      finding('harm-after-request', 'X2', 'critical', { incidentId: 'I-X2' }, ['I-X2']),
      finding('handler-prior-referral', 'C1', 'medium'),
      finding('no-outcome', 'C1', 'high'),
      finding('initial-checks-late', 'D1', 'medium'),
    ];
    const out = decideOn(ds, findings);
    expect(out.referrals.map((r: Referral) => `${r.basis}:${r.kind}:${r.id}:${r.status}`)).toEqual([
      'mandatory:application:M1:due',
      'voluntary:application:C1:due',
      'voluntary:application:V1:overdue',
      'voluntary:staff:H1:due',
      'assess:application:X1:overdue',
      'assess:application:X2:due',
    ]);
    expect(out.summary.referrals).toEqual({ applications: 5, staff: 1, mandatory: 1, voluntary: 3, assess: 2, due: 4, overdue: 2, referred: 0 });
    expect(out.summary.suggested).toEqual({ harm: 2, service: 1, administrative: 1, none: 3 });
    expect(out.referrals.filter((r) => r.kind === 'application').map((r) => [r.id, r.suggested])).toEqual([
      ['M1', 'harm'],
      ['C1', 'service'],
      ['V1', 'harm'],
      ['X1', 'none'],
      ['X2', 'none'],
    ]);
    expect(out.referrals.find((r) => r.kind === 'staff')?.suggested).toBeUndefined();
    expect(AS_OF).toBe('2025-01-31');
  });
});
