/**
 * What a baseline report must hold, per schema version, and the view of a baseline the audit
 * uses: a finding's severity and first-seen date by fingerprint, and the findings resolved.
 */
import { z } from 'zod';
import { CATEGORIES, type Finding, type Severity, SEVERITIES } from '../engine/types.js';
import { FindingSchema, ReportSchema } from '../model/report.js';
import { TOOL_NAME } from '../version.js';

// A baseline is read for its findings only, and tolerantly: members the schema does not know are
// passed over (a report's own) or stripped (a finding's), so a report of the same version from
// another build still serves as a baseline. The strict check of a written report is ReportSchema.

/** A v2 finding: the report schema's, stripping keys it does not know rather than refusing them. */
export const V2Finding = z.object(FindingSchema.shape);

const V2Report = z.looseObject({
  schemaVersion: ReportSchema.shape.schemaVersion,
  tool: z.looseObject(ReportSchema.shape.tool.shape),
  asOf: ReportSchema.shape.asOf,
  findings: z.array(V2Finding),
});

// Version 1 is an earlier contract, not the current schema: written out as it was, so that
// changes to version 2 cannot change what a v1 baseline must hold. Its findings have no firstSeen
// (nor dismissed).
export const V1Finding = z.object({
  fingerprint: z.string().min(1),
  ruleId: z.string().min(1),
  severity: z.enum(SEVERITIES),
  category: z.enum(CATEGORIES),
  applicationId: z.string().optional(),
  staffId: z.string().optional(),
  message: z.string(),
  evidence: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())])),
  status: z.enum(['new', 'unchanged']).optional(),
});

const V1Report = z.looseObject({
  schemaVersion: z.literal(1),
  tool: z.looseObject({ name: z.literal(TOOL_NAME), version: z.string() }),
  asOf: z.iso.date(),
  findings: z.array(V1Finding),
});

/** A report of either version, as far as a baseline goes (its findings and what says which version it is). */
export const ReadableReport = z.discriminatedUnion('schemaVersion', [V1Report, V2Report]);

/** A finding of a report of either version (checked), as `plainFinding` reads it. */
const AnyVersionFinding = z.union([V2Finding, V1Finding]);

/**
 * A finding as a report holds it: the report fields only, without a status; a v1 finding is given
 * its report's as-of date as firstSeen.
 */
export function plainFinding(f: Finding, asOf: string): Finding {
  const { status: _status, ...rest } = AnyVersionFinding.parse(f);
  return { firstSeen: asOf, ...rest };
}

export const SEVERITY_RANK: ReadonlyMap<Severity, number> = new Map(SEVERITIES.map((s, i) => [s, i]));

/** An earlier report as the audit's `--baseline` uses it. */
export interface BaselineFindings {
  readonly asOf: string;
  /** sha256 of the report (of the file's bytes, when read from a file). */
  readonly sha256: string;
  /** The severity and first-seen date (none in a v1 report) of the finding with this fingerprint. */
  lookup(fingerprint: string): { readonly severity: Severity; readonly firstSeen: string | undefined } | undefined;
  /** Its findings whose fingerprints are not among `current`, as plain findings, in file order. */
  resolved(current: ReadonlySet<string>): Finding[];
}
