/**
 * The `md` format (`report.md`): a paper a review board can read. Summary, IOPC referrals with
 * basis, routes, status, grounds, reasons and evidence, (v2) the DSI matters to record and assess
 * apart from them, the safeguarding list, the review list by severity, data
 * quality, and method and provenance. Every value from the data goes through escapeMd, and every
 * id is a code span (codeMd), so a hostile id stays text when the Markdown is rendered and a
 * URL-like one never becomes a link. Dates are London dates (`03/04/2023 09:30`) and evidence has
 * plain labels; json and csv keep ISO 8601 and the keys.
 */
import type { Finding, Severity } from '../engine/types.js';
import { SEVERITIES } from '../engine/types.js';
import { ASSESS_HEADING, ASSESS_NOTE, codeMd, escapeMd as e } from './escape.js';
import { humanEvidence, valuesText } from './evidence-labels.js';
import { humanDate } from './human-date.js';
import type { Formatter } from './format-types.js';
import type { Referral, Report } from './model.js';
import { type CaseRef, casesOf } from './cases.js';
import { CHRONOLOGY_LABELS } from './chronology.js';
import { DISMISSED_MARK, statementText, worklistRowsText } from './statement.js';

/** Per severity in the review list, and for rejected rows: a paper, not a database dump. */
export const MD_LIST_LIMIT = 100;

const FULL_LIST = 'the full list is in `--format json` (report.json) and `--format csv` (findings.csv)';

const yesNo = (b: boolean): string => (b ? 'yes' : 'no');

const capital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

function row(cells: readonly string[]): string {
  return `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`;
}

function grid(head: readonly string[], rows: readonly (readonly string[])[], align?: readonly ('l' | 'r')[]): string[] {
  const rule = head.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  return [row(head), row(rule), ...rows.map(row)];
}

/** An id in a list item or a line of text. */
const c = (id: string): string => codeMd(id);
/** An id in a table cell, where `|` would split the cell. */
const ct = (id: string): string => codeMd(id, true);
/** A date of the report, as a London date. */
const d = (iso: string): string => e(humanDate(iso));

/**
 * Evidence as `Label: value` pairs: labels from the label map, dates as London dates, ids as code
 * spans, the rest escaped (values come from the export).
 */
function evidence(ev: Finding['evidence'], inTable = false): string {
  const entries = humanEvidence(ev);
  if (entries.length === 0) return 'none';
  return entries
    .map((x) => `${e(x.label)}: ${x.kind === 'id' && x.values.length > 0 ? x.values.map((v) => codeMd(v, inTable)).join(', ') : e(valuesText(x.values))}`)
    .join('; ');
}

/** The ids a finding or referral names: its own, and its evidence's id values. */
function idsOf(ids: readonly (string | undefined)[], ev: Finding['evidence']): string[] {
  const out = ids.filter((x): x is string => x !== undefined);
  for (const x of humanEvidence(ev)) if (x.kind === 'id') out.push(...x.values);
  return out;
}

/**
 * Text with the ids it names as code spans: rules and decisions write ids into their sentences,
 * and a URL-like id there would be linked as readily as in a column. The longest id is matched
 * first, so one id inside another stays whole.
 */
function withIds(text: string, names: readonly string[], inTable = false): string {
  const ids = [...new Set(names.filter((x) => x !== ''))].sort((a, b) => b.length - a.length);
  if (ids.length === 0) return e(text);
  const out: string[] = [];
  let rest = text;
  while (rest !== '') {
    let at = -1;
    let found = '';
    for (const id of ids) {
      const i = rest.indexOf(id);
      if (i !== -1 && (at === -1 || i < at)) {
        at = i;
        found = id;
      }
    }
    if (at === -1) {
      out.push(e(rest));
      break;
    }
    if (at > 0) out.push(e(rest.slice(0, at)));
    out.push(codeMd(found, inTable));
    rest = rest.slice(at + found.length);
  }
  return out.join('');
}

const message = (f: Finding, inTable = false): string => withIds(f.message, idsOf([f.applicationId, f.staffId], f.evidence), inTable);

/** `application \`DV1\``, `staff \`E2\``: a case of the Data quality table. */
function caseText(ref: CaseRef): string {
  return [ref.applicationId !== undefined ? `application ${ct(ref.applicationId)}` : null, ref.staffId !== undefined ? `staff ${ct(ref.staffId)}` : null].filter((x) => x !== null).join(', ');
}

/** The staff line of a referral card: id as code, then the register's display name and role. */
function staffLine(staff: NonNullable<Referral['staff']>): string {
  const name = staff.displayName === undefined ? '' : `, ${e(staff.displayName)}`;
  const role = staff.role === undefined ? '' : ` (${e(staff.role)})`;
  return `${c(staff.id)}${name}${role}`;
}

function summary(report: Report): string[] {
  const s = report.summary;
  const r = s.referrals;
  const bySeverity = SEVERITIES.map((sev) => `${sev} ${s.bySeverity[sev]}`).join(', ');
  const rows: string[][] = [
    ['Applications audited', String(s.applications)],
    ['Findings', `${s.findings} (${bySeverity})`],
    ...(s.dismissed > 0 ? [['Dismissed', e(`${s.dismissed} (the review concluded no_failure)`)]] : []),
    ['IOPC referrals', `**${r.mandatory + r.voluntary}**: ${r.mandatory} mandatory, ${r.voluntary} voluntary`],
    [ASSESS_HEADING, `**${r.assess}**`],
    ['Referral status', `${r.due} due, ${r.overdue} overdue, ${r.referred} referred (entries: ${r.applications} applications, ${r.staff} staff)`],
    ['Safeguarding now', `**${s.safeguarding}**`],
    ['Review', String(s.review)],
    ['Service failures', String(s.serviceFailures)],
    ['Suggested failure type', `${s.suggested.harm} harm, ${s.suggested.service} service, ${s.suggested.administrative} administrative, ${s.suggested.none} none`],
    ['Data quality', `${s.dataQuality.rejectedRows} rejected rows, ${s.dataQuality.findings} data-quality findings`],
  ];
  if (s.baseline) rows.push(['Against the baseline', `${s.baseline.new} new, ${s.baseline.unchanged} unchanged, ${s.baseline.resolved} resolved`]);
  const w = report.worklist;
  // The review's statement first: what the team has concluded and what is left, before the counts.
  const statement = [e(statementText(w)), ''];
  if (w.rows) statement.push(`${e(worklistRowsText(w.rows))} (sha256 ${e(w.rows.sha256)}).`, '');
  return ['## Summary', '', ...statement, ...grid(['', ''], rows), ''];
}

/** A dismissed finding stays in the paper, marked, so the board sees what the review set aside. */
const dismissed = (f: Finding): string => (f.dismissed === true ? ` (${e(DISMISSED_MARK)})` : '');

function findingLine(f: Finding): string {
  const who = [f.applicationId !== undefined ? `application ${c(f.applicationId)}` : null, f.staffId !== undefined ? `staff ${c(f.staffId)}` : null]
    .filter((x) => x !== null)
    .join(', ');
  const status = f.status !== undefined ? ` (${e(f.status)})` : '';
  return `${e(f.severity)} · ${e(f.ruleId)} · ${who}: ${message(f)}${status}${dismissed(f)} (fingerprint ${c(f.fingerprint)})`;
}

function referral(r: Referral, index: number, byFingerprint: ReadonlyMap<string, Finding>): string[] {
  const lines = [
    `### ${index + 1}. ${r.kind === 'staff' ? 'Staff member' : 'Application'} ${c(r.id)} (${e(r.basis)})`,
    '',
    `- **Basis:** ${e(r.basis)}`,
    `- **Routes:** ${r.routes.map(e).join(', ')}`,
    `- **Status:** ${e(r.status)}`,
    ...(r.referredAt !== undefined ? [`- **Referred at:** ${d(r.referredAt)}`] : []),
    ...(r.iopcReference !== undefined ? [`- **IOPC reference:** ${c(r.iopcReference)}`] : []),
    `- **Refer by:** ${d(r.referBy)}`,
    `- **Grounds:** ${r.grounds.map(e).join(', ')}`,
    `- **Applications:** ${r.applicationIds.length === 0 ? 'none' : r.applicationIds.map(c).join(', ')}`,
  ];
  if (r.staff !== undefined) lines.push(`- **Staff:** ${staffLine(r.staff)}`);
  else if (r.staffId !== undefined) lines.push(`- **Staff:** ${c(r.staffId)}`);
  if (r.suggested !== undefined) lines.push(`- **Suggested type:** ${e(r.suggested)}`);
  const named = idsOf([r.id, r.staffId, ...r.applicationIds], r.evidence);
  lines.push('- **Reasons:**', ...r.reasons.map((reason) => `  - ${withIds(reason, named)}`));
  if (r.chronology.length > 0) {
    lines.push('- **Chronology:**');
    for (const x of r.chronology) lines.push(`  - ${d(x.date)} ${e(CHRONOLOGY_LABELS[x.event])}${x.ref === undefined ? '' : `: ${c(x.ref)}`}`);
  }
  lines.push(`- **Evidence:** ${evidence(r.evidence)}`);
  if (r.findings.length > 0) {
    lines.push('- **Findings:**');
    for (const fp of r.findings) {
      const f = byFingerprint.get(fp);
      lines.push(`  - ${f ? `${findingLine(f)}; evidence: ${evidence(f.evidence)}` : e(fp)}`);
    }
  }
  lines.push('');
  return lines;
}

/** Lines card by card, so a national size's 61,598 referrals are never held as one list. */
function* referrals(report: Report, byFingerprint: ReadonlyMap<string, Finding>): Generator<string> {
  yield* ['## IOPC referrals', ''];
  const entries = report.referrals.filter((r) => r.basis !== 'assess');
  if (entries.length === 0) {
    yield* ['None.', ''];
    return;
  }
  yield* [`${entries.length} referrals to the Independent Office for Police Conduct.`, ''];
  for (let i = 0; i < entries.length; i++) yield* referral(entries[i]!, i, byFingerprint);
}

/** (v2) Entries of basis `assess`: not referrals, so apart from them and not counted with them. */
function* assess(report: Report, byFingerprint: ReadonlyMap<string, Finding>): Generator<string> {
  yield* [`## ${ASSESS_HEADING}`, ''];
  const entries = report.referrals.filter((r) => r.basis === 'assess');
  if (entries.length === 0) {
    yield* ['None.', ''];
    return;
  }
  yield* [ASSESS_NOTE, ''];
  for (let i = 0; i < entries.length; i++) yield* referral(entries[i]!, i, byFingerprint);
}

/**
 * Every entry is listed (265,696 at 1M): the table's lines are yielded, never spread into a call,
 * which overflowed the stack at that size.
 */
function* safeguarding(report: Report): Generator<string> {
  yield* ['## Safeguarding now', ''];
  if (report.safeguarding.length === 0) {
    yield* ['None.', ''];
    return;
  }
  yield* ['In priority order: harm already recorded first, then immediate risk, then oldest received.', ''];
  yield* grid(
    ['Priority', 'Application', 'Person at risk', 'Received', 'Harm recorded', 'Immediate risk', 'Reasons', 'Action'],
    report.safeguarding.map((s) => [
      String(s.priority),
      ct(s.applicationId),
      ct(s.personAtRiskId),
      d(s.receivedAt),
      s.harmRecorded ? 'yes' : 'no',
      s.immediateRisk ? 'yes' : 'no',
      s.reasons.map(e).join(', '),
      e(s.action),
    ]),
    ['r'],
  );
  yield '';
}

function findingRows(findings: readonly Finding[]): string[][] {
  return findings.map((f) => [e(f.ruleId), ct(f.applicationId ?? ''), ct(f.staffId ?? ''), `${message(f, true)}${dismissed(f)}`, evidence(f.evidence, true), ...(f.status !== undefined ? [e(f.status)] : []), ct(f.fingerprint)]);
}

function findingHead(findings: readonly Finding[]): string[] {
  return ['Rule', 'Application', 'Staff', 'Message', 'Evidence', ...(findings.some((f) => f.status !== undefined) ? ['Status'] : []), 'Fingerprint'];
}

function review(report: Report, byFingerprint: ReadonlyMap<string, Finding>): string[] {
  const out = ['## Review', ''];
  const listed = report.review.map((fp) => byFingerprint.get(fp)).filter((f): f is Finding => f !== undefined);
  if (listed.length === 0) return [...out, 'Nothing else to review.', ''];
  out.push('Findings that are neither referred nor on the safeguarding list, by severity.', '');
  const groups = new Map<Severity, Finding[]>();
  // Pushed, not copied: copying the group for each finding was quadratic (3.9 s of 15 s at 100k).
  for (const f of listed) {
    const group = groups.get(f.severity);
    if (group === undefined) groups.set(f.severity, [f]);
    else group.push(f);
  }
  for (const sev of SEVERITIES) {
    const group = groups.get(sev);
    if (!group) continue;
    const shown = group.slice(0, MD_LIST_LIMIT);
    out.push(`### ${capital(sev)} (${group.length})`, '', ...grid(findingHead(shown), findingRows(shown)), '');
    if (group.length > shown.length) out.push(`${group.length - shown.length} more ${sev} findings not shown here; ${FULL_LIST}.`, '');
  }
  return out;
}

function resolved(report: Report): string[] {
  if (!report.baseline) return [];
  const out = ['## Resolved since the baseline', '', `Baseline sha256: ${e(report.baseline.sha256)}`, ''];
  if (report.baseline.resolved.length === 0) return [...out, 'None.', ''];
  const shown = report.baseline.resolved.slice(0, MD_LIST_LIMIT);
  out.push(...grid(['Severity', ...findingHead(shown)], shown.map((f, i) => [e(f.severity), ...(findingRows(shown)[i] ?? [])])), '');
  if (report.baseline.resolved.length > shown.length) out.push(`${report.baseline.resolved.length - shown.length} more not shown; the full list is in \`--format json\` (report.json).`, '');
  return out;
}

function dataQuality(report: Report): string[] {
  const out = ['## Data quality', '', `### Rejected rows (${report.rejectedRows.length})`, ''];
  if (report.rejectedRows.length === 0) out.push('None: every row was accepted.', '');
  else {
    const shown = report.rejectedRows.slice(0, MD_LIST_LIMIT);
    out.push(...grid(['Table', 'File', 'Line', 'Column', 'Reason'], shown.map((r) => [e(r.table), e(r.file), String(r.line), e(r.column ?? ''), e(r.reason)]), ['l', 'l', 'r']), '');
    if (report.rejectedRows.length > shown.length) out.push(`${report.rejectedRows.length - shown.length} more rejected rows not shown; the full list is in \`--format json\` (report.json).`, '');
  }
  const rules = report.rules.filter((r) => r.category === 'data-quality');
  out.push(`### Data-quality findings (${report.summary.dataQuality.findings})`, '');
  if (rules.length === 0) out.push('No data-quality rule in this audit.', '');
  else {
    out.push(
      ...grid(['Rule', 'Findings', 'Cases'], rules.map((r) => [e(r.id), String(report.summary.byRule[r.id] ?? '-'), casesCell(casesOf(report, r.id, MD_LIST_LIMIT))]), ['l', 'r', 'l']),
      '',
    );
    // Not in the Review list (decide/review.ts leaves data quality out): the files hold each one in full.
    out.push('Each finding, with its message and evidence, is in findings.csv and report.json.', '');
  }
  return out;
}

function casesCell(cases: { shown: readonly CaseRef[]; more: number }): string {
  return [...cases.shown.map(caseText), ...(cases.more > 0 ? [`+${cases.more} more`] : [])].join('; ');
}

function provenance(report: Report): string[] {
  return [
    '## Method and provenance',
    '',
    `- **Tool:** ${e(report.tool.name)} ${e(report.tool.version)}`,
    `- **As of:** ${d(report.asOf)}`,
    `- **Config sha256:** ${report.config.sha256 === null ? 'none (built-in defaults)' : e(report.config.sha256)}`,
    '',
    '### Inputs',
    '',
    ...grid(
      ['Table', 'File', 'sha256', 'Rows read', 'Accepted', 'Rejected'],
      report.inputs.map((i) => [e(i.table), e(i.file), e(i.sha256), String(i.rowsRead), String(i.rowsAccepted), String(i.rowsRejected)]),
      ['l', 'l', 'l', 'r', 'r', 'r'],
    ),
    '',
    '### Rules',
    '',
    ...grid(
      ['Rule', 'Title', 'Category', 'Severity', 'Enabled', 'Failure type', 'Service failure', 'Decision basis', 'Findings', 'Skipped because'],
      report.rules.map((r) => [
        e(r.id),
        e(r.title),
        e(r.category),
        e(r.severity),
        yesNo(r.enabled),
        e(r.failureType),
        yesNo(r.serviceFailure),
        yesNo(r.decisionBasis),
        String(report.summary.byRule[r.id] ?? '-'),
        e(r.skippedReason ?? ''),
      ]),
      ['l', 'l', 'l', 'l', 'l', 'l', 'l', 'l', 'r'],
    ),
    '',
  ];
}

function* mdLines(report: Report): Generator<string> {
  const byFingerprint = new Map(report.findings.map((f) => [f.fingerprint, f]));
  yield* [`# DVDS audit report as of ${d(report.asOf)}`, '', `Domestic Violence Disclosure Scheme audit by ${e(report.tool.name)} ${e(report.tool.version)}.`, ''];
  yield* summary(report);
  yield* referrals(report, byFingerprint);
  yield* assess(report, byFingerprint);
  yield* safeguarding(report);
  yield* review(report, byFingerprint);
  yield* resolved(report);
  yield* dataQuality(report);
  yield* provenance(report);
}

/**
 * The file in pieces: the lines joined by line breaks, ending in exactly one. Line breaks are
 * held back until text follows them, so the blank lines at the end are dropped as they come.
 */
export function* mdPieces(report: Report): Generator<string> {
  let pending = '';
  let first = true;
  for (const line of mdLines(report)) {
    const text = first ? line : `\n${line}`;
    first = false;
    const body = text.replace(/\n+$/, '');
    if (body === '') pending += text;
    else {
      yield pending + body;
      pending = text.slice(body.length);
    }
  }
  yield '\n';
}

export function renderMdText(report: Report): string {
  return [...mdPieces(report)].join('');
}

export const renderMd: Formatter = (report) => [
  {
    name: 'report.md',
    get content() {
      return renderMdText(report);
    },
    chunks: () => mdPieces(report),
  },
];
