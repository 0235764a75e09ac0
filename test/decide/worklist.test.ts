/**
 * (v2) What the team's accepted worklist rows do to the decisions (BRIEF section 6b), on boundary
 * tables: a referral made on the day its last ground was first seen is referred, one made the day
 * before is not (new grounds must be notified again); an assessed DSI matter; the statement's
 * disagreements.
 */
import { describe, expect, it } from 'vitest';
import { applyReview, worklistSection } from '../../src/decide/worklist.js';
import type { Suggestions } from '../../src/decide/suggested.js';
import type { Conclusion, Referral } from '../../src/model/report.js';
import { type ReviewEntry, type ReviewInput, worklistKey, type WorklistKind } from '../../src/model/worklist.js';
import { app, dataset, day } from '../support/dataset.js';
import { decideOn, finding } from './support.js';

function review(entries: Partial<ReviewEntry>[]): ReviewInput {
  const map = new Map<string, ReviewEntry>();
  for (const e of entries) {
    const entry: ReviewEntry = { kind: 'application', id: 'A1', conclusion: null, reviewedAt: null, referredAt: null, iopcReference: null, ...e };
    map.set(worklistKey(entry.kind, entry.id), entry);
  }
  return { file: 'worklist.csv', sha256: '0'.repeat(64), extraColumns: [], rows: [], entries: map, rejected: [] };
}

function referral(id: string, basis: Referral['basis'], findings: string[], kind: WorklistKind = 'application'): Referral {
  return {
    kind,
    id,
    basis,
    routes: [basis === 'mandatory' ? 'dsi-and-conduct' : basis === 'assess' ? 'dsi-assess' : 'conduct-gravity'],
    status: 'due',
    referBy: '2025-02-03',
    grounds: [],
    applicationIds: kind === 'application' ? [id] : [],
    reasons: [],
    findings,
    evidence: {},
    chronology: [],
  };
}

describe('applyReview', () => {
  const older = finding('no-outcome', 'A1', 'high', {}, [], '2025-01-10');
  const newer = finding('harm-after-request', 'A1', 'critical', { incidentId: 'I1' }, ['I1'], '2025-01-31');
  const findings = [older, newer];

  it.each([
    ['on the day the last ground was first seen', '2025-01-31', 'referred'],
    ['after it', '2025-02-01', 'referred'],
    ['the day before a ground was first seen', '2025-01-30', 'due'],
  ])('a referral recorded as made %s is %s', (_, referredAt, status) => {
    const [out] = applyReview([referral('A1', 'mandatory', [older.fingerprint, newer.fingerprint])], review([{ referredAt: day(referredAt), iopcReference: '2025/9' }]), findings);
    expect(out!.status).toBe(status);
    if (status === 'referred') expect([out!.referredAt, out!.iopcReference]).toEqual([referredAt, '2025/9']);
    else expect(out!.referredAt).toBeUndefined();
  });

  it.each<[string, Partial<ReviewEntry>, Referral['status']]>([
    ['a conclusion', { conclusion: 'no_failure' }, 'assessed'],
    ['a referral made', { referredAt: day('2025-02-01'), iopcReference: 'R' }, 'referred'],
    ['no conclusion', {}, 'due'],
  ])('a DSI matter to assess with %s is %s', (_, entry, status) => {
    expect(applyReview([referral('A1', 'assess', [newer.fingerprint])], review([entry]), findings)[0]!.status).toBe(status);
  });

  it('a staff referral takes the staff row, never an application row of the same id', () => {
    const staffReferral = referral('S1', 'voluntary', [older.fingerprint], 'staff');
    expect(applyReview([staffReferral], review([{ id: 'S1', referredAt: day('2025-02-01'), iopcReference: 'R' }]), findings)[0]!.status).toBe('due');
    expect(applyReview([staffReferral], review([{ kind: 'staff', id: 'S1', referredAt: day('2025-02-01'), iopcReference: 'R' }]), findings)[0]!.status).toBe('referred');
  });

  it('a no_failure conclusion leaves a referral as it was', () => {
    const r = referral('A1', 'voluntary', [older.fingerprint]);
    expect(applyReview([r], review([{ conclusion: 'no_failure' }]), findings)).toEqual([r]);
  });
});

describe('worklistSection: disagreements and what awaits a conclusion', () => {
  const data = dataset({ applications: ['A1', 'A2', 'A3', 'A4'].map((id) => app({ application_id: id, received_at: '2024-01-02' })) });
  const suggestions: Suggestions = {
    byApplication: new Map([['A1', 'service'], ['A2', 'harm'], ['A3', 'administrative']]),
    counts: { harm: 1, service: 1, administrative: 1, none: 1 },
  };

  it.each<[string, [string, Conclusion][], Referral[], number, number]>([
    ['agreement on each', [['A1', 'service'], ['A2', 'harm'], ['A3', 'administrative'], ['A4', 'no_failure']], [], 0, 0],
    ['another type', [['A1', 'administrative']], [], 1, 2],
    ['no_failure on a suggested failure', [['A2', 'no_failure']], [], 1, 2],
    ['a failure where none was suggested', [['A4', 'harm']], [], 1, 3],
    ['no_failure on an application with a referral', [['A4', 'no_failure']], [referral('A4', 'voluntary', [])], 1, 3],
    ['no_failure where only a DSI matter to assess', [['A4', 'no_failure']], [referral('A4', 'assess', [])], 0, 3],
  ])('%s', (_, conclusions, referrals, disagreements, awaiting) => {
    const input = review(conclusions.map(([id, conclusion]) => ({ id, conclusion, reviewedAt: day('2025-02-03') })));
    const section = worklistSection({ dataset: data, review: input, referrals, suggestions, missingFromExport: 0 });
    expect(section.disagreements).toBe(disagreements);
    expect(section.awaiting).toBe(awaiting);
    expect(section.reviewed).toBe(conclusions.length);
    expect(section.screened).toBe(4);
  });

  it('counts no conclusion of an application the export no longer has', () => {
    const section = worklistSection({ dataset: data, review: review([{ id: 'GONE', conclusion: 'harm' }]), referrals: [], suggestions, missingFromExport: 1 });
    expect([section.reviewed, section.concluded.harm, section.missingFromExport]).toEqual([0, 0, 1]);
  });
});

describe('worklistRows: the next worklist, made as it is read', () => {
  const ds = dataset({
    applications: [
      app({ application_id: 'A2', received_at: '2024-03-01' }),
      app({ application_id: 'A1', received_at: '2024-02-01' }),
      app({ application_id: 'A3', received_at: '2024-01-01' }),
    ],
  });
  const { applicationId: _unused, ...staffOnly } = finding('no-outcome', 'S1', 'low');
  const findings = [finding('no-outcome', 'A2', 'high'), { ...staffOnly, fingerprint: 'staff-only', staffId: 'S1' }];
  const rows = decideOn(ds, findings).worklistRows;

  it('has a row for each application of the export and each staff member with a finding, and no other', () => {
    expect([worklistKey('application', 'A1'), worklistKey('application', 'A3'), worklistKey('staff', 'S1')].map((k) => rows.has(k))).toEqual([true, true, true]);
    expect([worklistKey('application', 'GONE'), worklistKey('staff', 'S2'), worklistKey('staff', 'A1'), worklistKey('application', 'S1')].map((k) => rows.has(k))).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('gives the same rows, in the same order, on every read', () => {
    const first = [...rows];
    // A2 to safeguard (no outcome) first, then the staff row, then the rest by received date.
    expect(first.map((r) => `${r.kind}:${r.id}:${r.safeguarding ?? ''}:${r.findings.join(';')}`)).toEqual([
      'application:A2:1:no-outcome',
      'staff:S1::no-outcome',
      'application:A3::',
      'application:A1::',
    ]);
    expect([...rows]).toEqual(first);
  });
});
