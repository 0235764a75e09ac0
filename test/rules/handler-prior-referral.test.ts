import { describe, expect, it } from 'vitest';
import rule from '../../rules/handler-prior-referral.js';
import { app, referral } from '../support/dataset.js';
import { RuleTester } from '../support/rule-tester.js';
import type { Application, ConductReferral } from '../../src/model/records.js';
import type { Evidence } from '../../src/engine/types.js';

interface Case {
  name: string;
  applications: Application[];
  referrals: ConductReferral[];
  expected: { applicationId: string; key: string; evidence: Partial<Record<string, Evidence[string]>> }[];
}

const cases: Case[] = [
  {
    name: 'referral the day before receipt',
    applications: [app({ application_id: 'A1', handler_id: 'H1', received_at: '2023-04-05' })],
    referrals: [referral({ referral_id: 'R1', staff_id: 'H1', referred_at: '2023-04-04', body: 'iopc' })],
    expected: [
      {
        applicationId: 'A1',
        key: 'R1',
        evidence: {
          handlerId: 'H1',
          receivedAt: '2023-04-05',
          referralIds: ['R1'],
          referralDates: ['2023-04-04'],
          referralBodies: ['iopc'],
          firstReferral: 'before-receipt',
          referralsDuringHandling: 0,
        },
      },
    ],
  },
  {
    name: 'referral dated on the received date: during handling (v2: before the end date)',
    applications: [app({ application_id: 'A1', handler_id: 'H1', received_at: '2023-04-05T16:00', decision: 'no_disclosure', decision_at: '2023-04-20' })],
    referrals: [referral({ referral_id: 'R1', staff_id: 'H1', referred_at: '2023-04-05' })],
    expected: [{ applicationId: 'A1', key: 'R1', evidence: { firstReferral: 'during-handling', endDate: '2023-04-20', referralsDuringHandling: 1 } }],
  },
  {
    name: 'referral during handling of an open case: the end date is the as-of date',
    applications: [app({ application_id: 'A1', handler_id: 'H1', received_at: '2023-04-05' })],
    referrals: [referral({ referral_id: 'R1', staff_id: 'H1', referred_at: '2023-05-01' })],
    expected: [{ applicationId: 'A1', key: 'R1', evidence: { firstReferral: 'during-handling', endDate: '2025-01-31' } }],
  },
  {
    name: 'near-miss: referral dated on the end date (the outcome date) is not before it',
    applications: [
      app({ application_id: 'A1', handler_id: 'H1', received_at: '2023-04-05', decision: 'disclose', decision_at: '2023-04-10', disclosure_at: '2023-04-12' }),
    ],
    referrals: [referral({ referral_id: 'R1', staff_id: 'H1', referred_at: '2023-04-12' })],
    expected: [],
  },
  {
    name: 'near-miss: referral after the end date',
    applications: [app({ application_id: 'A1', handler_id: 'H1', received_at: '2023-04-05', decision: 'no_disclosure', decision_at: '2023-04-20' })],
    referrals: [referral({ referral_id: 'R1', staff_id: 'H1', referred_at: '2023-05-01' })],
    expected: [],
  },
  {
    name: 'a withdrawal ends on its withdrawal date',
    applications: [
      app({ application_id: 'A1', handler_id: 'H1', received_at: '2023-04-05', decision: 'withdrawn', decision_at: '2023-04-08', closed_at: '2023-06-01' }),
      app({ application_id: 'A2', handler_id: 'H1', received_at: '2023-04-05', decision: 'withdrawn', decision_at: '2023-04-15', closed_at: '2023-06-01' }),
    ],
    referrals: [referral({ referral_id: 'R1', staff_id: 'H1', referred_at: '2023-04-10' })],
    expected: [{ applicationId: 'A2', key: 'R1', evidence: { endDate: '2023-04-15', firstReferral: 'during-handling' } }],
  },
  {
    name: 'near-miss: the referral is of another member of staff',
    applications: [app({ application_id: 'A1', handler_id: 'H1', received_at: '2023-04-05' })],
    referrals: [referral({ referral_id: 'R1', staff_id: 'H2', referred_at: '2020-01-01' })],
    expected: [],
  },
  {
    name: 'near-miss: no handler recorded',
    applications: [app({ application_id: 'A1', received_at: '2023-04-05' })],
    referrals: [referral({ referral_id: 'R1', staff_id: 'H1', referred_at: '2020-01-01' })],
    expected: [],
  },
  {
    name: 'several earlier referrals: one finding, listed by date then id, keyed on the earliest; one after the end date left out',
    applications: [app({ application_id: 'A1', handler_id: 'H1', received_at: '2021-06-01', decision: 'no_disclosure', decision_at: '2021-06-20' })],
    referrals: [
      referral({ referral_id: 'R3', staff_id: 'H1', referred_at: '2020-03-01', body: 'iopc' }),
      referral({ referral_id: 'R9', staff_id: 'H1', referred_at: '2019-02-01', body: 'psd' }),
      referral({ referral_id: 'R2', staff_id: 'H1', referred_at: '2020-03-01', body: 'psd' }),
      referral({ referral_id: 'R4', staff_id: 'H1', referred_at: '2022-01-01' }),
    ],
    expected: [
      {
        applicationId: 'A1',
        key: 'R9',
        evidence: {
          referralIds: ['R9', 'R2', 'R3'],
          referralDates: ['2019-02-01', '2020-03-01', '2020-03-01'],
          referralBodies: ['psd', 'psd', 'iopc'],
        },
      },
    ],
  },
  {
    name: 'one finding per application of the handler that ended after the referral',
    applications: [
      app({ application_id: 'A1', handler_id: 'H1', received_at: '2019-01-01', decision: 'no_disclosure', decision_at: '2019-01-20' }),
      app({ application_id: 'A2', handler_id: 'H1', received_at: '2019-02-02' }),
      app({ application_id: 'A3', handler_id: 'H1', received_at: '2019-03-01' }),
    ],
    referrals: [referral({ referral_id: 'R1', staff_id: 'H1', referred_at: '2019-02-01' })],
    expected: [
      { applicationId: 'A2', key: 'R1', evidence: { receivedAt: '2019-02-02' } },
      { applicationId: 'A3', key: 'R1', evidence: { receivedAt: '2019-03-01' } },
    ],
  },
];

const tester = new RuleTester({ asOf: '2025-01-31' });
const asCase = (c: Case) => ({ name: c.name, tables: { applications: c.applications, conduct_referrals: c.referrals } });

tester.run(rule, {
  valid: cases.filter((c) => c.expected.length === 0).map(asCase),
  invalid: cases
    .filter((c) => c.expected.length > 0)
    .map((c) => ({
      ...asCase(c),
      findings: c.expected.map((e) => ({ applicationId: e.applicationId, severity: 'medium' as const, key: [e.key], evidence: e.evidence, message: /^Application \S+, received .*\.$/ })),
    })),
});

describe('handler-prior-referral metadata', () => {
  it('needs the conduct referrals table', () => {
    expect(rule.requires).toEqual(['conduct_referrals']);
    expect(rule.options.parse({})).toEqual({});
  });
});
