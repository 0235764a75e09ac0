/**
 * The `csv` format: `findings.csv` and `referrals.csv`, made to open safely in Excel: a UTF-8 BOM
 * (so Excel reads UTF-8), CRLF line ends, and every cell guarded against formula injection.
 */
import { stringify } from 'csv-stringify/sync';
import type { Finding } from '../engine/types.js';
import { evidenceText, guardCell } from './escape.js';
import type { Formatter, RenderedFile } from './format-types.js';
import type { Referral, Report } from './model.js';

const LIST_SEPARATOR = '; ';

function table(name: string, header: readonly string[], rows: readonly (readonly string[])[]): RenderedFile {
  const content = stringify([header, ...rows.map((row) => row.map(guardCell))], {
    bom: true,
    record_delimiter: 'windows',
    // With a custom record delimiter csv-stringify stops quoting lone CR/LF; a cell holding one must
    // still be quoted or it would split the record when read back.
    quote_record_delimiter: true,
  });
  return { name, content };
}

function findingRow(finding: Finding, withStatus: boolean): string[] {
  const row = [
    finding.fingerprint,
    finding.ruleId,
    finding.severity,
    finding.category,
    finding.applicationId ?? '',
    finding.staffId ?? '',
    finding.firstSeen,
    finding.message,
    evidenceText(finding.evidence),
  ];
  if (withStatus) row.push(finding.status ?? '');
  // Always last, so a v1 reader's columns keep their places.
  row.push(finding.dismissed === true ? 'yes' : '');
  return row;
}

/**
 * One row per entry of `referrals[]`, `assess` entries included (basis `assess`, route
 * `dsi-assess`): a spreadsheet filters on basis; the human formats list them apart.
 */
export const REFERRAL_HEADER = ['kind', 'id', 'basis', 'routes', 'status', 'grounds', 'applications', 'staff', 'refer-by', 'referred-at', 'iopc-reference', 'suggested', 'reasons'] as const;

function referralRow(referral: Referral): string[] {
  return [
    referral.kind,
    referral.id,
    referral.basis,
    referral.routes.join(LIST_SEPARATOR),
    referral.status,
    referral.grounds.join(LIST_SEPARATOR),
    referral.applicationIds.join(LIST_SEPARATOR),
    referral.staffId ?? '',
    referral.referBy,
    referral.referredAt ?? '',
    referral.iopcReference ?? '',
    referral.suggested ?? '',
    referral.reasons.join(LIST_SEPARATOR),
  ];
}

export const renderCsv: Formatter = (report: Report) => {
  const withStatus = report.summary.baseline !== undefined || report.findings.some((f) => f.status !== undefined);
  const findingHeader = ['fingerprint', 'rule', 'severity', 'category', 'application', 'staff', 'first-seen', 'message', 'evidence'];
  if (withStatus) findingHeader.push('status');
  findingHeader.push('dismissed');
  return [
    table('findings.csv', findingHeader, report.findings.map((f) => findingRow(f, withStatus))),
    table('referrals.csv', REFERRAL_HEADER, report.referrals.map(referralRow)),
  ];
};
