/**
 * `dvds-audit audit [DIR]`: parse the flags, call `audit()`, render the formats asked for, set
 * the exit code. Nothing here decides anything about the findings.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { type AuditProgress, auditRun, parseAsOf, type AuditRun } from '../../audit.js';
import { readBaselineFile } from '../../baseline/baseline-file.js';
import { UsageError } from '../../errors.js';
import type { FormatName } from '../../report/format-types.js';
import { FILE_FORMATS, formatter } from '../../report/formats.js';
import { OutputError, OutputSet } from '../../report/output-set.js';
import type { Report } from '../../report/model.js';
import { DEFAULT_FAIL_ON, exitCodeFor, FAIL_ON_VALUES, failingFindings, type FailOn, parseFailOn } from '../exit-code.js';
import type { TerminalIO } from '../io.js';
import { allowPluginsOption, collect, formatListOption } from '../options.js';
import { pluginsAllowedByEnv } from '../../engine/plugins.js';
import { createProgress, rowCount } from '../progress.js';
import { renderWorklist } from '../../worklist/write.js';
import { startPhaseTimer, timingLines } from '../../shared/phase-timer.js';
import { utf8Batches } from '../../shared/utf8.js';

interface AuditFlags {
  config?: string;
  asOf?: string;
  format?: FormatName[];
  out?: string;
  failOn: string;
  baseline?: string;
  review?: string;
  plugin: string[];
  allowPlugins?: boolean;
  strict?: boolean;
  quiet?: boolean;
  timings?: boolean;
}

export function registerAudit(program: Command, io: TerminalIO): void {
  program
    .command('audit')
    .description('run the rules on an export and report referrals, safeguarding and findings')
    .argument('[dir]', 'folder holding the export CSV files (default: the working folder)')
    .option('--config <file>', 'config file (default: dvds-audit.config.json in the working folder, if present)')
    .option('--as-of <date>', 'audit date YYYY-MM-DD (default: today in London)')
    .addOption(formatListOption('comma list of table, json, csv, md, html, junit (default: table; with --out: every file format)'))
    .option('--out <dir>', 'write report.json, report.md, report.html, findings.csv + referrals.csv + safeguarding.csv, junit.xml and worklist.csv here')
    .option('--fail-on <severity>', `exit 1 when a finding is at or above this: ${FAIL_ON_VALUES.join(', ')}`, DEFAULT_FAIL_ON)
    .option('--baseline <report.json>', 'an earlier report: mark findings new or unchanged; only new ones fail the run')
    .option('--review <worklist.csv>', "the review team's worklist from the last run: their conclusions and referrals made carry over (default: the config's review)")
    .option('--plugin <module>', 'a module exporting extra rules (repeatable)', collect, [])
    .addOption(allowPluginsOption())
    .option('--strict', 'any rejected row is an error (exit 2)')
    .option('--quiet', 'no progress or notes on stderr')
    .option('--timings', 'after the run, wall time, RSS and heap used per phase (load, rules, decide, write) on stderr')
    .configureHelp({ showGlobalOptions: true })
    .action(async (dir: string | undefined, flags: AuditFlags) => {
      await runAudit(dir, flags, io);
    });
}

async function runAudit(dir: string | undefined, flags: AuditFlags, io: TerminalIO): Promise<void> {
  // Every flag is checked before any file is read.
  const failOn = parseFailOn(flags.failOn);
  const formats = flags.format ?? (flags.out === undefined ? ['table' as const] : [...FILE_FORMATS]);
  if (flags.out === undefined && formats.length > 1) {
    throw new UsageError(`--format ${formats.join(',')}: several formats need --out DIR (without it, one format goes to stdout)`);
  }
  if (flags.asOf !== undefined) parseAsOf(flags.asOf);
  const note = (text: string): void => {
    if (!flags.quiet) io.stderr(`${text}\n`);
  };

  // Started before the baseline is read: reading it is part of loading the inputs.
  const phases = flags.timings === true ? startPhaseTimer() : undefined;
  const baseline = flags.baseline === undefined ? undefined : await readBaselineFile(flags.baseline, io.cwd);
  // Progress only on a terminal (not a pipe, not CI, not --quiet): one line, cleared before any other output.
  const progress = createProgress(io, { quiet: flags.quiet === true });
  let run: AuditRun;
  try {
    run = await auditRun({
      cwd: io.cwd,
      ...(dir === undefined ? {} : { dir }),
      ...(flags.config === undefined ? {} : { configPath: flags.config }),
      ...(flags.asOf === undefined ? {} : { asOf: flags.asOf }),
      plugins: flags.plugin,
      allowPlugins: flags.allowPlugins === true || pluginsAllowedByEnv(io.env),
      strict: flags.strict === true,
      ...(baseline === undefined ? {} : { baseline }),
      ...(flags.review === undefined ? {} : { review: flags.review }),
      ...(progress.enabled ? { onProgress: (p: AuditProgress) => progress.update(progressText(p)) } : {}),
      ...(phases === undefined ? {} : { phases }),
    });
  } finally {
    progress.done();
  }
  const report: Report = run.report;
  if (run.review !== undefined && baseline === undefined) {
    note(
      'note: --review without --baseline: every finding counts as first seen today, so a referral the worklist records as made ' +
        "earlier shows as due again (new grounds); give last run's report.json with --baseline",
    );
  }

  const color = io.stdoutIsTTY && io.env.NO_COLOR === undefined;
  // A terminal's own width lays the table out; a pipe or file gets the fixed 100, so it is stable.
  const terminal = { color, ...(io.stdoutIsTTY && io.stdoutColumns !== undefined ? { width: io.stdoutColumns } : {}) };
  if (flags.out === undefined) {
    const files = (await formatter(formats[0]!))(report, terminal);
    const [first, ...rest] = files;
    // The table is for a person (sanitised); every other format is a file's exact text (see TerminalIO).
    const write = (piece: string): void => (formats[0] === 'table' ? io.stdout(piece) : io.stdoutData(piece));
    if (first?.chunks && formats[0] !== 'table' && io.stdoutBytes !== undefined) {
      // Into a pipe or a file: the pieces are encoded straight into megabyte batches (no joined
      // string, whose flattening and encoding cost ~1 s per 100 MB of report).
      for (const batch of utf8Batches(first.chunks(), { reuse: false })) io.stdoutBytes(batch);
    } else if (first?.chunks) {
      // Pieces can be a line each (md): gathered into ~64K writes rather than millions of small ones.
      let pending = '';
      for (const piece of first.chunks()) {
        pending += piece;
        if (pending.length >= 1 << 16) {
          write(pending);
          pending = '';
        }
      }
      if (pending !== '') write(pending);
    } else if (first) write(first.content);
    if (rest.length > 0) note(`note: ${rest.map((f) => f.name).join(', ')} ${rest.length === 1 ? 'is' : 'are'} written only with --out DIR`);
  } else {
    const outDir = path.resolve(io.cwd, flags.out);
    // Every file of the run is staged first and all are put in place together: a run that cannot
    // write one of them leaves no half set, and any earlier report set as it was.
    const written = await writeRunFiles(outDir, async (set) => {
      for (const name of formats) {
        if (name === 'table') {
          // A terminal rendering, not a file: it goes to stdout beside the files.
          io.stdout((await formatter('table'))(report, terminal)[0]?.content ?? '');
          continue;
        }
        for (const file of (await formatter(name))(report, { color: false })) await set.stage(file);
      }
      // The team's worklist is written with every --out, whatever the formats.
      await set.stage(renderWorklist(run.worklistRows, run.review));
    }).catch((error: unknown) => {
      throw cannotWrite(flags.out!, error);
    });
    for (const file of written) note(`wrote ${path.join(flags.out, path.basename(file))}`);
  }
  phases?.end('write');
  // Which folder and files were read, as typed: a config written for another folder must not go unnoticed.
  note(`read ${dir ?? '.'}: ${report.inputs.map((i) => i.file).join(', ')}`);
  note(outcomeText(report, failOn));
  // Asked for by name, so printed even with --quiet (the bench runs quiet); last, after the notes.
  if (phases !== undefined) for (const line of timingLines(phases.figures())) io.stderr(`${line}\n`);
  io.setExitCode(exitCodeFor({ report, failOn }));
}

async function writeRunFiles(dir: string, stage: (set: OutputSet) => Promise<void>): Promise<string[]> {
  const set = await OutputSet.open(dir);
  try {
    await stage(set);
  } catch (error) {
    await set.abandon();
    throw error;
  }
  return set.commit();
}

/** A folder the user named that cannot take the files is their mistake to fix (exit 2), not a crash. */
function cannotWrite(out: string, error: unknown): Error {
  const code = error instanceof OutputError ? error.code : (error as NodeJS.ErrnoException | undefined)?.code;
  const file = error instanceof OutputError && error.file !== null ? path.join(out, path.basename(error.file)) : out;
  const why: Record<string, string> = {
    EEXIST: 'a file of that name is in the way',
    ENOTDIR: 'a file of that name is in the way',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device',
    EISDIR: 'a folder is in the way of a report file',
    EFBIG: 'the file is larger than this system allows (a file size limit)',
    EDQUOT: 'the disk quota is used up',
    EIO: 'an input/output error on the device',
  };
  if (code !== undefined && why[code] !== undefined) {
    return new UsageError(`--out ${out}: cannot write ${file === out ? 'the report there' : file} (${code}: ${why[code]}); no report file was changed`);
  }
  // Any other failure to write is still the folder's, not a bug (exit 2), with its code.
  if (error instanceof OutputError) return new UsageError(`--out ${out}: cannot write ${file === out ? 'the report there' : file} (${code ?? 'error'}); no report file was changed`);
  return error instanceof Error ? error : new Error(String(error));
}

function progressText(p: AuditProgress): string {
  switch (p.phase) {
    case 'load':
      return `reading ${p.table}: ${rowCount(p.rowsRead)} rows`;
    case 'running-rules':
      return `running the rules on ${rowCount(p.applications)} applications`;
    case 'rules':
      return `ran ${p.rules} rules; deciding referrals and safeguarding`;
    case 'decide':
      return `decided on ${rowCount(p.findings)} findings; writing the report`;
  }
}

function outcomeText(report: Report, failOn: FailOn): string {
  const s = report.summary;
  const parts = [
    `${s.findings} finding${s.findings === 1 ? '' : 's'}`,
    // A DSI matter to assess is not (yet) a referral: counted apart, never in "N IOPC referrals".
    `${s.referrals.mandatory + s.referrals.voluntary} IOPC referral${s.referrals.mandatory + s.referrals.voluntary === 1 ? '' : 's'}`,
    `${s.referrals.assess} DSI matter${s.referrals.assess === 1 ? '' : 's'} to assess`,
    `${s.safeguarding} to safeguard`,
    `${s.dataQuality.rejectedRows} rejected row${s.dataQuality.rejectedRows === 1 ? '' : 's'}`,
  ];
  if (s.baseline) parts.push(`against the baseline: ${s.baseline.new} new, ${s.baseline.unchanged} unchanged, ${s.baseline.resolved} resolved`);
  const failing = failingFindings(report, failOn);
  const gate =
    failOn === 'none'
      ? '--fail-on none'
      : `${failing} ${report.baseline ? 'new ' : ''}finding${failing === 1 ? '' : 's'} at or above ${failOn}`;
  return `${parts.join('; ')}. ${gate}: exit ${exitCodeFor({ report, failOn })}.`;
}

