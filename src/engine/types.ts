/**
 * What a rule is, what it reports, and what a finding becomes. Built-in rules and plugins share
 * this shape; `defineRule` (./define-rule.ts) checks it and types the options and evidence.
 */
import type { z } from 'zod';
import type { Dataset } from '../model/dataset.js';
import type { TableName } from '../model/records.js';
import type { Category, EvidenceValue, FailureType, Severity } from '../model/report.js';

// The vocabulary and the finding are the report's (src/model/report.ts, where the JSON contract is
// defined once); rules and plugins keep importing them from here.
export {
  CATEGORIES,
  type Category,
  type Evidence,
  type EvidenceValue,
  FAILURE_TYPES,
  type FailureType,
  type Finding,
  SEVERITIES,
  type Severity,
} from '../model/report.js';

/**
 * Evidence as a rule reports it: a key its schema marks optional may be absent or undefined (an
 * undefined key is left out of the finding).
 */
export type ReportedEvidence = Readonly<Record<string, EvidenceValue | undefined>>;

/** A rule's part in the decisions (BRIEF sections 5 and 6, v2), with a plugin's defaults filled in. */
export interface RuleMeta {
  readonly failureType: FailureType;
  /** A finding of this rule, not at info, is a service failure. */
  readonly serviceFailure: boolean;
  /** A decision taken with such a finding was taken on what the police held or should have found. */
  readonly decisionBasis: boolean;
}

export interface FindingInput<E = ReportedEvidence> {
  /** The application concerned (most rules). */
  readonly applicationId?: string;
  /** The staff member concerned (staff-level rules such as handler-outlier). */
  readonly staffId?: string;
  /** Defaults to the rule's configured severity (`ctx.severity`). */
  readonly severity?: Severity;
  /** One sentence; never free text from the export. */
  readonly message: string;
  /** Checked against the rule's evidence schema when reported. */
  readonly evidence: E;
  /**
   * Business keys and key evidence beyond the application or staff id that identify this finding,
   * e.g. the incident id for harm-after-request. Part of the fingerprint; never a row position.
   */
  readonly key?: readonly (string | number)[];
}

/**
 * A finding reported compactly (issue 13): its ids, severity and keys now, its message and
 * evidence built by `describe` whenever a report is written (and dropped after). `describe` reads
 * only values that stay as they are for the rest of the run (the dataset, the options, constants
 * of the finding), so it gives the same description each time; the evidence is checked against
 * the rule's schema when it is built.
 */
export interface DescribedFindingInput<E = ReportedEvidence> {
  readonly applicationId?: string;
  readonly staffId?: string;
  readonly severity?: Severity;
  readonly key?: readonly (string | number)[];
  describe(): { readonly message: string; readonly evidence: E };
}

export interface RuleContext<E = ReportedEvidence> {
  readonly dataset: Dataset;
  /** The audit date, a London day number. */
  readonly asOf: number;
  /** The rule's configured severity (its default unless the config changes it). */
  readonly severity: Severity;
  /** A finding, with its message and evidence, or compactly with a `describe` that builds them. */
  report(finding: FindingInput<E> | DescribedFindingInput<E>): void;
  /**
   * Findings already reported by another rule in this run, with their resolved severity. Only
   * rules named in this rule's `after` are guaranteed to have run; a rule that is off gives none.
   */
  findingsOf(ruleId: string): readonly ReportedFinding[];
  /**
   * The service failures reported so far in this run: findings, not at info, of rules declaring
   * `serviceFailure`. Complete for a rule that declares `readsServiceFailures`.
   */
  serviceFailures(): readonly ReportedFinding[];
}

/** A finding as a rule reported it, with its severity resolved. */
export interface ReportedFinding extends FindingInput {
  readonly ruleId: string;
  readonly severity: Severity;
}

export interface RuleDefinition<Options = unknown, E = ReportedEvidence> {
  /** kebab-case, unique. */
  readonly id: string;
  readonly title: string;
  /** When the rule fires, with any severity it sets on purpose (default: the title). */
  readonly firesWhen?: string;
  readonly category: Category;
  /** Default severity. */
  readonly severity: Severity;
  /** Why the rule exists, naming its source (guidance, statute, IOPC learning). */
  readonly rationale: string;
  /** Tables besides `applications` that the rule needs; absent ones skip the rule with a reason. */
  readonly requires?: readonly TableName[];
  /**
   * (v2) Optional columns the rule reads, per table: when the table's file has no such column (no
   * header, no mapping), the rule is skipped with a reason naming it, never run as if every row
   * left it empty. Required columns are always there and need no listing.
   */
  readonly columns?: { readonly [T in TableName]?: readonly string[] };

  /** Rules whose findings this rule reads through `ctx.findingsOf`; the engine runs them first. */
  readonly after?: readonly string[];
  /** Default `none`. */
  readonly failureType?: FailureType;
  /** Default false. */
  readonly serviceFailure?: boolean;
  /** Default false. */
  readonly decisionBasis?: boolean;
  /**
   * The rule reads every service failure through `ctx.serviceFailures()`: the engine runs it after
   * every rule that declares `serviceFailure`, plugins included.
   */
  readonly readsServiceFailures?: boolean;
  /** zod object of the options, each described, with defaults: parsing `{}` gives the defaults. */
  readonly options: z.ZodType<Options>;
  /**
   * zod object of a finding's evidence, camelCase keys; each reported finding is checked against
   * it. A plugin may leave it out: its evidence is then any record of evidence values with
   * camelCase keys.
   */
  readonly evidence?: z.ZodType<E>;
  /** Pure: reads `ctx.dataset`, calls `ctx.report`. */
  check(ctx: RuleContext<E>, options: Options): void;
}

/** How the config sets one rule: off, a severity, or severity and options (checked by the rule's schema). */
export type RuleSetting = 'off' | Severity | { readonly severity?: Severity | undefined; readonly options?: Readonly<Record<string, unknown>> | undefined };
export type RulesConfig = Readonly<Record<string, RuleSetting>>;
