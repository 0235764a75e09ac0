/**
 * `--baseline FILE` read lean: one pass over the file keeps, per finding, only its fingerprint,
 * severity and first-seen date (each finding checked against its version's schema as it passes);
 * a second pass, once this run's fingerprints are known, parses just the findings that are
 * resolved. The old report is never held: at 1M applications it is ~750 MB of JSON and ~1 GB
 * parsed.
 */
import path from 'node:path';
import { z } from 'zod';
import type { Finding, Severity } from '../engine/types.js';
import { InputError } from '../errors.js';
import { checkRegularFile, fileProblemText } from '../shared/regular-file.js';
import { zodIssueLines } from '../shared/zod-issues.js';
import { TOOL_NAME } from '../version.js';
import { type BaselineFindings, plainFinding, ReadableReport, SEVERITY_RANK, V1Finding, V2Finding } from './schemas.js';
import { ReportSyntaxError, scanReport } from './report-scanner.js';
import { readReportFile } from './index.js';

const SEVERITY_OF: readonly Severity[] = [...SEVERITY_RANK.keys()] as Severity[];

const HEADER_MEMBERS: ReadonlySet<string> = new Set(['schemaVersion', 'tool', 'asOf']);

function notReport(file: string, why: string): InputError {
  return new InputError(`${file} is not a ${TOOL_NAME} report of schemaVersion 1 or 2 (${why})`);
}

function notJson(file: string, error: unknown): InputError {
  return new InputError(`${file} is not a ${TOOL_NAME} report: not valid JSON (${(error as Error).message})`);
}

const firstIssue = (error: z.ZodError, at: string): string => zodIssueLines(error, { at })[0] ?? 'not a finding';

/** The first finding each version's schema refuses, as its message. */
interface Refusals {
  v1: string | null;
  v2: string | null;
}

/**
 * Reads a baseline report file (`file` as the user typed it). Files that are not a JSON object at
 * the top are read whole, as `diff` reads reports, for its words on what they are instead.
 */
export async function readBaselineFile(file: string, cwd: string): Promise<BaselineFindings> {
  const absolute = path.resolve(cwd, file);
  const problem = await checkRegularFile(absolute);
  if (problem !== null) {
    if (problem.kind === 'missing') throw new InputError(`report not found: ${file}`);
    if (problem.kind === 'unreadable') throw new InputError(`cannot read report ${file} (${problem.code})`);
    throw new InputError(`report ${file} ${fileProblemText(problem)}`);
  }

  // Fingerprints in file order (for the second pass), and per fingerprint its severity rank and
  // first-seen date, packed into one number: day index * 8 + rank.
  const fingerprints: string[] = [];
  const seen = new Map<string, number>();
  const days: string[] = [];
  const dayIndex = new Map<string, number>();
  const refusals: Refusals = { v1: null, v2: null };
  const noted = (firstSeen: string | undefined): number => {
    const key = firstSeen ?? '';
    let index = dayIndex.get(key);
    if (index === undefined) {
      index = days.length;
      days.push(key);
      dayIndex.set(key, index);
    }
    return index;
  };

  let scanned;
  try {
    scanned = scanReport(absolute, {
      members: HEADER_MEMBERS,
      wants: () => true,
      finding(text, index) {
        const value: unknown = JSON.parse(text);
        const at = `findings[${index}]`;
        // Either version's finding: which one counts is known only from schemaVersion, which a
        // hand-edited file may give after the findings.
        const v2 = V2Finding.safeParse(value);
        let kept: { fingerprint: string; severity: Severity; firstSeen?: string };
        if (v2.success) kept = v2.data;
        else {
          refusals.v2 ??= firstIssue(v2.error, at);
          const v1 = V1Finding.safeParse(value);
          if (!v1.success) {
            refusals.v1 ??= firstIssue(v1.error, at);
            fingerprints.push('');
            return;
          }
          kept = v1.data;
        }
        fingerprints.push(kept.fingerprint);
        seen.set(kept.fingerprint, noted(kept.firstSeen) * 8 + SEVERITY_RANK.get(kept.severity)!);
      },
    });
  } catch (error) {
    if (error instanceof SyntaxError || error instanceof ReportSyntaxError) throw notJson(file, error);
    throw new InputError(`cannot read report ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  if (!scanned.isObject) {
    // Not a report at all: read as diff reads one, for the same words on what it is.
    await readReportFile(file, cwd);
    throw notReport(file, 'not an object');
  }

  const header = ReadableReport.safeParse({ ...Object.fromEntries(scanned.members), findings: [] });
  if (!header.success) throw notReport(file, zodIssueLines(header.error)[0] ?? 'not a report');
  if (!scanned.hasFindings) throw notReport(file, 'findings: expected an array');
  const { schemaVersion, asOf } = header.data;
  const refused = schemaVersion === 1 ? refusals.v1 : refusals.v2;
  if (refused !== null) throw notReport(file, refused);
  const sha256 = scanned.sha256;

  return {
    asOf,
    sha256,
    lookup(fingerprint) {
      const code = seen.get(fingerprint);
      if (code === undefined) return undefined;
      const firstSeen = days[Math.floor(code / 8)]!;
      return { severity: SEVERITY_OF[code % 8]!, firstSeen: firstSeen === '' ? undefined : firstSeen };
    },
    resolved(current) {
      const gone = fingerprints.map((fp) => !current.has(fp));
      if (!gone.includes(true)) return [];
      const changed = new InputError(`${file} changed while it was read (its sha256 differs between two reads); run the audit again`);
      const out: Finding[] = [];
      let again;
      try {
        again = scanReport(absolute, {
          members: new Set(),
          wants: (index) => gone[index] === true,
          finding(text) {
            out.push(plainFinding(JSON.parse(text) as Finding, asOf));
          },
        });
      } catch {
        // The first read checked every finding: anything refused now is a file that changed.
        throw changed;
      }
      if (again.sha256 !== sha256) throw changed;
      return out;
    },
  };
}
