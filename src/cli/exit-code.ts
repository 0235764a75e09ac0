/**
 * The exit code, decided in one place (BRIEF section 7):
 *   0  the audit ran and nothing is at or above --fail-on (default high);
 *   1  findings at or above --fail-on (with --baseline: new findings only);
 *   2  a usage, config or input error, or rows rejected under --strict;
 *   3  an internal error.
 */
import { CommanderError } from 'commander';
import { DvdsError, EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, EXIT_USER_ERROR } from '../errors.js';
import { SEVERITIES, type Severity } from '../engine/types.js';
import { UsageError } from '../errors.js';
import type { Report } from '../report/model.js';

export const FAIL_ON_VALUES = [...SEVERITIES, 'none'] as const;
export type FailOn = (typeof FAIL_ON_VALUES)[number];
export const DEFAULT_FAIL_ON: FailOn = 'high';

export function parseFailOn(text: string): FailOn {
  const value = text.trim().toLowerCase();
  if (!(FAIL_ON_VALUES as readonly string[]).includes(value)) {
    throw new UsageError(`--fail-on: "${text}" is not one of ${FAIL_ON_VALUES.join(', ')}`);
  }
  return value as FailOn;
}

const RANK: Readonly<Record<Severity, number>> = Object.fromEntries(SEVERITIES.map((s, i) => [s, i])) as Record<Severity, number>;

/**
 * The findings that fail the run: at or above the threshold, new ones only against a baseline,
 * and (v2) none the review concluded no_failure (dismissed).
 */
export function failingFindings(report: Report, failOn: FailOn): number {
  if (failOn === 'none') return 0;
  const threshold = RANK[failOn];
  const withBaseline = report.baseline !== undefined;
  return report.findings.filter((f) => RANK[f.severity] <= threshold && f.dismissed !== true && !(withBaseline && f.status === 'unchanged')).length;
}

export type Outcome = { readonly report: Report; readonly failOn: FailOn } | { readonly error: unknown };

export function exitCodeFor(outcome: Outcome): number {
  if ('error' in outcome) {
    const { error } = outcome;
    if (error instanceof DvdsError) return error.exitCode;
    // Wrong command-line words found by commander; help and --version end with its code 0.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USER_ERROR;
    return EXIT_INTERNAL;
  }
  return failingFindings(outcome.report, outcome.failOn) > 0 ? EXIT_FINDINGS : EXIT_OK;
}
