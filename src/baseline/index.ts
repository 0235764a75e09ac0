/**
 * Baselines: an earlier report's findings, matched to this run's by fingerprint (rule id,
 * business keys and key evidence, never a row position), so a re-sorted or re-exported file
 * matches and only new findings gate a pipeline. Also the `diff` of two reports.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:buffer';
import path from 'node:path';
import type { z } from 'zod';
import { withMembers } from '../engine/compact-finding.js';
import { compareFindings } from '../engine/run.js';
import type { Finding } from '../engine/types.js';
import { InputError } from '../errors.js';
import { reportJsonChunks } from '../report/json.js';
import type { Report } from '../report/model.js';
import { fileProblemText, readRegularFile } from '../shared/regular-file.js';
import { zodIssueLines } from '../shared/zod-issues.js';
import { TOOL_NAME } from '../version.js';
import { type BaselineFindings, plainFinding, ReadableReport, SEVERITY_RANK } from './schemas.js';

export type { BaselineFindings } from './schemas.js';

// The first issue only: a report of another shape would otherwise give one line per finding.
function issueText(error: z.ZodError): string {
  return zodIssueLines(error)[0] ?? 'not a report';
}

/**
 * Checks that a value is a dvds-audit report of schemaVersion 1 or 2 (as far as findings go) and
 * returns it; `label` names the file in the error.
 */
export function checkReport(value: unknown, label: string): Report {
  const parsed = ReadableReport.safeParse(value);
  if (!parsed.success) {
    throw new InputError(`${label} is not a ${TOOL_NAME} report of schemaVersion 1 or 2 (${issueText(parsed.error)})`);
  }
  return value as Report;
}

/** Reads and checks a report file (`--baseline`, `diff`); `file` is as the user typed it. */
export async function readReportFile(file: string, cwd: string): Promise<Report> {
  const read = await readRegularFile(path.resolve(cwd, file));
  if (!Buffer.isBuffer(read)) {
    if (read.kind === 'missing') throw new InputError(`report not found: ${file}`);
    if (read.kind === 'unreadable') throw new InputError(`cannot read report ${file} (${read.code})`);
    throw new InputError(`report ${file} ${fileProblemText(read)}`);
  }
  const bytes = read;
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let json: unknown;
  try {
    // A national export's report (1M applications: ~740 MB) is longer than one JavaScript string
    // can be: such a file is parsed member by member and element by element.
    json = bytes.length - bom <= STRING_BYTES ? JSON.parse(bytes.toString('utf8', bom)) : parseJsonInPieces(bytes, bom);
  } catch (error) {
    if (error instanceof InputError) throw new InputError(`${file} ${error.message}`);
    throw new InputError(`${file} is not a ${TOOL_NAME} report: not valid JSON (${(error as Error).message})`);
  }
  return checkReport(json, file);
}

/** Bytes of UTF-8 that always decode to a string V8 can hold (its longest is constants.MAX_STRING_LENGTH characters). */
const STRING_BYTES = Math.min(constants.MAX_STRING_LENGTH, 256 * 1024 * 1024);

/**
 * JSON.parse of a document too long for one string: the top-level object's members, and the
 * elements of its top-level arrays, are found by a scan of the bytes (strings and nesting
 * followed) and each parsed from its own slice. Any one member or element must fit in a string.
 * `sliceLimit` and `splitAbove` (bytes) are parameters for the tests.
 */
export function parseJsonInPieces(bytes: Buffer, start = 0, sliceLimit = STRING_BYTES, splitAbove = sliceLimit / 4): unknown {
  const end = bytes.length;
  const skipSpace = (i: number): number => {
    while (i < end) {
      const c = bytes[i]!;
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      i++;
    }
    return i;
  };
  const fail = (what: string, at: number): never => {
    throw new SyntaxError(`${what} at byte ${at}`);
  };
  /** The end (exclusive) of the value starting at i: a string, or a bracketed value with its strings skipped, or a literal. */
  const valueEnd = (i: number): number => {
    const c = bytes[i];
    if (c === 0x22) return stringEnd(i);
    if (c === 0x7b || c === 0x5b) {
      let depth = 0;
      for (let j = i; j < end; j++) {
        const b = bytes[j]!;
        if (b === 0x22) j = stringEnd(j) - 1;
        else if (b === 0x7b || b === 0x5b) depth++;
        else if (b === 0x7d || b === 0x5d) {
          depth--;
          if (depth === 0) return j + 1;
        }
      }
      return fail('unterminated object or array', i);
    }
    let j = i;
    while (j < end) {
      const b = bytes[j]!;
      if (b === 0x2c || b === 0x7d || b === 0x5d || b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) break;
      j++;
    }
    return j === i ? fail('expected a value', i) : j;
  };
  const stringEnd = (i: number): number => {
    for (let j = i + 1; j < end; j++) {
      const b = bytes[j]!;
      if (b === 0x5c) j++;
      else if (b === 0x22) return j + 1;
    }
    return fail('unterminated string', i);
  };
  const parseSlice = (from: number, to: number): unknown => {
    if (to - from > sliceLimit) {
      throw new InputError(`is too large to read: one value of ${Math.round((to - from) / 2 ** 20)} MB is longer than a string can be`);
    }
    return JSON.parse(bytes.toString('utf8', from, to));
  };
  const parseArray = (from: number, to: number): unknown[] => {
    const out: unknown[] = [];
    let i = skipSpace(from + 1);
    if (bytes[i] === 0x5d) return i + 1 === to ? out : fail('unexpected text after an array', i);
    for (;;) {
      const e = valueEnd(i);
      out.push(parseSlice(i, e));
      i = skipSpace(e);
      if (bytes[i] === 0x2c) i = skipSpace(i + 1);
      else if (bytes[i] === 0x5d && i + 1 === to) return out;
      else return fail('expected , or ]', i);
    }
  };

  let i = skipSpace(start);
  if (bytes[i] !== 0x7b) return parseSlice(i, end);
  const out: Record<string, unknown> = {};
  i = skipSpace(i + 1);
  if (bytes[i] !== 0x7d) {
    for (;;) {
      if (bytes[i] !== 0x22) fail('expected a member name', i);
      const keyEnd = stringEnd(i);
      const key = parseSlice(i, keyEnd) as string;
      i = skipSpace(keyEnd);
      if (bytes[i] !== 0x3a) fail('expected :', i);
      i = skipSpace(i + 1);
      const e = valueEnd(i);
      const value = bytes[i] === 0x5b && e - i > splitAbove ? parseArray(i, e) : parseSlice(i, e);
      // As JSON.parse does: a member named __proto__ is an own member, and a repeated name keeps its last value.
      Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
      i = skipSpace(e);
      if (bytes[i] === 0x2c) i = skipSpace(i + 1);
      else if (bytes[i] === 0x7d) break;
      else fail('expected , or }', i);
    }
  }
  if (skipSpace(i + 1) !== end) fail('unexpected text after the report', i + 1);
  return out;
}

/** sha256 of a report's canonical JSON: the same as the file's when the file is an unedited report.json. */
export function reportSha256(report: Report): string {
  // Chunk by chunk: a national export's report is longer than one string.
  const hash = createHash('sha256');
  for (const piece of reportJsonChunks(report)) hash.update(piece, 'utf8');
  return hash.digest('hex');
}

export interface BaselineResult {
  /** This run's findings, each marked new or unchanged. */
  readonly findings: Finding[];
  /** Findings of the baseline that no longer appear, in report order. */
  readonly resolved: Finding[];
  readonly counts: { readonly new: number; readonly unchanged: number; readonly resolved: number };
}

/** A report already parsed (and checked, by `checkReport` or as this run's own) as a baseline. */
export function baselineOfReport(checked: Report): BaselineFindings {
  const old = new Map<string, Finding>();
  for (const f of checked.findings) old.set(f.fingerprint, f);
  let sha256: string | undefined;
  return {
    asOf: checked.asOf,
    get sha256() {
      return (sha256 ??= reportSha256(checked));
    },
    lookup: (fingerprint) => {
      const f = old.get(fingerprint);
      return f === undefined ? undefined : { severity: f.severity, firstSeen: f.firstSeen };
    },
    resolved: (current) => checked.findings.filter((f) => !current.has(f.fingerprint)).map((f) => plainFinding(f, checked.asOf)),
  };
}

export function isBaselineFindings(baseline: BaselineFindings | Report): baseline is BaselineFindings {
  return typeof (baseline as Partial<BaselineFindings>).lookup === 'function';
}

/**
 * Marks this run's findings against a baseline: a finding of the same fingerprint is unchanged and
 * keeps the baseline's firstSeen (its asOf for a v1 report); one whose severity rose since counts
 * as new (for --fail-on) but was still first seen then.
 */
export function applyBaseline(findings: readonly Finding[], baseline: BaselineFindings | Report): BaselineResult {
  const base = isBaselineFindings(baseline) ? baseline : baselineOfReport(baseline);
  const current = new Set(findings.map((f) => f.fingerprint));
  let fresh = 0;
  const marked = findings.map((f): Finding => {
    const before = base.lookup(f.fingerprint);
    if (before === undefined) {
      fresh += 1;
      return withMembers(f, { status: 'new' });
    }
    const rose = SEVERITY_RANK.get(f.severity)! < SEVERITY_RANK.get(before.severity)!;
    if (rose) fresh += 1;
    return withMembers(f, { firstSeen: before.firstSeen ?? base.asOf, status: rose ? 'new' : 'unchanged' });
  });
  const resolved = base.resolved(current).sort(compareFindings);
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
  for (const f of newReport.findings) (oldSet.has(f.fingerprint) ? unchanged : newOnes).push(plainFinding(f, newReport.asOf));
  const resolved = oldReport.findings.filter((f) => !newSet.has(f.fingerprint)).map((f) => plainFinding(f, oldReport.asOf));
  return { new: newOnes.sort(compareFindings), resolved: resolved.sort(compareFindings), unchanged: unchanged.sort(compareFindings) };
}
