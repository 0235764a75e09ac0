/**
 * The `csv` format: `findings.csv`, `referrals.csv` and (v2) `safeguarding.csv`, made to open
 * safely in Excel through the one cell writer (src/shared/csv-cell.ts): a UTF-8 BOM, CRLF line
 * ends, every part of every cell guarded against formula injection, and quoted where a
 * spreadsheet could split it. Dates stay ISO 8601 and keys stay the report's: these files are
 * for filtering and joining, the human formats are for reading.
 */
import type { Finding } from '../engine/types.js';
import { csvPieces, csvText } from '../shared/csv-cell.js';
import { evidenceText } from './escape.js';
import type { Formatter, RenderedFile } from './format-types.js';
import type { Referral, Report, SafeguardingEntry } from './model.js';

const LIST_SEPARATOR = '; ';

/** A file whose rows are made as it is written (`rows` runs once per read of the file). */
function table<T>(name: string, header: readonly string[], items: readonly T[], row: (item: T) => readonly string[]): RenderedFile {
  function* records(): Generator<readonly string[]> {
    yield header;
    for (const item of items) yield row(item);
  }
  return {
    name,
    get content() {
      return csvText(records());
    },
    chunks: () => csvPieces(records()),
  };
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
  // After the v1 columns, so a v1 reader's columns keep their places.
  row.push(finding.dismissed === true ? 'yes' : '', finding.handlerId ?? '', finding.receivedAt ?? '', finding.list ?? '');
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

/**
 * (v2) One row per person to safeguard now, in priority order: who, which application, why (the
 * rule ids), since when, who handled it and what to do. No free text and no name: the person at
 * risk by id only.
 */
export const SAFEGUARDING_HEADER = ['priority', 'application', 'person-at-risk', 'received', 'handler', 'harm-recorded', 'immediate-risk', 'reasons', 'action'] as const;

const yesNo = (b: boolean): string => (b ? 'yes' : 'no');

function safeguardingRow(entry: SafeguardingEntry): string[] {
  return [
    String(entry.priority),
    entry.applicationId,
    entry.personAtRiskId,
    entry.receivedAt,
    entry.handlerId ?? '',
    yesNo(entry.harmRecorded),
    yesNo(entry.immediateRisk),
    entry.reasons.join(LIST_SEPARATOR),
    entry.action,
  ];
}

export const renderCsv: Formatter = (report: Report) => {
  const withStatus = report.summary.baseline !== undefined || report.findings.some((f) => f.status !== undefined);
  const findingHeader = ['fingerprint', 'rule', 'severity', 'category', 'application', 'staff', 'first-seen', 'message', 'evidence'];
  if (withStatus) findingHeader.push('status');
  findingHeader.push('dismissed', 'handler', 'received', 'list');
  return [
    table('findings.csv', findingHeader, report.findings, (f) => findingRow(f, withStatus)),
    table('referrals.csv', REFERRAL_HEADER, report.referrals, referralRow),
    table('safeguarding.csv', SAFEGUARDING_HEADER, report.safeguarding, safeguardingRow),
  ];
};
