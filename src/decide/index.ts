/**
 * From findings to the decisions a review team acts on (BRIEF section 6): IOPC referrals, the
 * safeguarding list, the review list, the summary and the chart figures. Every formatter renders
 * these as they are; nothing else derives them.
 */
import type { Finding } from '../engine/types.js';
import type { Dataset } from '../model/dataset.js';
import type { Referral, RuleStatus, SafeguardingEntry, Statistics, Summary } from '../model/report.js';
import { FindingsByApplication } from './findings-index.js';
import { deadlineSettings } from './limit.js';
import { applicationRoutes, decideReferrals } from './referrals.js';
import { suggestTypes } from './suggested.js';
import { RuleKinds } from '../engine/service-failure.js';
import { decideReview } from './review.js';
import { decideSafeguarding } from './safeguarding.js';
import { computeStatistics } from './statistics.js';
import { summarise } from './summary.js';

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
}

export interface Decisions {
  readonly referrals: Referral[];
  readonly safeguarding: SafeguardingEntry[];
  readonly review: string[];
  readonly summary: Summary;
  readonly statistics: Statistics;
}

export function decide(input: DecideInput): Decisions {
  const kinds = new RuleKinds(input.rules);
  const byApplication = new FindingsByApplication(input.findings, kinds);
  const failing = byApplication.failingIds(input.dataset);
  const deadline = deadlineSettings(input.ruleOptions);
  const referralInput = { dataset: input.dataset, byApplication, kinds, asOf: input.asOf, deadline };
  const routes = applicationRoutes(referralInput);
  const suggestions = suggestTypes(input.dataset, byApplication, kinds, routes);
  const referrals = decideReferrals(referralInput, routes).map(
    (r): Referral => (r.kind === 'application' ? { ...r, suggested: suggestions.byApplication.get(r.id) ?? 'none' } : r),
  );
  const safeguarding = decideSafeguarding(input.dataset, byApplication);
  const review = decideReview(input.findings, referrals, safeguarding);
  const summary = summarise({
    dataset: input.dataset,
    findings: input.findings,
    rules: input.rules,
    referrals,
    safeguarding,
    review,
    rejectedRows: input.rejectedRows,
    failing,
    suggested: suggestions.counts,
  });
  const statistics = computeStatistics(input.dataset, input.findings, deadline, failing);
  return { referrals, safeguarding, review, summary, statistics };
}

export { referByDay, statusOf } from './referrals.js';
export { SAFEGUARDING_ACTION, SAFEGUARDING_RULES } from './safeguarding.js';
