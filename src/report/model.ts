/**
 * The report's JSON model (schemaVersion 2, BRIEF section 7). It is the one source of truth:
 * every formatter renders from it and computes nothing it does not hold.
 */
import type { Category, Evidence, FailureType, Finding, Severity } from '../engine/types.js';
import type { TableName } from '../model/records.js';

export interface InputSummary {
  readonly table: TableName;
  /** Path relative to the audited folder or the config file's folder; never absolute. */
  readonly file: string;
  readonly sha256: string;
  readonly rowsRead: number;
  readonly rowsAccepted: number;
  readonly rowsRejected: number;
}

export interface RejectedRow {
  readonly table: TableName;
  readonly file: string;
  /** Physical line on which the record starts (header = line 1). */
  readonly line: number;
  /** The export's header of the offending column, when one column is at fault. */
  readonly column?: string;
  readonly reason: string;
}

export interface RuleStatus {
  readonly id: string;
  readonly title: string;
  readonly category: Category;
  readonly severity: Severity;
  readonly enabled: boolean;
  readonly failureType: FailureType;
  readonly serviceFailure: boolean;
  readonly decisionBasis: boolean;
  /** Set when the rule was enabled but could not run (e.g. its input table is absent). */
  readonly skippedReason?: string;
}

/** (v2) mandatory > voluntary > assess: the strongest basis of an entry's routes. */
export const REFERRAL_BASES = ['mandatory', 'voluntary', 'assess'] as const;
export type ReferralBasis = (typeof REFERRAL_BASES)[number];

/**
 * (v2) The legal route of a referral (BRIEF section 6), in the route table's order:
 * `dsi-and-conduct` a death or serious injury after a service failure (DSI matter, Sch.3 Part 2A,
 * and a conduct matter that must be referred, para 13(1)(a)); `dsi-assess` a death or serious
 * injury with no failure before it (record the DSI matter and assess); `conduct-gravity` other harm
 * after a failure (voluntary, para 13(2)); `conduct-prior-referral` a previously referred handler's
 * service failure (voluntary, para 13(2)).
 */
export const REFERRAL_ROUTES = ['dsi-and-conduct', 'dsi-assess', 'conduct-gravity', 'conduct-prior-referral'] as const;
export type ReferralRoute = (typeof REFERRAL_ROUTES)[number];

/** `referred` and `assessed` come from the review worklist; without one an entry is due or overdue. */
export const REFERRAL_STATUSES = ['due', 'overdue', 'referred', 'assessed'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** (v2) The source review's classes, suggested per application from its findings. */
export type SuggestedType = FailureType;

export interface Referral {
  readonly kind: 'application' | 'staff';
  /** The application id or the staff id. */
  readonly id: string;
  readonly basis: ReferralBasis;
  /** Every route that applied, in the route table's order. */
  readonly routes: readonly ReferralRoute[];
  /** Rule ids of the findings behind the routes, sorted. */
  readonly grounds: readonly string[];
  readonly applicationIds: readonly string[];
  readonly staffId?: string;
  /** Next England and Wales working day after the matter first became clear, YYYY-MM-DD. */
  readonly referBy: string;
  readonly status: ReferralStatus;
  /** From the worklist, when the referral was made. */
  readonly referredAt?: string;
  readonly iopcReference?: string;
  /** The application's suggested failure type (application entries). */
  readonly suggested?: SuggestedType;
  /** Why, in one paragraph per route, citing its provision. */
  readonly reasons: readonly string[];
  /** Fingerprints of the findings behind it. */
  readonly findings: readonly string[];
  readonly evidence: Evidence;
}

export interface SafeguardingEntry {
  readonly applicationId: string;
  readonly personAtRiskId: string;
  /** 1-based rank in the order of BRIEF section 6. */
  readonly priority: number;
  /** Rule ids that put the case here, sorted. */
  readonly reasons: readonly string[];
  readonly harmRecorded: boolean;
  readonly immediateRisk: boolean;
  readonly receivedAt: string;
  readonly action: string;
}

export interface Summary {
  readonly applications: number;
  readonly findings: number;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  /** Rule id -> number of findings, for every enabled rule (0 included). */
  readonly byRule: Readonly<Record<string, number>>;
  readonly serviceFailures: number;
  readonly referrals: {
    readonly applications: number;
    readonly staff: number;
    readonly mandatory: number;
    readonly voluntary: number;
    readonly assess: number;
    readonly due: number;
    readonly overdue: number;
    readonly referred: number;
  };
  /** Accepted applications per suggested failure type. */
  readonly suggested: Readonly<Record<SuggestedType, number>>;
  readonly safeguarding: number;
  readonly review: number;
  readonly dataQuality: { readonly rejectedRows: number; readonly findings: number };
  /** Present with --baseline. */
  readonly baseline?: { readonly new: number; readonly unchanged: number; readonly resolved: number };
}

/** Figures behind the HTML charts, computed once by decide so no formatter derives them. */
export interface Statistics {
  /** Days from receipt to outcome, per year received, against the limit in force. */
  readonly outcomeDaysByYear: readonly {
    readonly year: number;
    readonly limitDays: readonly number[];
    readonly cases: number;
    readonly overLimit: number;
    readonly medianDays: number;
    readonly p90Days: number;
    readonly maxDays: number;
  }[];
  /** Applications with a service failure, by month received (YYYY-MM). */
  readonly failuresByMonth: readonly { readonly month: string; readonly applications: number; readonly failures: number }[];
  /** Handler failure rates against p0, with funnel limits at each handler's n. */
  readonly handlerFunnel: {
    readonly p0: number;
    readonly handlers: readonly {
      readonly staffId: string;
      readonly cases: number;
      readonly failures: number;
      readonly rate: number;
      readonly upper95: number;
      readonly upper998: number;
      readonly lower95: number;
      readonly lower998: number;
    }[];
    /** Limit curves over n, for drawing. */
    readonly curve: readonly { readonly n: number; readonly lower998: number; readonly lower95: number; readonly upper95: number; readonly upper998: number }[];
  };
}

export interface Report {
  readonly schemaVersion: 2;
  readonly tool: { readonly name: string; readonly version: string };
  readonly asOf: string;
  readonly config: { readonly sha256: string | null };
  readonly inputs: readonly InputSummary[];
  readonly rules: readonly RuleStatus[];
  /** Sorted by severity, rule id, application id, staff id, fingerprint. */
  readonly findings: readonly Finding[];
  readonly referrals: readonly Referral[];
  readonly safeguarding: readonly SafeguardingEntry[];
  /** Fingerprints of findings that are neither referred nor safeguarding, by severity. */
  readonly review: readonly string[];
  readonly rejectedRows: readonly RejectedRow[];
  readonly summary: Summary;
  readonly statistics: Statistics;
  /** Present with --baseline: findings of the old report that no longer appear. */
  readonly baseline?: { readonly sha256: string; readonly resolved: readonly Finding[] };
}
