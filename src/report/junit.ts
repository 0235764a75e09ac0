/**
 * The `junit` format (`junit.xml`) for CI servers: a testsuite of the rules, one testcase per rule,
 * one failure per finding, and `<skipped>` for a rule that was off or could not run; (v2) then a
 * testsuite of the referral entries, one testcase each (classname `dvds-audit.referrals`, or
 * `dvds-audit.assess` for a DSI matter to record and assess), failing while it is due or overdue
 * and passing once referred or assessed, its basis, routes and status in the text. Every value
 * is escaped and characters XML 1.0 forbids are dropped, so the file always parses.
 */
import type { Finding } from '../engine/types.js';
import { escapeXml, escapeXmlAttr, evidenceText } from './escape.js';
import type { Formatter } from './format-types.js';
import type { Referral, Report, RuleStatus } from './model.js';
import { statementText } from './statement.js';

const CLASSNAME = 'dvds-audit';

function attrs(pairs: Record<string, string | number>): string {
  return Object.entries(pairs)
    .map(([key, value]) => ` ${key}="${escapeXmlAttr(String(value))}"`)
    .join('');
}

function failure(finding: Finding): string {
  const subject = [
    finding.applicationId !== undefined ? `application: ${finding.applicationId}` : null,
    finding.staffId !== undefined ? `staff: ${finding.staffId}` : null,
  ].filter((line): line is string => line !== null);
  const lines = [
    ...subject,
    `severity: ${finding.severity}`,
    `category: ${finding.category}`,
    ...(finding.status !== undefined ? [`status: ${finding.status}`] : []),
    `evidence: ${evidenceText(finding.evidence)}`,
    `fingerprint: ${finding.fingerprint}`,
  ];
  return `      <failure${attrs({ message: finding.message, type: finding.severity })}>${escapeXml(lines.join('\n'))}</failure>\n`;
}

const REFERRALS_SUITE = `${CLASSNAME}.referrals`;
const ASSESS_CLASS = `${CLASSNAME}.assess`;

function referralLines(r: Referral): string[] {
  return [
    `basis: ${r.basis}`,
    `routes: ${r.routes.join(', ')}`,
    `status: ${r.status}`,
    `refer by: ${r.referBy}`,
    ...(r.referredAt !== undefined ? [`referred at: ${r.referredAt}`] : []),
    ...(r.iopcReference !== undefined ? [`iopc reference: ${r.iopcReference}`] : []),
    ...(r.suggested !== undefined ? [`suggested: ${r.suggested}`] : []),
    `grounds: ${r.grounds.join(', ')}`,
    `applications: ${r.applicationIds.join(', ')}`,
    ...(r.staffId !== undefined ? [`staff: ${r.staffId}`] : []),
    ...r.reasons.map((reason) => `reason: ${reason}`),
    `findings: ${r.findings.join(', ')}`,
  ];
}

/** Open (due, overdue) entries fail; a made referral or a concluded assessment passes. */
const isOpen = (r: Referral): boolean => r.status === 'due' || r.status === 'overdue';

function referralCase(r: Referral): string {
  const caseAttrs = attrs({ name: `${r.kind} ${r.id}`, classname: r.basis === 'assess' ? ASSESS_CLASS : REFERRALS_SUITE });
  const text = escapeXml(referralLines(r).join('\n'));
  if (!isOpen(r)) return `    <testcase${caseAttrs}>\n      <system-out>${text}</system-out>\n    </testcase>\n`;
  const what = r.basis === 'assess' ? `DSI matter to record and assess (${r.routes.join(', ')})` : `IOPC referral, ${r.basis} (${r.routes.join(', ')})`;
  return `    <testcase${caseAttrs}>\n      <failure${attrs({ message: `${what} ${r.status}: refer by ${r.referBy}`, type: r.status })}>${text}</failure>\n    </testcase>\n`;
}

function skippedMessage(rule: RuleStatus | undefined): string | null {
  if (rule === undefined) return null;
  if (!rule.enabled) return 'rule disabled';
  return rule.skippedReason ?? null;
}

/** One rule's testcase: its findings not dismissed, and how many were. */
interface RuleCase {
  readonly id: string;
  readonly skip: string | null;
  readonly open: readonly Finding[];
  readonly dismissed: number;
}

/**
 * The file in pieces, a failure at a time: at a national size (~780,000 findings) the whole file
 * is longer than a JavaScript string can be. The counts in the opening tags are worked out first.
 */
function* junitPieces(report: Report): Generator<string> {
  const byRule = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    const list = byRule.get(finding.ruleId);
    if (list) list.push(finding);
    else byRule.set(finding.ruleId, [finding]);
  }
  const ruleIds = report.rules.map((r) => r.id);
  // A finding of a rule the list does not name (it should not happen) still gets its testcase.
  const known = new Set(ruleIds);
  const extra = [...byRule.keys()].filter((id) => !known.has(id)).sort();
  const statusOf = new Map(report.rules.map((r) => [r.id, r]));

  let skipped = 0;
  const ruleCases: RuleCase[] = [...ruleIds, ...extra].map((id) => {
    const findings = byRule.get(id) ?? [];
    // A dismissed finding is not a failure: the review concluded no_failure. A rule whose findings
    // are all dismissed is a skipped testcase, so CI neither fails on it nor loses sight of it.
    const open = findings.filter((f) => f.dismissed !== true);
    const skip = findings.length === 0 ? skippedMessage(statusOf.get(id)) : open.length === 0 ? 'dismissed: the review concluded no_failure' : null;
    if (skip !== null) skipped += 1;
    return { id, skip, open, dismissed: findings.length - open.length };
  });
  const tests = ruleIds.length + extra.length;
  const counts = { tests, failures: report.findings.filter((f) => f.dismissed !== true).length, errors: 0, skipped };
  const referralCounts = { tests: report.referrals.length, failures: report.referrals.filter(isOpen).length, errors: 0, skipped: 0 };
  const total = { tests: counts.tests + referralCounts.tests, failures: counts.failures + referralCounts.failures, errors: 0, skipped };
  const properties = [
    ['tool', `${report.tool.name} ${report.tool.version}`],
    ['asOf', report.asOf],
    ['review', statementText(report.worklist)],
    // No config file: the property is left out rather than given an empty hash.
    ...(report.config.sha256 === null ? [] : [['config.sha256', report.config.sha256]]),
    ...report.inputs.map((input) => [`input.${input.table}.sha256`, input.sha256]),
  ]
    .map(([name, value]) => `      <property${attrs({ name: name ?? '', value: value ?? '' })}/>\n`)
    .join('');
  yield '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites${attrs({ name: CLASSNAME, ...total })}>\n` +
    `  <testsuite${attrs({ name: CLASSNAME, ...counts })}>\n` +
    `    <properties>\n${properties}    </properties>\n`;
  for (const { id, skip, open, dismissed } of ruleCases) {
    const caseAttrs = attrs({ name: id, classname: CLASSNAME });
    if (open.length === 0 && dismissed === 0) {
      yield skip === null ? `    <testcase${caseAttrs}/>\n` : `    <testcase${caseAttrs}>\n      <skipped${attrs({ message: skip })}/>\n    </testcase>\n`;
      continue;
    }
    yield `    <testcase${caseAttrs}>\n${skip === null ? '' : `      <skipped${attrs({ message: skip })}/>\n`}`;
    for (const f of open) yield failure(f);
    const note = dismissed > 0 && open.length > 0 ? `      <system-out>${escapeXml(`dismissed: ${dismissed} (the review concluded no_failure)`)}</system-out>\n` : '';
    yield `${note}    </testcase>\n`;
  }
  yield '  </testsuite>\n' + `  <testsuite${attrs({ name: REFERRALS_SUITE, ...referralCounts })}>\n`;
  for (const r of report.referrals) yield referralCase(r);
  yield '  </testsuite>\n' + '</testsuites>\n';
}

export const renderJunit: Formatter = (report: Report) => [
  {
    name: 'junit.xml',
    get content() {
      return [...junitPieces(report)].join('');
    },
    chunks: () => junitPieces(report),
  },
];
