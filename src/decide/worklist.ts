/**
 * (v2) The review worklist's part in the decisions (BRIEF section 6b): what the team's accepted
 * rows change (dismissed findings, referrals made or assessed), the review's statement, and the
 * tool's cells of each row of the next worklist, in its order.
 */
import { withMembers } from '../engine/compact-finding.js';
import type { Finding } from '../engine/types.js';
import type { Dataset } from '../model/dataset.js';
import type { Referral, ReferralBasis, ReferralRoute, SafeguardingEntry, Statistics, SuggestedType, WorklistSection } from '../model/report.js';
import { FAILURE_TYPES, REFERRAL_BASES } from '../model/report.js';
import { type ReviewEntry, type ReviewInput, worklistKey, type WorklistRows, type WorklistToolRow } from '../model/worklist.js';
import { compareText } from '../shared/compare.js';
import { formatDay } from '../time/london.js';
import type { FindingsByApplication } from './findings-index.js';
import type { Suggestions } from './suggested.js';

/** The basis each route gives on its own (BRIEF section 6): an entry's strongest route is the first of its basis. */
const ROUTE_BASIS: Readonly<Record<ReferralRoute, ReferralBasis>> = {
  'dsi-and-conduct': 'mandatory',
  'dsi-assess': 'assess',
  'conduct-gravity': 'voluntary',
  'conduct-prior-referral': 'voluntary',
};

/** Applications of the export the team concluded `no_failure`. */
export function dismissedApplications(review: ReviewInput | undefined, dataset: Dataset): ReadonlySet<string> {
  const out = new Set<string>();
  for (const e of review?.entries.values() ?? []) {
    if (e.kind === 'application' && e.conclusion === 'no_failure' && dataset.application(e.id) !== undefined) out.add(e.id);
  }
  return out;
}

/** The findings, those of dismissed applications marked so (they stay in the report). */
export function markDismissed(findings: readonly Finding[], dismissed: ReadonlySet<string>): Finding[] {
  if (dismissed.size === 0) return [...findings];
  return findings.map((f) => (f.applicationId !== undefined && dismissed.has(f.applicationId) ? withMembers(f, { dismissed: true }) : f));
}

/**
 * Referral statuses from the worklist: `referred` when its row records the referral and no finding
 * behind it was first seen after that date (new grounds must be notified again, IOPC statutory
 * guidance para 9.4); else, for an `assess` entry, `assessed` when its application has a
 * conclusion; else as decided (due or overdue).
 */
export function applyReview(referrals: readonly Referral[], review: ReviewInput | undefined, findings: readonly Finding[]): Referral[] {
  if (review === undefined) return [...referrals];
  const firstSeen = new Map<string, string>();
  for (const f of findings) firstSeen.set(f.fingerprint, f.firstSeen);
  return referrals.map((r): Referral => {
    const entry = review.entries.get(worklistKey(r.kind, r.id));
    if (entry === undefined) return r;
    if (entry.referredAt !== null) {
      const referredAt = formatDay(entry.referredAt);
      // ISO dates compare as text.
      if (r.findings.every((fp) => (firstSeen.get(fp) ?? '') <= referredAt)) {
        return { ...r, status: 'referred', referredAt, ...(entry.iopcReference === null ? {} : { iopcReference: entry.iopcReference }) };
      }
    }
    if (r.basis === 'assess' && r.kind === 'application' && entry.conclusion !== null) return { ...r, status: 'assessed' };
    return r;
  });
}

export interface StatementInput {
  readonly dataset: Dataset;
  readonly review: ReviewInput | undefined;
  readonly referrals: readonly Referral[];
  readonly suggestions: Suggestions;
  /** Rows of the input worklist with no slot in the new one (their id left the export). */
  readonly missingFromExport: number;
}

const suggestedOf = (suggestions: Suggestions, id: string): SuggestedType => suggestions.byApplication.get(id) ?? 'none';

/** The accepted conclusions of applications in this export. */
function concludedApplications(dataset: Dataset, review: ReviewInput | undefined): ReviewEntry[] {
  const out: ReviewEntry[] = [];
  for (const e of review?.entries.values() ?? []) {
    if (e.kind === 'application' && e.conclusion !== null && dataset.application(e.id) !== undefined) out.push(e);
  }
  return out;
}

/** The review's statement (the report's `worklist` section). */
export function worklistSection(input: StatementInput): WorklistSection {
  const { dataset, review, referrals, suggestions } = input;
  const concluded = { no_failure: 0, harm: 0, service: 0, administrative: 0 };
  const referredApps = new Set(referrals.filter((r) => r.kind === 'application' && r.basis !== 'assess').map((r) => r.id));
  const entries = concludedApplications(dataset, review);
  let disagreements = 0;
  const withConclusion = new Set<string>();
  for (const e of entries) {
    const conclusion = e.conclusion!;
    concluded[conclusion] += 1;
    withConclusion.add(e.id);
    const suggested = suggestedOf(suggestions, e.id);
    const agrees = conclusion === suggested || (conclusion === 'no_failure' && suggested === 'none');
    if (!agrees || (conclusion === 'no_failure' && referredApps.has(e.id))) disagreements += 1;
  }
  let awaiting = 0;
  for (const id of suggestions.byApplication.keys()) if (!withConclusion.has(id)) awaiting += 1;
  const count = (basis: (b: ReferralBasis) => boolean, status: Referral['status']): number =>
    referrals.filter((r) => basis(r.basis) && r.status === status).length;
  const referable = (b: ReferralBasis): boolean => b !== 'assess';
  const assess = (b: ReferralBasis): boolean => b === 'assess';
  return {
    screened: dataset.applications.length,
    reviewed: entries.length,
    concluded,
    referrals: { made: count(referable, 'referred'), due: count(referable, 'due'), overdue: count(referable, 'overdue') },
    awaiting,
    disagreements,
    missingFromExport: input.missingFromExport,
    // A matter assessed and then referred has been assessed.
    assess: { assessed: count(assess, 'assessed') + count(assess, 'referred'), due: count(assess, 'due'), overdue: count(assess, 'overdue') },
    ...(review === undefined
      ? {}
      : { rows: { file: review.file, sha256: review.sha256, read: review.rows.length, accepted: review.rows.length - review.rejected.length, rejected: review.rejected.length } }),
  };
}

/** The HTML progress chart's figures: per suggested type, the applications with a conclusion and those awaiting one. */
export function reviewProgress(dataset: Dataset, review: ReviewInput | undefined, suggestions: Suggestions): Statistics['reviewProgress'] {
  const concluded: Record<SuggestedType, number> = { harm: 0, service: 0, administrative: 0, none: 0 };
  for (const e of concludedApplications(dataset, review)) concluded[suggestedOf(suggestions, e.id)] += 1;
  return FAILURE_TYPES.map((suggested) => ({
    suggested,
    applications: suggestions.counts[suggested],
    concluded: concluded[suggested],
    awaiting: suggestions.counts[suggested] - concluded[suggested],
  }));
}

export interface WorklistRowsInput {
  readonly dataset: Dataset;
  readonly findings: readonly Finding[];
  readonly byApplication: FindingsByApplication;
  readonly referrals: readonly Referral[];
  readonly safeguarding: readonly SafeguardingEntry[];
  readonly suggestions: Suggestions;
}

function firstSeenOf(findings: readonly Finding[]): string {
  let first = '';
  for (const f of findings) if (first === '' || f.firstSeen < first) first = f.firstSeen;
  return first;
}

function strongestRoute(r: Referral): string {
  const route = r.routes.find((x) => ROUTE_BASIS[x] === r.basis) ?? r.routes[0]!;
  return `${r.basis}/${route}`;
}

const SUGGESTED_RANK: Readonly<Record<SuggestedType, number>> = { harm: 0, service: 1, administrative: 2, none: 3 };

/** The rule ids of a row's findings, each once, in text order. */
function ruleIdsOf(findings: readonly Finding[]): string[] {
  if (findings.length === 0) return [];
  if (findings.length === 1) return [findings[0]!.ruleId];
  return [...new Set(findings.map((f) => f.ruleId))].sort(compareText);
}

/**
 * The tool's cells of every row of the next worklist, in its order: safeguarding entries by
 * priority; application referrals by basis, then id; staff with a finding or a referral, by id;
 * then the other applications by suggested type (none with findings before none without), each by
 * received date, then id. The rows are made as they are read: an application's row only when it
 * is written.
 */
export function worklistRows(input: WorklistRowsInput): WorklistRows {
  const { dataset, byApplication, referrals, safeguarding, suggestions } = input;
  const referralOf = new Map<string, Referral>();
  for (const r of referrals) referralOf.set(worklistKey(r.kind, r.id), r);
  const priorityOf = new Map<string, number>();
  for (const s of safeguarding) priorityOf.set(s.applicationId, s.priority);

  const applicationRow = (id: string): WorklistToolRow => {
    const app = dataset.application(id)!;
    const findings = byApplication.of(id);
    const referral = referralOf.get(worklistKey('application', id));
    return {
      kind: 'application',
      id,
      received: formatDay(app.received_at.day),
      suggested: suggestedOf(suggestions, id),
      findings: ruleIdsOf(findings),
      referral: referral === undefined ? '' : strongestRoute(referral),
      safeguarding: priorityOf.get(id) ?? null,
      firstSeen: firstSeenOf(findings),
    };
  };

  const staffFindings = new Map<string, Finding[]>();
  for (const f of input.findings) {
    if (f.staffId === undefined || f.applicationId !== undefined) continue;
    const group = staffFindings.get(f.staffId);
    if (group === undefined) staffFindings.set(f.staffId, [f]);
    else group.push(f);
  }
  const staffIds = [...new Set([...staffFindings.keys(), ...referrals.filter((r) => r.kind === 'staff').map((r) => r.id)])].sort(compareText);
  // Few (one per staff member with a finding or a referral): made once.
  const staffRows = staffIds.map((id): WorklistToolRow => {
    const findings = staffFindings.get(id) ?? [];
    const referral = referralOf.get(worklistKey('staff', id));
    return {
      kind: 'staff',
      id,
      received: '',
      suggested: '',
      findings: ruleIdsOf(findings),
      referral: referral === undefined ? '' : strongestRoute(referral),
      safeguarding: null,
      firstSeen: firstSeenOf(findings),
    };
  });
  const staffSlots = new Set(staffIds);

  /** Application ids in worklist order, before and after the staff rows. */
  const order = (): { first: string[]; rest: string[] } => {
    const first: string[] = [];
    const placed = new Set<string>();
    const place = (id: string): void => {
      if (placed.has(id)) return;
      placed.add(id);
      first.push(id);
    };
    for (const s of safeguarding) place(s.applicationId);
    const rank = (b: ReferralBasis): number => REFERRAL_BASES.indexOf(b);
    const appReferrals = referrals.filter((r) => r.kind === 'application').sort((a, b) => rank(a.basis) - rank(b.basis) || compareText(a.id, b.id));
    for (const r of appReferrals) place(r.id);
    const restRank = (id: string): number => {
      const suggested = suggestedOf(suggestions, id);
      // `none` with findings before `none` without.
      return SUGGESTED_RANK[suggested] + (suggested === 'none' && byApplication.of(id).length === 0 ? 1 : 0);
    };
    const keyed: { id: string; rank: number; day: number }[] = [];
    for (const a of dataset.applications) {
      if (!placed.has(a.application_id)) keyed.push({ id: a.application_id, rank: restRank(a.application_id), day: a.received_at.day });
    }
    keyed.sort((a, b) => a.rank - b.rank || a.day - b.day || compareText(a.id, b.id));
    return { first, rest: keyed.map((k) => k.id) };
  };

  return {
    has(key: string): boolean {
      const cut = key.indexOf('\u0000');
      const kind = key.slice(0, cut);
      const id = key.slice(cut + 1);
      if (kind === 'application') return dataset.application(id) !== undefined;
      return kind === 'staff' && staffSlots.has(id);
    },
    *[Symbol.iterator](): Generator<WorklistToolRow> {
      const { first, rest } = order();
      for (const id of first) yield applicationRow(id);
      yield* staffRows;
      for (const id of rest) yield applicationRow(id);
    },
  };
}
