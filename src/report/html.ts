/**
 * The `html` format (`report.html`): one self-contained file. Inline CSS, charts as inline SVG
 * (charts.ts), no script and no external resource, a Content-Security-Policy that forbids both,
 * and every value from the data HTML-escaped. Sections as in the Markdown paper, plus charts;
 * print CSS starts each section on a new page and lets tables run over pages unclipped.
 */
import type { Finding, Severity } from '../engine/types.js';
import { SEVERITIES } from '../engine/types.js';
import { chronologyTimeline, failuresByMonthChart, handlerFunnelChart, outcomeDaysChart, reviewProgressChart } from './charts.js';
import { casesOf, casesText } from './cases.js';
import { CHRONOLOGY_LABELS, staffText } from './chronology.js';
import { percent } from '../shared/percent.js';
import { ASSESS_HEADING, ASSESS_NOTE, escapeHtml as h } from './escape.js';
import { humanEvidence, valuesText } from './evidence-labels.js';
import { humanDate } from './human-date.js';
import type { Formatter } from './format-types.js';
import type { Referral, Report } from './model.js';
import { DISMISSED_MARK, statementText, worklistRowsText } from './statement.js';

/** Per severity in the review list, and for rejected rows; the rest is in json and csv. */
export const HTML_LIST_LIMIT = 500;

export const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const CSS = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #59636e; --line: #d0d7de; --soft: #f6f8fa; --accent: #1f3d66; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); margin: 0 auto; max-width: 1180px; padding: 24px 28px 64px; }
h1 { font-size: 1.7rem; margin: 0 0 4px; }
h2 { font-size: 1.3rem; margin: 40px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--accent); color: var(--accent); }
h3 { font-size: 1.05rem; margin: 20px 0 8px; }
p.lead { color: var(--muted); margin: 0 0 16px; }
nav ol { display: flex; flex-wrap: wrap; gap: 6px 18px; list-style: none; padding: 0; margin: 12px 0 0; }
nav a { color: var(--accent); }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 10px; margin: 12px 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; background: var(--soft); }
.card .n { font-size: 1.6rem; font-weight: 700; }
.card .l { color: var(--muted); font-size: .85rem; }
.card.alert { border-color: #c0392b; background: #fdf1f0; }
.card.alert .n { color: #a93226; }
.table-wrap { overflow-x: auto; margin: 8px 0 16px; }
table { border-collapse: collapse; width: 100%; font-size: .88rem; }
th, td { border: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: var(--soft); font-weight: 600; overflow-wrap: normal; }
td.key { white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .82rem; word-break: break-all; }
.sev { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: .8rem; font-weight: 600; color: #fff; }
.sev-critical { background: #7b241c; } .sev-high { background: #c0392b; } .sev-medium { background: #b9770e; }
.sev-low { background: #2e86c1; } .sev-info { background: #717d7e; }
.basis-mandatory { color: #a93226; font-weight: 700; }
article.referral { border: 1px solid var(--line); border-left: 5px solid #c0392b; border-radius: 6px; padding: 4px 16px 10px; margin: 14px 0; break-inside: avoid; }
article.referral.voluntary { border-left-color: #b9770e; }
article.referral.assess { border-left-color: #5b2c6f; }
.status-overdue { color: #a93226; font-weight: 700; }
.status-referred, .status-assessed { color: #2e7d4f; font-weight: 700; }
p.statement { font-weight: 600; margin: 8px 0; }
.dismissed { color: var(--muted); font-style: italic; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 14px; margin: 8px 0; }
dl.facts dt { font-weight: 600; color: var(--muted); }
dl.facts dd { margin: 0; }
ul.tight { margin: 0; padding-left: 18px; }
figure { margin: 16px 0 28px; break-inside: avoid; }
figcaption { font-weight: 600; margin-bottom: 6px; }
svg.chart { max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
details.data summary { cursor: pointer; color: var(--muted); margin-top: 4px; }
details.data table { width: auto; min-width: 40%; }
.note { color: var(--muted); font-style: italic; }
footer { margin-top: 48px; color: var(--muted); font-size: .85rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  section { break-before: page; }
  section#summary { break-before: avoid; }
  h2, h3 { break-after: avoid; }
  .table-wrap { overflow: visible; }
  table { font-size: 8.5pt; }
  thead { display: table-header-group; }
  tr, figure, article.referral { break-inside: avoid; }
  details.data::details-content { content-visibility: visible; display: block; }
  details.data summary { display: none; }
  .sev { color: #000; border: 1px solid #000; background: none !important; }
  a { color: inherit; text-decoration: none; }
}
`;

interface Column {
  readonly head: string;
  readonly num?: boolean;
  readonly mono?: boolean;
  /** Ids, dates, rule names: kept on one line when short, so `APP-2023-0142` never splits at a hyphen. */
  readonly key?: boolean;
}

/** Longer key values (a hostile or odd id) may wrap rather than widen the table off the page. */
const KEY_NOWRAP_MAX = 28;

/** A table whose cells are already-escaped HTML. */
function table(columns: readonly Column[], rows: readonly (readonly string[])[], caption?: string): string {
  const cls = (c: Column | undefined, cell: string): string => {
    const short = c?.key === true && cell.replace(/<[^>]*>/g, '').length <= KEY_NOWRAP_MAX;
    const names = [c?.num ? 'num' : '', c?.mono ? 'mono' : '', short ? 'key' : ''].filter((n) => n !== '');
    return names.length > 0 ? ` class="${names.join(' ')}"` : '';
  };
  const head = columns.map((c) => `<th scope="col"${c.num ? ' class="num"' : ''}>${h(c.head)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((cell, i) => `<td${cls(columns[i], cell)}>${cell}</td>`).join('')}</tr>`).join('\n');
  return `<div class="table-wrap"><table>${caption ? `<caption class="note">${h(caption)}</caption>` : ''}<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table></div>`;
}

const sev = (s: Severity): string => `<span class="sev sev-${h(s)}">${h(s)}</span>`;
const list = (items: readonly string[]): string => (items.length === 0 ? '' : items.map(h).join(', '));
const yesNo = (b: boolean): string => (b ? 'yes' : 'no');

/** A date of the report, as a London date (`03/04/2023 09:30`); the JSON keeps ISO 8601. */
const d = (iso: string): string => h(humanDate(iso));

/** Evidence with plain labels, dates as London dates and ids in the id face. */
function evidence(ev: Finding['evidence']): string {
  const entries = humanEvidence(ev);
  if (entries.length === 0) return '<span class="note">none</span>';
  return entries
    .map((x) => `${h(x.label)}: ${x.kind === 'id' && x.values.length > 0 ? `<span class="mono">${x.values.map(h).join(', ')}</span>` : h(valuesText(x.values))}`)
    .join('; ');
}

function card(label: string, value: string | number, alert = false): string {
  return `<div class="card${alert ? ' alert' : ''}"><div class="n">${h(String(value))}</div><div class="l">${h(label)}</div></div>`;
}

function summary(report: Report): string {
  const s = report.summary;
  const r = s.referrals;
  const referred = r.mandatory + r.voluntary;
  const cards = [
    card('IOPC referrals', referred, referred > 0),
    card(ASSESS_HEADING, r.assess, r.assess > 0),
    card('Referrals overdue', r.overdue, r.overdue > 0),
    card('Safeguarding now', s.safeguarding, s.safeguarding > 0),
    card('Findings', s.findings),
    ...(s.dismissed > 0 ? [card('Dismissed', s.dismissed)] : []),
    card('Review', s.review),
    card('Service failures', s.serviceFailures),
    card('Applications audited', s.applications),
    card('Rejected rows', s.dataQuality.rejectedRows),
  ].join('');
  const rows: string[][] = [
    ['Findings by severity', SEVERITIES.map((x) => `${sev(x)} ${s.bySeverity[x]}`).join(' ')],
    ...(s.dismissed > 0 ? [['Dismissed', `${s.dismissed} (the review concluded no_failure)`]] : []),
    ['IOPC referrals', `${r.mandatory} mandatory, ${r.voluntary} voluntary`],
    [ASSESS_HEADING, String(r.assess)],
    ['Referral status', `${r.due} due, ${r.overdue} overdue, ${r.referred} referred (entries: ${r.applications} applications, ${r.staff} staff)`],
    ['Suggested failure type', `${s.suggested.harm} harm, ${s.suggested.service} service, ${s.suggested.administrative} administrative, ${s.suggested.none} none`],
    ['Data quality', `${s.dataQuality.rejectedRows} rejected rows, ${s.dataQuality.findings} data-quality findings`],
  ];
  if (s.baseline) rows.push(['Against the baseline', `${s.baseline.new} new, ${s.baseline.unchanged} unchanged, ${s.baseline.resolved} resolved`]);
  const inputs = table(
    [{ head: 'Input', key: true }, { head: 'File' }, { head: 'Rows read', num: true }, { head: 'Accepted', num: true }, { head: 'Rejected', num: true }],
    report.inputs.map((i) => [h(i.table), h(i.file), String(i.rowsRead), String(i.rowsAccepted), String(i.rowsRejected)]),
  );
  const w = report.worklist;
  // The review's statement first: what the team has concluded and what is left, before the counts.
  const statement = `<p class="statement">${h(statementText(w))}</p>${w.rows ? `<p class="note">${h(worklistRowsText(w.rows))} (sha256 <span class="mono">${h(w.rows.sha256)}</span>).</p>` : ''}`;
  return `<section id="summary"><h2>Summary</h2>${statement}<div class="cards">${cards}</div>${table([{ head: 'Measure' }, { head: 'Value' }], rows)}${inputs}</section>`;
}

/** A dismissed finding stays in the report, marked, so a reader sees what the review set aside. */
const dismissed = (f: Finding): string => (f.dismissed === true ? ` <span class="dismissed">(${h(DISMISSED_MARK)})</span>` : '');

function findingItem(f: Finding): string {
  const who = [f.applicationId !== undefined ? `application ${h(f.applicationId)}` : '', f.staffId !== undefined ? `staff ${h(f.staffId)}` : ''].filter((x) => x !== '').join(', ');
  return `<li>${sev(f.severity)} <strong>${h(f.ruleId)}</strong> · ${who}: ${h(f.message)}${f.status !== undefined ? ` (${h(f.status)})` : ''}${dismissed(f)}<br><span class="note">evidence:</span> ${evidence(f.evidence)} <span class="mono note">${h(f.fingerprint)}</span></li>`;
}

/** The timeline and, beside it, the same entries as a table (the SVG is a picture; the table is the record). */
function chronology(r: Referral, index: number): string {
  const label = (c: Referral['chronology'][number]): string => `${humanDate(c.date)} ${CHRONOLOGY_LABELS[c.event]}${c.ref === undefined ? '' : `: ${c.ref}`}`;
  const svg = chronologyTimeline(`chronology-${r.basis}-${index + 1}`, r.chronology.map((c) => ({ date: c.date, event: c.event, label: label(c) })));
  const rows = r.chronology.map((c) => [d(c.date), h(CHRONOLOGY_LABELS[c.event]), h(c.ref ?? '')]);
  return `${svg}${table([{ head: 'Date', key: true }, { head: 'Event' }, { head: 'Ref' }], rows)}`;
}

function referral(r: Referral, index: number, byFingerprint: ReadonlyMap<string, Finding>): string {
  const facts: [string, string][] = [
    ['Basis', `<span class="basis-${h(r.basis)}">${h(r.basis)}</span>`],
    ['Routes', list(r.routes)],
    ['Status', `<span class="status-${h(r.status)}">${h(r.status)}</span>${r.referredAt !== undefined ? ` on ${d(r.referredAt)}` : ''}${r.iopcReference !== undefined ? ` (IOPC reference ${h(r.iopcReference)})` : ''}`],
    ['Refer by', d(r.referBy)],
    ['Grounds', list(r.grounds)],
    ['Applications', r.applicationIds.length === 0 ? '<span class="note">none</span>' : list(r.applicationIds)],
  ];
  if (r.staff !== undefined) facts.push(['Staff', h(staffText(r.staff))]);
  else if (r.staffId !== undefined) facts.push(['Staff', h(r.staffId)]);
  if (r.suggested !== undefined) facts.push(['Suggested type', h(r.suggested)]);
  facts.push(['Reasons', `<ul class="tight">${r.reasons.map((x) => `<li>${h(x)}</li>`).join('')}</ul>`]);
  if (r.chronology.length > 0) facts.push(['Chronology', chronology(r, index)]);
  facts.push(['Evidence', evidence(r.evidence)]);
  const findings = r.findings.map((fp) => {
    const f = byFingerprint.get(fp);
    return f ? findingItem(f) : `<li class="mono">${h(fp)}</li>`;
  });
  if (findings.length > 0) facts.push(['Findings', `<ul class="tight">${findings.join('')}</ul>`]);
  const kind = r.kind === 'staff' ? 'Staff member' : 'Application';
  return (
    `<article class="referral ${h(r.basis)}"><h3>${index + 1}. ${kind} ${h(r.id)}</h3>` +
    `<dl class="facts">${facts.map(([k, v]) => `<dt>${h(k)}</dt><dd>${v}</dd>`).join('')}</dl></article>`
  );
}

/**
 * The referral cards one by one: at a national size (61,598 referrals at 1M) the section is longer
 * than a JavaScript string can be, so it is written in pieces.
 */
function* cards(entries: readonly Referral[], byFingerprint: ReadonlyMap<string, Finding>): Generator<string> {
  for (let i = 0; i < entries.length; i++) yield `${i === 0 ? '' : '\n'}${referral(entries[i]!, i, byFingerprint)}`;
}

function* referrals(report: Report, byFingerprint: ReadonlyMap<string, Finding>): Generator<string> {
  const entries = report.referrals.filter((r) => r.basis !== 'assess');
  yield '<section id="referrals"><h2>IOPC referrals</h2>';
  if (entries.length === 0) yield '<p>None.</p>';
  else {
    yield `<p>${entries.length} referrals to the Independent Office for Police Conduct.</p>`;
    yield* cards(entries, byFingerprint);
  }
  yield '</section>';
}

/** (v2) Entries of basis `assess`: not referrals, so in their own section. */
function* assess(report: Report, byFingerprint: ReadonlyMap<string, Finding>): Generator<string> {
  const entries = report.referrals.filter((r) => r.basis === 'assess');
  yield `<section id="assess"><h2>${h(ASSESS_HEADING)}</h2>`;
  if (entries.length === 0) yield '<p>None.</p>';
  else {
    yield `<p>${h(ASSESS_NOTE)}</p>`;
    yield* cards(entries, byFingerprint);
  }
  yield '</section>';
}

function safeguarding(report: Report): string {
  const body =
    report.safeguarding.length === 0
      ? '<p>None.</p>'
      : '<p>In priority order: harm already recorded first, then immediate risk, then oldest received.</p>' +
        table(
          [{ head: 'Priority', num: true }, { head: 'Application', key: true }, { head: 'Person at risk', key: true }, { head: 'Received', key: true }, { head: 'Harm recorded' }, { head: 'Immediate risk' }, { head: 'Reasons' }, { head: 'Action' }],
          report.safeguarding.map((s) => [String(s.priority), h(s.applicationId), h(s.personAtRiskId), d(s.receivedAt), yesNo(s.harmRecorded), yesNo(s.immediateRisk), list(s.reasons), h(s.action)]),
        );
  return `<section id="safeguarding"><h2>Safeguarding now</h2>${body}</section>`;
}

function charts(report: Report): string {
  const st = report.statistics;
  const days = table(
    [{ head: 'Year', key: true }, { head: 'Limit (days)' }, { head: 'Cases', num: true }, { head: 'Over limit', num: true }, { head: 'Median', num: true }, { head: '90th percentile', num: true }, { head: 'Longest', num: true }],
    st.outcomeDaysByYear.map((y) => [String(y.year), h(y.limitDays.join(', ')), String(y.cases), String(y.overLimit), String(y.medianDays), String(y.p90Days), String(y.maxDays)]),
  );
  const months = table(
    [{ head: 'Month', key: true }, { head: 'Applications', num: true }, { head: 'With a service failure', num: true }],
    st.failuresByMonth.map((m) => [h(m.month), String(m.applications), String(m.failures)]),
  );
  const funnel = table(
    [{ head: 'Handler', key: true }, { head: 'Cases', num: true }, { head: 'Failures', num: true }, { head: 'Rate', num: true }, { head: '95% limits', num: true }, { head: '99.8% limits', num: true }],
    st.handlerFunnel.handlers.map((p) => [h(p.staffId), String(p.cases), String(p.failures), percent(p.rate), `${percent(p.lower95)} – ${percent(p.upper95)}`, `${percent(p.lower998)} – ${percent(p.upper998)}`]),
    `Overall rate p0 = ${percent(st.handlerFunnel.p0)}`,
  );
  const progress = table(
    [{ head: 'Suggested type', key: true }, { head: 'Applications', num: true }, { head: 'Concluded', num: true }, { head: 'Awaiting', num: true }],
    st.reviewProgress.map((p) => [h(p.suggested), String(p.applications), String(p.concluded), String(p.awaiting)]),
  );
  const figure = (caption: string, svg: string, data: string): string =>
    `<figure><figcaption>${h(caption)}</figcaption>${svg}<details class="data"><summary>Data</summary>${data}</details></figure>`;
  return (
    '<section id="charts"><h2>Charts</h2>' +
    figure('Days from receipt to outcome, by year received, against the limit', outcomeDaysChart(st.outcomeDaysByYear), days) +
    figure('Applications with a service failure, by month received', failuresByMonthChart(st.failuresByMonth), months) +
    figure('Handler service-failure rates: funnel plot with 95% and 99.8% limits', handlerFunnelChart(st.handlerFunnel), funnel) +
    figure('Review progress: concluded and awaiting a conclusion, by suggested type', reviewProgressChart(st.reviewProgress), progress) +
    '</section>'
  );
}

const FINDING_COLUMNS: readonly Column[] = [{ head: 'Rule', key: true }, { head: 'Application', key: true }, { head: 'Staff', key: true }, { head: 'Message' }, { head: 'Evidence' }];

function findingTable(findings: readonly Finding[], withSeverity = false): string {
  const withStatus = findings.some((f) => f.status !== undefined);
  const columns = [...(withSeverity ? [{ head: 'Severity' }] : []), ...FINDING_COLUMNS, ...(withStatus ? [{ head: 'Status' }] : []), { head: 'Fingerprint', mono: true, key: true }];
  const rows = findings.map((f) => [
    ...(withSeverity ? [sev(f.severity)] : []),
    h(f.ruleId),
    h(f.applicationId ?? ''),
    h(f.staffId ?? ''),
    `${h(f.message)}${dismissed(f)}`,
    evidence(f.evidence),
    ...(withStatus ? [h(f.status ?? '')] : []),
    h(f.fingerprint),
  ]);
  return table(columns, rows);
}

function review(report: Report, byFingerprint: ReadonlyMap<string, Finding>): string {
  const listed = report.review.map((fp) => byFingerprint.get(fp)).filter((f): f is Finding => f !== undefined);
  if (listed.length === 0) return '<section id="review"><h2>Review</h2><p>Nothing else to review.</p></section>';
  let out = '<section id="review"><h2>Review</h2><p>Findings that are neither referred nor on the safeguarding list, by severity.</p>';
  for (const s of SEVERITIES) {
    const group = listed.filter((f) => f.severity === s);
    if (group.length === 0) continue;
    const shown = group.slice(0, HTML_LIST_LIMIT);
    out += `<h3>${sev(s)} ${group.length}</h3>${findingTable(shown)}`;
    if (group.length > shown.length) out += `<p class="note">${group.length - shown.length} more ${h(s)} findings not shown here; the full list is in report.json (--format json) and findings.csv (--format csv).</p>`;
  }
  return `${out}</section>`;
}

function resolved(report: Report): string {
  if (!report.baseline) return '';
  const found = report.baseline.resolved;
  const shown = found.slice(0, HTML_LIST_LIMIT);
  return (
    `<section id="resolved"><h2>Resolved since the baseline</h2><p>Baseline sha256 <span class="mono">${h(report.baseline.sha256)}</span></p>` +
    (found.length === 0 ? '<p>None.</p>' : findingTable(shown, true)) +
    (found.length > shown.length ? `<p class="note">${found.length - shown.length} more not shown; the full list is in report.json (--format json).</p>` : '') +
    '</section>'
  );
}

function dataQuality(report: Report): string {
  const rows = report.rejectedRows.slice(0, HTML_LIST_LIMIT);
  const rejected =
    report.rejectedRows.length === 0
      ? '<p>None: every row was accepted.</p>'
      : table(
          [{ head: 'Table', key: true }, { head: 'File' }, { head: 'Line', num: true }, { head: 'Column' }, { head: 'Reason' }],
          rows.map((r) => [h(r.table), h(r.file), String(r.line), h(r.column ?? ''), h(r.reason)]),
        ) +
        (report.rejectedRows.length > rows.length ? `<p class="note">${report.rejectedRows.length - rows.length} more rejected rows not shown; the full list is in report.json (--format json).</p>` : '');
  const dq = report.rules.filter((r) => r.category === 'data-quality');
  const findings =
    dq.length === 0
      ? '<p>No data-quality rule in this audit.</p>'
      : table(
          [{ head: 'Rule', key: true }, { head: 'Findings', num: true }, { head: 'Cases' }],
          dq.map((r) => [h(r.id), String(report.summary.byRule[r.id] ?? '-'), h(casesText(casesOf(report, r.id, HTML_LIST_LIMIT)))]),
        ) + '<p class="note">Each finding, with its message and evidence, is in findings.csv and report.json.</p>';
  return (
    `<section id="data-quality"><h2>Data quality</h2><h3>Rejected rows (${report.rejectedRows.length})</h3>${rejected}` +
    `<h3>Data-quality findings (${report.summary.dataQuality.findings})</h3>${findings}</section>`
  );
}

function provenance(report: Report): string {
  const facts: [string, string][] = [
    ['Tool', `${h(report.tool.name)} ${h(report.tool.version)}`],
    ['As of', d(report.asOf)],
    ['Config sha256', report.config.sha256 === null ? 'none (built-in defaults)' : `<span class="mono">${h(report.config.sha256)}</span>`],
  ];
  return (
    '<section id="provenance"><h2>Method and provenance</h2>' +
    `<dl class="facts">${facts.map(([k, v]) => `<dt>${h(k)}</dt><dd>${v}</dd>`).join('')}</dl>` +
    '<h3>Inputs</h3>' +
    table(
      [{ head: 'Table', key: true }, { head: 'File' }, { head: 'sha256', mono: true }, { head: 'Rows read', num: true }, { head: 'Accepted', num: true }, { head: 'Rejected', num: true }],
      report.inputs.map((i) => [h(i.table), h(i.file), h(i.sha256), String(i.rowsRead), String(i.rowsAccepted), String(i.rowsRejected)]),
    ) +
    '<h3>Rules</h3>' +
    table(
      [
        { head: 'Rule', key: true },
        { head: 'Title' },
        { head: 'Category' },
        { head: 'Severity' },
        { head: 'Enabled' },
        { head: 'Failure type' },
        { head: 'Service failure' },
        { head: 'Decision basis' },
        { head: 'Findings', num: true },
        { head: 'Skipped because' },
      ],
      report.rules.map((r) => [
        h(r.id),
        h(r.title),
        h(r.category),
        sev(r.severity),
        yesNo(r.enabled),
        h(r.failureType),
        yesNo(r.serviceFailure),
        yesNo(r.decisionBasis),
        String(report.summary.byRule[r.id] ?? '-'),
        h(r.skippedReason ?? ''),
      ]),
    ) +
    '</section>'
  );
}

/** The page in pieces, in order; joined, they are the page. */
export function* htmlPieces(report: Report): Generator<string> {
  const byFingerprint = new Map(report.findings.map((f) => [f.fingerprint, f]));
  const title = `DVDS audit report as of ${humanDate(report.asOf)}`;
  const nav = [
    ['summary', 'Summary'],
    ['referrals', 'IOPC referrals'],
    ['assess', 'DSI matters to assess'],
    ['safeguarding', 'Safeguarding now'],
    ['charts', 'Charts'],
    ['review', 'Review'],
    ...(report.baseline ? [['resolved', 'Resolved']] : []),
    ['data-quality', 'Data quality'],
    ['provenance', 'Method and provenance'],
  ]
    .map(([id, label]) => `<li><a href="#${id}">${label}</a></li>`)
    .join('');
  const lines: (string | (() => Iterable<string>))[] = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<header><h1>${h(title)}</h1><p class="lead">Domestic Violence Disclosure Scheme audit by ${h(report.tool.name)} ${h(report.tool.version)}.</p><nav aria-label="Sections"><ol>${nav}</ol></nav></header>`,
    '<main>',
    () => [summary(report)],
    () => referrals(report, byFingerprint),
    () => assess(report, byFingerprint),
    () => [safeguarding(report)],
    () => [charts(report)],
    () => [review(report, byFingerprint)],
    () => [resolved(report)],
    () => [dataQuality(report)],
    () => [provenance(report)],
    '</main>',
    `<footer>${h(report.tool.name)} ${h(report.tool.version)} · as of ${d(report.asOf)} · config sha256 ${h(report.config.sha256 ?? 'none')}</footer>`,
    '</body>',
    '</html>',
  ];
  // Each part built when it is reached, so only one section is held at a time.
  for (const line of lines) {
    if (typeof line === 'string') yield line;
    else yield* line();
    yield '\n';
  }
}

export function renderHtmlText(report: Report): string {
  return [...htmlPieces(report)].join('');
}

export const renderHtml: Formatter = (report) => [
  {
    name: 'report.html',
    get content() {
      return renderHtmlText(report);
    },
    chunks: () => htmlPieces(report),
  },
];
