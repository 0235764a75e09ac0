/**
 * The `table` format (`report.txt`), for a terminal: a one-screen summary first, then IOPC
 * referrals, the safeguarding list, counts by rule, and where to find the full report. Fits 100
 * columns (or the terminal's width), widening a column rather than splitting an id. Colour only when asked: a chalk instance at level 0 writes no escape codes at all.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { Severity } from '../engine/types.js';
import { SEVERITIES } from '../engine/types.js';
import { terminalText } from '../shared/sanitise.js';
import type { FormatOptions, Formatter } from './format-types.js';
import type { Referral, Report } from './model.js';
import { ASSESS_HEADING, ASSESS_NOTE } from './escape.js';
import { humanDate } from './human-date.js';
import { STATEMENT_LABEL, statementParts, worklistRowsText } from './statement.js';

/** The terminal list is a pointer to the work, not the work itself; md, html and json hold all. */
/**
 * The terminal shows a screenful per list and says how many more there are: at a national size
 * (61,598 referrals at 1M) cli-table3 drawing every row did not finish in 16 CPU-minutes, and no
 * one reads that in a terminal; md, html, csv and json list them all (issue 13 item 5).
 */
const SAFEGUARDING_SHOWN = 40;
const REFERRALS_SHOWN = 40;

function notShown(chalk: ChalkInstance, hidden: number): string {
  return chalk.yellow(`${hidden} more not shown: the full list is in --format md, html, csv or json (with --out DIR).`);
}

/** Every line fits this many columns unless a whole id needs more (FormatOptions.width overrides). */
const WIDTH = 100;

/**
 * The longest word a column widens for. A real id or reference is far shorter; a longer word is a
 * hostile or broken value, and widening for it would push every table off any screen.
 */
const ID_MAX = 40;

/**
 * What ids, references, rule ids and dates look like. A word of other characters (markup, a
 * formula) is no id an analyst quotes, so its column does not widen for it and it may break.
 */
const ID_SHAPED = /^[\p{L}\p{N}][\p{L}\p{N}_./:+-]*$/u;

const chars = (text: string): number => [...text].length;

function longestWord(text: string): number {
  let longest = 0;
  for (const word of text.split(/[ \n]/)) {
    if (chars(word) <= ID_MAX && ID_SHAPED.test(word)) longest = Math.max(longest, chars(word));
  }
  return longest;
}

/**
 * Column widths (padding included) for these cells within `budget` columns: each column at least
 * its longest word, so wrapping at spaces never splits an id; the room it takes comes from the
 * columns with slack, the widest slack first. When the words alone are wider than the budget the
 * table is as narrow as they allow, and goes past it rather than split an id.
 */
export function layout(base: readonly number[], cells: readonly (readonly string[])[], budget: number): number[] {
  const need = base.map((_, i) => Math.max(3, ...cells.map((row) => longestWord(row[i] ?? '') + 2)));
  const widths = base.map((w, i) => Math.max(w, need[i]!));
  // A table of n columns has n + 1 borders.
  let excess = widths.reduce((a, b) => a + b, 0) + widths.length + 1 - budget;
  while (excess > 0) {
    let pick = -1;
    for (let i = 0; i < widths.length; i++) {
      const slack = widths[i]! - need[i]!;
      if (slack > 0 && (pick === -1 || slack > widths[pick]! - need[pick]!)) pick = i;
    }
    if (pick === -1) break;
    const take = Math.min(excess, widths[pick]! - need[pick]!);
    widths[pick] = widths[pick]! - take;
    excess -= take;
  }
  return widths;
}

type Paint = (text: string) => string;

function severityPaint(chalk: ChalkInstance): Record<Severity, Paint> {
  return {
    critical: (t) => chalk.bold.red(t),
    high: (t) => chalk.red(t),
    medium: (t) => chalk.yellow(t),
    low: (t) => chalk.cyan(t),
    info: (t) => chalk.gray(t),
  };
}

/** Without lines between rows: for tables whose rows are one line each. */
const COMPACT = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

function grid(head: readonly string[], colWidths: readonly number[], chalk: ChalkInstance, compact = true): Table.Table {
  return new Table({
    head: head.map((h) => chalk.bold(h)),
    colWidths: [...colWidths],
    // Cells are wrapped by `fit` beforehand, so nothing is cut off with an ellipsis.
    wordWrap: false,
    ...(compact ? { chars: COMPACT } : {}),
    // cli-table3 would colour heads and borders itself; all colour goes through our chalk.
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
  });
}

/**
 * Wraps text to a column's inner width at spaces. `layout` widens a column to its longest word, so
 * an id or reference is never split; only a word it does not widen for (a hostile value, see
 * ID_SHAPED) is broken here, rather than truncated, so no character of it is hidden.
 */
export function fit(text: string, width: number): string {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if ([...candidate].length <= width) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      let rest = [...word];
      while (rest.length > width) {
        lines.push(rest.slice(0, width).join(''));
        rest = rest.slice(width);
      }
      line = rest.join('');
    }
    lines.push(line);
  }
  return lines.join('\n');
}

/**
 * Parts joined by "; ", a line broken only between parts where it can be (a part wider than the
 * line is broken by `fit`), so no count is parted from its noun; later lines are indented.
 */
function fitParts(label: string, parts: readonly string[], width: number): string {
  const lines: string[] = [];
  let line = label;
  parts.forEach((part, i) => {
    const piece = i < parts.length - 1 ? `${part};` : part;
    const candidate = `${line} ${piece}`;
    if ([...candidate].length <= width) {
      line = candidate;
    } else {
      lines.push(line);
      line = `  ${piece}`;
    }
  });
  lines.push(line);
  // A part wider than the line is broken at spaces, still indented under the label.
  return lines.map((l, i) => ([...l].length <= width ? l : i === 0 ? fit(l, width) : fit(l.slice(2), width - 2).replace(/^/gm, '  '))).join('\n');
}

/** Data values go through terminalText: no terminal escape or line break from the export survives. */
const t = terminalText;

function summary(report: Report, chalk: ChalkInstance, paint: Record<Severity, Paint>, budget: number): string[] {
  const s = report.summary;
  const bySeverity = SEVERITIES.map((sev) => paint[sev](`${sev} ${s.bySeverity[sev]}`)).join(', ');
  const label = (text: string): string => chalk.bold(text.padEnd(18));
  const r = s.referrals;
  const toRefer = r.mandatory + r.voluntary;
  const w = report.worklist;
  // The review's statement leads: it is what the team reads first each time they rerun the audit.
  const statement = fitParts(`${STATEMENT_LABEL}:`, statementParts(w), budget);
  const lines: string[] = [];
  if (w.rows) lines.push(fit(t(worklistRowsText(w.rows)), budget));
  lines.push(
    `${label('Applications')}${s.applications}`,
    `${label('Findings')}${s.findings}${s.findings > 0 ? ` (${bySeverity})` : ''}`,
    ...(s.dismissed > 0 ? [`${label('Dismissed')}${s.dismissed} (the review concluded no_failure)`] : []),
    // Assess entries are not referrals: "N referrals" never counts a matter that may not be referred.
    `${label('IOPC referrals')}${toRefer === 0 ? '0' : chalk.bold.red(String(toRefer))} (mandatory ${r.mandatory}, voluntary ${r.voluntary})`,
    `${label('DSI to assess')}${r.assess === 0 ? '0' : chalk.bold.red(String(r.assess))} (record the DSI matter and assess whether to refer)`,
    `${label('Referral status')}due ${r.due}, overdue ${r.overdue === 0 ? '0' : chalk.bold.red(String(r.overdue))}, referred ${r.referred}` +
      ` (entries: applications ${r.applications}, staff ${r.staff})`,
    `${label('Safeguarding now')}${s.safeguarding === 0 ? '0' : chalk.bold.red(String(s.safeguarding))}`,
    `${label('Review')}${s.review}`,
    `${label('Service failures')}${s.serviceFailures}`,
    `${label('Suggested type')}harm ${s.suggested.harm}, service ${s.suggested.service}, administrative ${s.suggested.administrative}, none ${s.suggested.none}`,
    `${label('Rejected rows')}${s.dataQuality.rejectedRows === 0 ? '0' : chalk.yellow(String(s.dataQuality.rejectedRows))} (data-quality findings ${s.dataQuality.findings})`,
  );
  if (s.baseline) lines.push(`${label('Against baseline')}new ${s.baseline.new}, unchanged ${s.baseline.unchanged}, resolved ${s.baseline.resolved}`);
  // Escape codes count toward the width here, so a painted line may wrap early, never late.
  return [statement, ...(budget >= WIDTH ? lines : lines.map((line) => fit(line, budget)))];
}

interface Cell {
  readonly text: string;
  readonly paint?: Paint;
  readonly right?: boolean;
}

/** A table whose cells are wrapped to their column, then painted (wrapping sees no escape codes). */
function build(
  head: readonly string[],
  base: readonly number[],
  rows: readonly (readonly Cell[])[],
  chalk: ChalkInstance,
  budget: number,
  compact = true,
): string {
  const widths = layout(base, [head, ...rows.map((row) => row.map((c) => c.text))], budget);
  const table = grid(head, widths, chalk, compact);
  for (const row of rows) {
    table.push(
      row.map((cell, i) => {
        const wrapped = fit(cell.text, (widths[i] ?? 10) - 2);
        const content = cell.paint ? wrapped.split('\n').map((line) => cell.paint!(line)).join('\n') : wrapped;
        return cell.right ? { content, hAlign: 'right' as const } : content;
      }),
    );
  }
  return table.toString();
}

const cell = (text: string | number, paint?: Paint, right = false): Cell => ({ text: t(String(text)), ...(paint ? { paint } : {}), right });
const num = (n: number, paint?: Paint): Cell => cell(n, paint, true);

function inputs(report: Report, chalk: ChalkInstance, budget: number): string {
  return build(
    ['Table', 'File', 'Read', 'Accepted', 'Rejected'],
    [20, 40, 10, 11, 11],
    report.inputs.map((input) => [
      cell(input.table),
      cell(input.file),
      num(input.rowsRead),
      num(input.rowsAccepted),
      num(input.rowsRejected, input.rowsRejected === 0 ? undefined : chalk.yellow),
    ]),
    chalk,
    budget,
  );
}

/**
 * A staff referral can name hundreds of applications. The terminal shows the first few: cli-table3
 * measures a cell's lines over and over (280 ids took 5 s), and the files list them all.
 */
const IDS_SHOWN = 10;

function idList(ids: readonly string[]): string {
  const shown = ids.slice(0, IDS_SHOWN).map(t);
  if (ids.length > IDS_SHOWN) shown.push(`+${ids.length - IDS_SHOWN} more`);
  return shown.join('\n');
}

/** Kind and id, and for a staff entry the applications it lists. */
function entryText(r: Referral): string {
  const lines = [r.kind, t(r.id)];
  if (r.kind === 'staff' || r.applicationIds.length !== 1 || r.applicationIds[0] !== r.id) lines.push('applications:', idList(r.applicationIds));
  return lines.join('\n');
}

/** The refer-by date, and when the worklist records the referral as made, its date and IOPC reference. */
function referByText(r: Referral): string {
  return [t(humanDate(r.referBy)), r.referredAt !== undefined ? `made ${t(humanDate(r.referredAt))}` : null, r.iopcReference !== undefined ? t(r.iopcReference) : null]
    .filter((x) => x !== null)
    .join('\n');
}

/** Basis over status, one column, so the grounds keep room for the longest rule id. */
function referrals(entries: readonly Referral[], chalk: ChalkInstance, budget: number): string {
  return build(
    ['Entry', 'Basis\nstatus', 'Routes', 'Refer by', 'Grounds'],
    [15, 11, 24, 12, 32],
    entries.map((r) => {
      // Painted line by line (as build does), so no escape code spans the cell's line break.
      const alarm: Paint = (line) => (line === 'mandatory' || line === 'overdue' ? chalk.bold.red(line) : line);
      return [
        { text: entryText(r) },
        { text: `${t(r.basis)}\n${t(r.status)}`, paint: alarm },
        { text: r.routes.map(t).join('\n') },
        { text: referByText(r) },
        { text: r.grounds.map(t).join('\n') },
      ];
    }),
    chalk,
    budget,
    false,
  );
}

function safeguarding(report: Report, chalk: ChalkInstance, budget: number): string {
  return build(
    ['#', 'Application', 'Person at risk', 'Received', 'Flags', 'Reasons'],
    [6, 16, 16, 13, 16, 26],
    report.safeguarding.slice(0, SAFEGUARDING_SHOWN).map((entry) => [
      num(entry.priority),
      cell(entry.applicationId),
      cell(entry.personAtRiskId),
      // London date and time (`03/04/2023 09:30`): breaks at its time in a narrow column.
      cell(humanDate(entry.receivedAt)),
      { text: [entry.harmRecorded ? 'harm recorded' : null, entry.immediateRisk ? 'immediate risk' : null].filter((f) => f !== null).join('\n'), paint: chalk.red },
      { text: entry.reasons.map(t).join('\n') },
    ]),
    chalk,
    budget,
    !report.safeguarding.slice(0, SAFEGUARDING_SHOWN).some((e) => e.reasons.length > 1 || (e.harmRecorded && e.immediateRisk)),
  );
}

function rules(report: Report, chalk: ChalkInstance, paint: Record<Severity, Paint>, budget: number): string {
  return build(
    ['Rule', 'Severity', 'Findings', 'Status'],
    [32, 11, 10, 40],
    report.rules.map((rule) => {
      const count = report.summary.byRule[rule.id];
      const status = !rule.enabled ? cell('off', chalk.gray) : rule.skippedReason !== undefined ? cell(`skipped: ${rule.skippedReason}`, chalk.yellow) : cell('ran');
      return [cell(rule.id), cell(rule.severity, paint[rule.severity]), count === undefined ? cell('-', undefined, true) : num(count), status];
    }),
    chalk,
    budget,
  );
}

export function renderTableText(report: Report, options: FormatOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const paint = severityPaint(chalk);
  const budget = options.width ?? WIDTH;
  const heading = (text: string): string => chalk.bold.underline(text);
  const out: string[] = [];
  out.push(chalk.bold(`DVDS audit as of ${t(humanDate(report.asOf))}`) + chalk.gray(` (${t(report.tool.name)} ${t(report.tool.version)})`), '');
  out.push(...summary(report, chalk, paint, budget), '');
  out.push(inputs(report, chalk, budget), '');

  const toRefer = report.referrals.filter((r) => r.basis !== 'assess');
  const toAssess = report.referrals.filter((r) => r.basis === 'assess');
  out.push(heading(`IOPC referrals (${toRefer.length})`));
  if (toRefer.length === 0) out.push('None.');
  else out.push(referrals(toRefer.slice(0, REFERRALS_SHOWN), chalk, budget));
  if (toRefer.length > REFERRALS_SHOWN) out.push(notShown(chalk, toRefer.length - REFERRALS_SHOWN));
  out.push('');

  out.push(heading(`${ASSESS_HEADING} (${toAssess.length})`));
  if (toAssess.length === 0) out.push('None.');
  else out.push(fit(ASSESS_NOTE, budget), referrals(toAssess.slice(0, REFERRALS_SHOWN), chalk, budget));
  if (toAssess.length > REFERRALS_SHOWN) out.push(notShown(chalk, toAssess.length - REFERRALS_SHOWN));
  out.push('');

  out.push(heading(`Safeguarding now (${report.safeguarding.length})`));
  if (report.safeguarding.length === 0) out.push('None.');
  else {
    out.push('Arrange an urgent face-to-face disclosure review, in this order:');
    out.push(safeguarding(report, chalk, budget));
    const hidden = report.safeguarding.length - SAFEGUARDING_SHOWN;
    if (hidden > 0) out.push(notShown(chalk, hidden));
  }
  out.push('');

  out.push(heading('Findings by rule'));
  out.push(rules(report, chalk, paint, budget), '');

  out.push(chalk.gray(fit('Full report with grounds, evidence and the review list: --format md|html|json (with --out DIR).', budget)));
  return `${out.join('\n')}\n`;
}

export const renderTable: Formatter = (report, options) => [{ name: 'report.txt', content: renderTableText(report, options) }];
