/**
 * The report's JSON model (schemaVersion 1, BRIEF section 7). It is the one source of truth:
 * every formatter renders from it and computes nothing it does not hold.
 */
import type { Category, Evidence, Finding, Severity } from '../engine/types.js';
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
  /** Set when the rule was enabled but could not run (e.g. its input table is absent). */
  readonly skippedReason?: string;
}

export type ReferralBasis = 'mandatory' | 'voluntary';

export interface Referral {
  readonly kind: 'application' | 'staff';
  /** The application id or the staff id. */
  readonly id: string;
  readonly basis: ReferralBasis;
  /** Rule ids that ground the referral, sorted. */
  readonly grounds: readonly string[];
  readonly applicationIds: readonly string[];
  readonly staffId?: string;
  /** Next England and Wales working day after the as-of date, YYYY-MM-DD. */
  readonly referBy: string;
  /** Why, in one sentence per ground. */
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
  readonly referrals: { readonly applications: number; readonly staff: number; readonly mandatory: number; readonly voluntary: number };
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
  readonly schemaVersion: 1;
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
