/**
 * Baselines: an earlier report's findings, matched to this run's by fingerprint (rule id,
 * business keys and key evidence, never a row position), so a re-sorted or re-exported file
 * matches and only new findings gate a pipeline. Also the `diff` of two reports.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { compareFindings } from '../engine/run.js';
import { CATEGORIES, type Finding, SEVERITIES } from '../engine/types.js';
import { InputError } from '../errors.js';
import { reportJson } from '../report/json.js';
import type { Report } from '../report/model.js';
import { TOOL_NAME } from '../version.js';

const EvidenceValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);

const FindingSchema = z.object({
  fingerprint: z.string().min(1),
  ruleId: z.string().min(1),
  severity: z.enum(SEVERITIES),
  category: z.enum(CATEGORIES),
  applicationId: z.string().optional(),
  staffId: z.string().optional(),
  message: z.string(),
  evidence: z.record(z.string(), EvidenceValue),
  status: z.enum(['new', 'unchanged']).optional(),
});

const ReportSchema = z.looseObject({
  schemaVersion: z.literal(1),
  tool: z.looseObject({ name: z.literal(TOOL_NAME), version: z.string() }),
  asOf: z.string(),
  findings: z.array(FindingSchema),
});

function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'not a report';
  const where = issue.path.length === 0 ? '(top level)' : issue.path.map(String).join('.');
  return `${where}: ${issue.message.replace(/^Invalid input: /, '')}`;
}

/**
 * Checks that a value is a dvds-audit report of schemaVersion 1 (as far as findings go) and returns
 * it; `label` names the file in the error.
 */
export function checkReport(value: unknown, label: string): Report {
  const parsed = ReportSchema.safeParse(value);
  if (!parsed.success) {
    throw new InputError(`${label} is not a ${TOOL_NAME} report of schemaVersion 1 (${issueText(parsed.error)})`);
  }
  return value as Report;
}

/** Reads and checks a report file (`--baseline`, `diff`); `file` is as the user typed it. */
export async function readReportFile(file: string, cwd: string): Promise<Report> {
  let text: string;
  try {
    text = await readFile(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `report not found: ${file}` : `cannot read report ${file} (${code ?? 'error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InputError(`${file} is not a ${TOOL_NAME} report: not valid JSON (${(error as Error).message})`);
  }
  return checkReport(json, file);
}

/** sha256 of a report's canonical JSON: the same as the file's when the file is an unedited report.json. */
export function reportSha256(report: Report): string {
  return createHash('sha256').update(reportJson(report), 'utf8').digest('hex');
}

/** A finding as a baseline holds it: the report fields only, without a status. */
function plain(f: Finding): Finding {
  const { status: _status, ...rest } = FindingSchema.parse(f);
  return rest;
}

export interface BaselineResult {
  /** This run's findings, each marked new or unchanged. */
  readonly findings: Finding[];
  /** Findings of the baseline that no longer appear, in report order. */
  readonly resolved: Finding[];
  readonly counts: { readonly new: number; readonly unchanged: number; readonly resolved: number };
}

export function applyBaseline(findings: readonly Finding[], baseline: Report): BaselineResult {
  const old = new Set(baseline.findings.map((f) => f.fingerprint));
  const current = new Set(findings.map((f) => f.fingerprint));
  let fresh = 0;
  const marked = findings.map((f): Finding => {
    const status = old.has(f.fingerprint) ? 'unchanged' : 'new';
    if (status === 'new') fresh += 1;
    return { ...f, status };
  });
  const resolved = baseline.findings.filter((f) => !current.has(f.fingerprint)).map(plain).sort(compareFindings);
  return { findings: marked, resolved, counts: { new: fresh, unchanged: findings.length - fresh, resolved: resolved.length } };
}

export interface ReportDiff {
  readonly new: Finding[];
  readonly resolved: Finding[];
  readonly unchanged: Finding[];
}

/** New, resolved and unchanged findings from an old report to a new one, each in report order. */
export function diffReports(oldReport: Report, newReport: Report): ReportDiff {
  const oldSet = new Set(oldReport.findings.map((f) => f.fingerprint));
  const newSet = new Set(newReport.findings.map((f) => f.fingerprint));
  const newOnes: Finding[] = [];
  const unchanged: Finding[] = [];
  for (const f of newReport.findings) (oldSet.has(f.fingerprint) ? unchanged : newOnes).push(plain(f));
  const resolved = oldReport.findings.filter((f) => !newSet.has(f.fingerprint)).map(plain);
  return { new: newOnes.sort(compareFindings), resolved: resolved.sort(compareFindings), unchanged: unchanged.sort(compareFindings) };
}
