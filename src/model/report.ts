/**
 * The report's JSON model (schemaVersion 2, BRIEF section 7), defined once: the TypeScript types
 * are inferred from these zod schemas, the JSON writer takes its key order from their object
 * shapes (declaration order is the contract), `schema/report.schema.json` is generated from them
 * and every report the tests write is parsed with them. Every object is strict, so a field added
 * to a report without a place here fails validation; evidence alone is a free record, since each
 * rule decides its own evidence keys.
 *
 * It lives in model/ rather than report/ because the stages produce its parts (load the inputs
 * and rejected rows, the engine the rule statuses and findings, decide the rest), and no stage
 * imports from a later one.
 */
import { z } from 'zod';
import { TOOL_NAME } from '../version.js';
import { STAFF_ROLES, TABLES } from './records.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CATEGORIES = ['safeguarding', 'timeliness', 'conduct', 'data-quality', 'records'] as const;
export type Category = (typeof CATEGORIES)[number];

/** The source review's classes of failure (BRIEF section 5, v2), for an application's suggested type. */
export const FAILURE_TYPES = ['harm', 'service', 'administrative', 'none'] as const;
export type FailureType = (typeof FAILURE_TYPES)[number];

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

/** (v2) What a reviewer concludes of an application in the worklist (BRIEF section 6b). */
export const CONCLUSIONS = ['no_failure', 'harm', 'service', 'administrative'] as const;
export type Conclusion = (typeof CONCLUSIONS)[number];

/** Tables a rejected row can come from: the export's, and (v2) the review worklist read with `--review`. */
export const REJECTED_ROW_TABLES = [...TABLES, 'worklist'] as const;

/**
 * The types are read-only all the way down: a report, once made, is only rendered. (zod's own
 * `.readonly()` would also freeze on parse and mark every member `readOnly` in the JSON Schema.)
 */
export type DeepReadonly<T> = T extends readonly (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

const count = z.number().int().min(0);
const date = z.iso.date();
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 in lowercase hex');

/** Evidence an analyst can check by hand: flat, so every format can show it. */
export const EvidenceValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);
export type EvidenceValue = DeepReadonly<z.output<typeof EvidenceValueSchema>>;
/** Keys are each rule's own (written alphabetically), so they are not listed here. */
export const EvidenceSchema = z.record(z.string(), EvidenceValueSchema).meta({ id: 'Evidence' });
export type Evidence = DeepReadonly<z.output<typeof EvidenceSchema>>;

export const InputSummarySchema = z.strictObject({
  table: z.enum(TABLES),
  file: z.string().describe("path relative to the audited folder or the config file's folder; never absolute"),
  sha256,
  rowsRead: count,
  rowsAccepted: count,
  rowsRejected: count,
  blankRows: count.describe('(v2) rows whose every cell is empty (Excel leaves them): not records, so in none of the counts above'),
}).meta({ id: 'InputSummary' });
export type InputSummary = DeepReadonly<z.output<typeof InputSummarySchema>>;

export const RejectedRowSchema = z.strictObject({
  table: z.enum(REJECTED_ROW_TABLES),
  file: z.string(),
  line: z.number().int().min(1).describe('physical line on which the record starts (header = line 1)'),
  column: z.string().optional().describe("the export's header of the offending column, when one column is at fault"),
  reason: z.string(),
}).meta({ id: 'RejectedRow' });
export type RejectedRow = DeepReadonly<z.output<typeof RejectedRowSchema>>;

export const RuleStatusSchema = z.strictObject({
  id: z.string().min(1),
  title: z.string(),
  category: z.enum(CATEGORIES),
  severity: z.enum(SEVERITIES),
  enabled: z.boolean(),
  failureType: z.enum(FAILURE_TYPES),
  serviceFailure: z.boolean(),
  decisionBasis: z.boolean(),
  skippedReason: z.string().optional().describe('set when the rule was enabled but could not run (e.g. its input table is absent)'),
}).meta({ id: 'RuleStatus' });
export type RuleStatus = DeepReadonly<z.output<typeof RuleStatusSchema>>;

/**
 * (v2) The list a finding lands on (BRIEF section 6), so a spreadsheet of findings filters by what
 * is to be done: behind an IOPC referral entry (assess entries included), a reason for a
 * safeguarding entry, a data-quality finding, or else the review list.
 */
export const FINDING_LISTS = ['referral', 'safeguarding', 'data-quality', 'review'] as const;
export type FindingList = (typeof FINDING_LISTS)[number];

/** A finding as the report holds it (BRIEF section 7). */
export const FindingSchema = z.strictObject({
  fingerprint: z.string().min(1).describe('hash of rule id, business keys and key evidence; never of a row position'),
  ruleId: z.string().min(1),
  severity: z.enum(SEVERITIES),
  category: z.enum(CATEGORIES),
  applicationId: z.string().optional(),
  staffId: z.string().optional(),
  status: z.enum(['new', 'unchanged']).optional().describe('set when the audit ran against a baseline'),
  firstSeen: date.describe(
    "(v2) when the tool first reported it: the baseline's firstSeen for the same fingerprint (its asOf when that report has none), else this run's as-of date",
  ),
  dismissed: z.literal(true).optional().describe("(v2) the application's review concluded no_failure"),
  list: z.enum(FINDING_LISTS).optional().describe('(v2) the list it lands on: referral, safeguarding, data-quality or review; set on every finding of a run'),
  handlerId: z.string().optional().describe("(v2) the handler_id of the finding's application, when it has one"),
  receivedAt: z.string().optional().describe("(v2) the received_at of the finding's application (ISO 8601, London offset when it has a time)"),
  message: z.string(),
  evidence: EvidenceSchema,
}).meta({ id: 'Finding' });
export type Finding = DeepReadonly<z.output<typeof FindingSchema>>;

/**
 * Events of a referral's chronology, in the order they sort within one day: the application's own
 * course first (receipt to closure), then what happened around it.
 */
export const CHRONOLOGY_EVENTS = [
  'received',
  'initial-checks',
  'check',
  'face-to-face',
  'limit-ends',
  'decision',
  'disclosure',
  'closed',
  'incident',
  'conduct-referral',
] as const;
export type ChronologyEvent = (typeof CHRONOLOGY_EVENTS)[number];

export const ChronologyEntrySchema = z.strictObject({
  date: z.string().describe('ISO 8601: a date, or a date-time with its London offset when the export gave a time'),
  event: z.enum(CHRONOLOGY_EVENTS),
  ref: z
    .string()
    .optional()
    .describe('the id or value it concerns: check id and system, decision, disclosure method, incident id and harm, conduct referral id and body, application id'),
}).meta({ id: 'ChronologyEntry' });
export type ChronologyEntry = DeepReadonly<z.output<typeof ChronologyEntrySchema>>;

export const ReferralSchema = z.strictObject({
  kind: z.enum(['application', 'staff']),
  id: z.string().min(1).describe('the application id or the staff id'),
  basis: z.enum(REFERRAL_BASES),
  routes: z.array(z.enum(REFERRAL_ROUTES)).min(1).describe("every route that applied, in the route table's order"),
  status: z.enum(REFERRAL_STATUSES),
  referBy: date.describe('next England and Wales working day after the matter first became clear'),
  referredAt: z.string().optional().describe('from the worklist, when the referral was made'),
  iopcReference: z.string().optional(),
  suggested: z.enum(FAILURE_TYPES).optional().describe("the application's suggested failure type (application entries)"),
  grounds: z.array(z.string()).describe('rule ids of the findings behind the routes, sorted'),
  applicationIds: z.array(z.string()),
  staffId: z.string().optional(),
  staff: z
    .strictObject({ id: z.string(), displayName: z.string().optional(), role: z.enum(STAFF_ROLES).optional() })
    .optional()
    .describe("the handler (application entries) or the staff member, with the staff register's display name and role when it has them"),
  reasons: z.array(z.string()).describe('why, in one paragraph per route, citing its provision'),
  findings: z.array(z.string()).describe('fingerprints of the findings behind it'),
  evidence: EvidenceSchema,
  chronology: z
    .array(ChronologyEntrySchema)
    .describe("the application's dates, its checks, the subject's incidents against the person at risk from receipt, and the handler's conduct referrals; by day, then event, then time, then ref"),
}).meta({ id: 'Referral' });
export type Referral = DeepReadonly<z.output<typeof ReferralSchema>>;

export const SafeguardingEntrySchema = z.strictObject({
  priority: z.number().int().min(1).describe('1-based rank in the order of BRIEF section 6'),
  applicationId: z.string(),
  personAtRiskId: z.string(),
  reasons: z.array(z.string()).describe('rule ids that put the case here, sorted'),
  harmRecorded: z.boolean(),
  immediateRisk: z.boolean(),
  receivedAt: z.string(),
  handlerId: z.string().optional().describe("(v2) the application's handler_id, when it has one"),
  action: z.string(),
}).meta({ id: 'SafeguardingEntry' });
export type SafeguardingEntry = DeepReadonly<z.output<typeof SafeguardingEntrySchema>>;

export const SummarySchema = z.strictObject({
  applications: count,
  findings: count,
  bySeverity: z.record(z.enum(SEVERITIES), count),
  byRule: z.record(z.string(), count).describe('rule id -> number of findings, for every enabled rule (0 included)'),
  serviceFailures: count,
  referrals: z.strictObject({
    applications: count,
    staff: count,
    mandatory: count,
    voluntary: count,
    assess: count,
    due: count,
    overdue: count,
    referred: count,
  }),
  suggested: z.record(z.enum(FAILURE_TYPES), count).describe('accepted applications per suggested failure type'),
  safeguarding: count,
  review: count,
  dataQuality: z.strictObject({ rejectedRows: count, findings: count }),
  dismissed: count.describe("(v2) findings of applications the review worklist concluded no_failure"),
  baseline: z.strictObject({ new: count, unchanged: count, resolved: count }).optional().describe('present with --baseline'),
}).meta({ id: 'Summary' });
export type Summary = DeepReadonly<z.output<typeof SummarySchema>>;

/** A handler's funnel limits, or the curve's at one n: in this order in the JSON. */
const funnelLimits = { lower998: z.number(), lower95: z.number(), upper95: z.number(), upper998: z.number() };

/** Figures behind the HTML charts, computed once by decide so no formatter derives them. */
export const StatisticsSchema = z.strictObject({
  outcomeDaysByYear: z
    .array(
      z.strictObject({
        year: z.number().int(),
        limitDays: z.array(z.number().int()),
        cases: count,
        overLimit: count,
        medianDays: z.number(),
        p90Days: z.number(),
        maxDays: z.number(),
      }),
    )
    .describe('days from receipt to outcome, per year received, against the limit in force'),
  failuresByMonth: z
    .array(z.strictObject({ month: z.string().regex(/^\d{4}-\d{2}$/), applications: count, failures: count }))
    .describe('applications with a service failure, by month received'),
  handlerFunnel: z
    .strictObject({
      p0: z.number(),
      handlers: z.array(z.strictObject({ staffId: z.string(), cases: count, failures: count, rate: z.number(), ...funnelLimits })),
      curve: z.array(z.strictObject({ n: count, ...funnelLimits })).describe('limit curves over n, for drawing'),
    })
    .describe("handler failure rates against p0, with funnel limits at each handler's n"),
  reviewProgress: z
    .array(z.strictObject({ suggested: z.enum(FAILURE_TYPES), applications: count, concluded: count, awaiting: count }))
    .describe('(v2) accepted applications per suggested type: with a conclusion in the worklist, and awaiting one'),
}).meta({ id: 'Statistics' });

/** (v2) The review's statement (BRIEF section 6b): what the team has concluded and what is left. */
export const WorklistSectionSchema = z.strictObject({
  screened: count.describe('accepted applications of this export'),
  reviewed: count.describe('accepted worklist rows of applications of this export with a conclusion'),
  concluded: z.strictObject({ no_failure: count, harm: count, service: count, administrative: count }),
  referrals: z
    .strictObject({ made: count, due: count, overdue: count })
    .describe('referral entries of basis mandatory and voluntary, by status (made: referred)'),
  awaiting: count.describe('applications suggested as a failure (harm, service, administrative) with no conclusion'),
  disagreements: count.describe('conclusions other than the suggestion (no_failure agrees with none), or no_failure on an application with a mandatory or voluntary referral'),
  missingFromExport: count.describe('rows of the input worklist whose id is no longer in the export'),
  assess: z.strictObject({ assessed: count, due: count, overdue: count }).describe('entries of basis assess, by status'),
  rows: z
    .strictObject({ file: z.string(), sha256, read: count, accepted: count, rejected: count })
    .optional()
    .describe('the input worklist, with --review: its row accounting'),
}).meta({ id: 'WorklistSection' });
export type WorklistSection = DeepReadonly<z.output<typeof WorklistSectionSchema>>;
export type Statistics = DeepReadonly<z.output<typeof StatisticsSchema>>;

export const ReportSchema = z.strictObject({
  schemaVersion: z.literal(2),
  tool: z.strictObject({ name: z.literal(TOOL_NAME), version: z.string() }),
  asOf: date,
  config: z.strictObject({ sha256: sha256.nullable() }),
  inputs: z.array(InputSummarySchema),
  rules: z.array(RuleStatusSchema),
  findings: z.array(FindingSchema).describe('sorted by severity, rule id, application id, staff id, fingerprint'),
  referrals: z.array(ReferralSchema),
  safeguarding: z.array(SafeguardingEntrySchema),
  review: z.array(z.string()).describe('fingerprints of findings that are neither referred nor safeguarding, by severity'),
  rejectedRows: z.array(RejectedRowSchema),
  summary: SummarySchema,
  statistics: StatisticsSchema,
  worklist: WorklistSectionSchema,
  baseline: z
    .strictObject({ sha256, resolved: z.array(FindingSchema) })
    .optional()
    .describe('present with --baseline: findings of the old report that no longer appear'),
});
export type Report = DeepReadonly<z.output<typeof ReportSchema>>;
