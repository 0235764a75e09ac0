/**
 * From findings to the decisions a review team acts on (BRIEF section 6): IOPC referrals, the
 * safeguarding list, the review list, the summary and the chart figures. Every formatter renders
 * these as they are; nothing else derives them.
 */
import type { Finding } from '../engine/types.js';
import type { Dataset } from '../model/dataset.js';
import type { Referral, RuleStatus, SafeguardingEntry, Statistics, Summary, WorklistSection } from '../model/report.js';
import { carriedKey, type ReviewInput, type WorklistRows } from '../model/worklist.js';
import { FindingsByApplication } from './findings-index.js';
import { deadlineSettings } from './limit.js';
import { applicationRoutes, decideReferrals } from './referrals.js';
import { suggestTypes } from './suggested.js';
import { RuleKinds } from '../engine/service-failure.js';
import { decideReview, placeFindings } from './review.js';
import { decideSafeguarding } from './safeguarding.js';
import { computeStatistics } from './statistics.js';
import { summarise } from './summary.js';
import { applyReview, dismissedApplications, markDismissed, reviewProgress, worklistRows, worklistSection } from './worklist.js';

export interface DecideInput {
  readonly dataset: Dataset;
  /** The run's findings, in the report's order. */
  readonly findings: readonly Finding[];
  /** The audit date, a London day number. */
  readonly asOf: number;
  /** Each enabled rule's effective options, by rule id (from the engine). */
  readonly ruleOptions: Readonly<Record<string, unknown>>;
  readonly rules: readonly RuleStatus[];
  readonly rejectedRows: number;
  /** (v2) The team's worklist (`--review`): its accepted rows dismiss findings and record referrals made. */
  readonly review?: ReviewInput;
}

export interface Decisions {
  /** The findings, those of applications concluded no_failure marked dismissed. */
  readonly findings: Finding[];
  readonly referrals: Referral[];
  readonly safeguarding: SafeguardingEntry[];
  readonly review: string[];
  readonly summary: Summary;
  readonly statistics: Statistics;
  readonly worklist: WorklistSection;
  /** The tool's cells of the next worklist's rows, in order (not part of the report). */
  readonly worklistRows: WorklistRows;
}

export function decide(input: DecideInput): Decisions {
  const kinds = new RuleKinds(input.rules);
  const dismissed = dismissedApplications(input.review, input.dataset);
  const findings = markDismissed(input.findings, dismissed);
  const byApplication = new FindingsByApplication(findings, kinds);
  const failing = byApplication.failingIds(input.dataset);
  const deadline = deadlineSettings(input.ruleOptions);
  const referralInput = { dataset: input.dataset, byApplication, kinds, asOf: input.asOf, deadline };
  const routes = applicationRoutes(referralInput);
  const suggestions = suggestTypes(input.dataset, byApplication, kinds, routes);
  const decided = decideReferrals(referralInput, routes).map(
    (r): Referral => (r.kind === 'application' ? { ...r, suggested: suggestions.byApplication.get(r.id) ?? 'none' } : r),
  );
  // A no_failure conclusion never removes a referral entry (a statutory referral is not dismissed by a worklist cell).
  const referrals = applyReview(decided, input.review, findings);
  const safeguarding = decideSafeguarding(input.dataset, byApplication, dismissed);
  const review = decideReview(findings, referrals, safeguarding);
  const summary = summarise({
    dataset: input.dataset,
    findings,
    rules: input.rules,
    referrals,
    safeguarding,
    review,
    rejectedRows: input.rejectedRows,
    failing,
    suggested: suggestions.counts,
  });
  const statistics = {
    ...computeStatistics(input.dataset, findings, deadline, failing),
    reviewProgress: reviewProgress(input.dataset, input.review, suggestions),
  };
  const rows = worklistRows({ dataset: input.dataset, findings, byApplication, referrals, safeguarding, suggestions });
  const missingFromExport = (input.review?.rows ?? []).filter((r) => {
    const key = carriedKey(r);
    return !r.repeat && key !== null && !rows.has(key);
  }).length;
  const worklist = worklistSection({ dataset: input.dataset, review: input.review, referrals, suggestions, missingFromExport });
  return { findings: placeFindings(findings, referrals, safeguarding, input.dataset), referrals, safeguarding, review, summary, statistics, worklist, worklistRows: rows };
}

export { referByDay, statusOf } from './referrals.js';
export { SAFEGUARDING_ACTION, SAFEGUARDING_RULES } from './safeguarding.js';
