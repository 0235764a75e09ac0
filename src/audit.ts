/**
 * The library call behind `dvds-audit audit`: load the export, run the rules, decide, and return
 * the Report (the JSON model, schemaVersion 2). Usable from a script; the CLI only parses, calls,
 * renders and exits.
 */
import path from 'node:path';
import { applyBaseline, type BaselineFindings, baselineOfReport, checkReport, isBaselineFindings } from './baseline/index.js';
import { loadConfig } from './config/load-config.js';
import { decide } from './decide/index.js';
import { assertPluginConsent, loadPlugins } from './engine/plugins.js';
import { runRules } from './engine/run.js';
import { InputError, UsageError } from './errors.js';
import { assertStrict, loadInputs, namedFileBase, rejectedCount, reportPath } from './load/index.js';
import type { ReviewInput, WorklistRows } from './model/worklist.js';
import { readWorklist } from './worklist/read.js';
import type { TableName } from './model/records.js';
import type { Report } from './report/model.js';
import { todayInLondon } from './time/clock.js';
import { dayNumber, formatDay } from './time/london.js';
import { parseIsoDateValue } from './time/parse.js';
import { TOOL_NAME, TOOL_VERSION } from './version.js';
import { compareText } from './shared/compare.js';
import type { PhaseTimer } from './shared/phase-timer.js';

export type AuditProgress =
  | { readonly phase: 'load'; readonly table: TableName; readonly rowsRead: number }
  /** The export is loaded and the rules start (a long step on a national export). */
  | { readonly phase: 'running-rules'; readonly applications: number }
  | { readonly phase: 'rules'; readonly rules: number }
  | { readonly phase: 'decide'; readonly findings: number };

export interface AuditOptions {
  /** Folder holding `<table>.csv`, relative to `cwd`; default `cwd`. */
  readonly dir?: string;
  /** Config file, relative to `cwd`; default `dvds-audit.config.json` in `cwd` when present. */
  readonly configPath?: string;
  /** The working folder paths are read against. */
  readonly cwd: string;
  /** The audit date, YYYY-MM-DD; default today in London. */
  readonly asOf?: string;
  /** Plugin modules, relative to `cwd`, added to those the config names. */
  readonly plugins?: readonly string[];
  /** Consent to run the plugin modules the config names; without it such a config is a ConfigError (`plugins` are consented to by being passed). */
  readonly allowPlugins?: boolean;
  /** Any rejected row is an InputError (exit 2). */
  readonly strict?: boolean;
  /** An earlier report (or one read by `readBaselineFile`): findings are marked new or unchanged and resolved ones listed. */
  readonly baseline?: Report | BaselineFindings;
  /** (v2) The team's worklist from the last run, relative to `cwd`; default the config's `review`. */
  readonly review?: string;
  readonly onProgress?: (progress: AuditProgress) => void;
  /** Told where the load, rules and decide phases end (`audit --timings`); the caller ends `write`. */
  readonly phases?: PhaseTimer;
}

/** `--as-of` as a London day number: a real calendar date written YYYY-MM-DD, else a UsageError. */
export function parseAsOf(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m || parseIsoDateValue(text) === null) {
    throw new UsageError(`--as-of: "${text}" is not a date (expected a real calendar date as YYYY-MM-DD, e.g. 2025-01-31)`);
  }
  return dayNumber(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** A run's report, and what the next worklist is made of (the team's rows are never in the report). */
export interface AuditRun {
  readonly report: Report;
  readonly worklistRows: WorklistRows;
  readonly review: ReviewInput | undefined;
}

export async function audit(options: AuditOptions): Promise<Report> {
  return (await auditRun(options)).report;
}

export async function auditRun(options: AuditOptions): Promise<AuditRun> {
  const asOf = options.asOf === undefined ? todayInLondon() : parseAsOf(options.asOf);
  const given = options.baseline;
  // A script's report object is checked as a file's would be; one read by readBaselineFile was checked as it was read.
  const baseline = given === undefined ? undefined : isBaselineFindings(given) ? given : baselineOfReport(checkReport(given, 'the baseline report'));
  const config = await loadConfig({ cwd: options.cwd, ...(options.configPath === undefined ? {} : { configPath: options.configPath }) });
  assertPluginConsent(config, { allow: options.allowPlugins === true, extra: options.plugins ?? [], cwd: options.cwd });
  const pluginPaths = [...config.plugins, ...(options.plugins ?? []).map((p) => path.resolve(options.cwd, p))];
  const plugins = await loadPlugins(pluginPaths, options.cwd);

  const onProgress = options.onProgress;
  const loaded = await loadInputs({
    cwd: options.cwd,
    ...(options.dir === undefined ? {} : { dir: options.dir }),
    config,
    ...(onProgress ? { onProgress: (table: TableName, rowsRead: number) => onProgress({ phase: 'load', table, rowsRead }) } : {}),
  });
  // The config's `review` is read like its input files: against the folder given, else the config's.
  const configReview = config.review === null ? null : path.resolve(namedFileBase(config, options.cwd, options.dir), config.review);
  const reviewPath = options.review === undefined ? configReview : path.resolve(options.cwd, options.review);
  // Named as the user gave it, from the working folder (never absolute): it usually sits beside the export, not in it.
  const review = reviewPath === null ? undefined : await readWorklist({ path: reviewPath, file: reportPath(options.cwd, reviewPath) });
  if (options.strict) {
    assertStrict(loaded);
    const n = review?.rejected.length ?? 0;
    if (n > 0) throw new InputError(`${review!.file}: ${n} worklist row${n === 1 ? '' : 's'} rejected; --strict makes any rejected row an error`);
  }
  options.phases?.end('load');

  onProgress?.({ phase: 'running-rules', applications: loaded.dataset.applications.length });
  const run = runRules({ dataset: loaded.dataset, asOf, rules: config.rules, plugins });
  options.phases?.end('rules');
  onProgress?.({ phase: 'rules', rules: run.rules.filter((r) => r.enabled && r.skippedReason === undefined).length });
  // The baseline first: it says when each finding was first seen, which the refer-by dates need.
  const marked = baseline === undefined ? null : applyBaseline(run.findings, baseline);
  const findings = marked === null ? run.findings : marked.findings;
  const decisions = decide({
    dataset: loaded.dataset,
    findings,
    asOf,
    ruleOptions: run.options,
    rules: run.rules,
    rejectedRows: rejectedCount(loaded) + (review?.rejected.length ?? 0),
    ...(review === undefined ? {} : { review }),
  });
  onProgress?.({ phase: 'decide', findings: run.findings.length });

  const report: Report = {
    schemaVersion: 2,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    asOf: formatDay(asOf),
    config: { sha256: config.sha256 },
    inputs: loaded.inputs,
    rules: [...run.rules].sort((a, b) => compareText(a.id, b.id)),
    findings: decisions.findings,
    referrals: decisions.referrals,
    safeguarding: decisions.safeguarding,
    review: decisions.review,
    rejectedRows: review === undefined ? loaded.rejectedRows : [...loaded.rejectedRows, ...review.rejected],
    summary: marked === null ? decisions.summary : { ...decisions.summary, baseline: marked.counts },
    statistics: decisions.statistics,
    worklist: decisions.worklist,
    ...(marked === null || baseline === undefined ? {} : { baseline: { sha256: baseline.sha256, resolved: marked.resolved } }),
  };
  options.phases?.end('decide');
  return { report, worklistRows: decisions.worklistRows, review };
}
