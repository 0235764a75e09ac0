import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { renderCsv, SAFEGUARDING_HEADER } from '../../src/report/csv.js';
import { evidenceText } from '../../src/report/escape.js';
import { emptyReport } from '../fixtures/report-empty.js';
import { HOSTILE, hostileReport } from '../fixtures/report-hostile.js';
import { baselineReport, realisticReport } from '../fixtures/report-realistic.js';
import type { Report } from '../../src/report/model.js';

function files(report: Report): Record<string, string> {
  return Object.fromEntries(renderCsv(report, { color: false }).map((f) => [f.name, f.content]));
}

function rows(content: string): string[][] {
  expect(content.startsWith('\uFEFF')).toBe(true);
  return parse(content, { bom: true, relax_column_count: false });
}

const referralCells = (x: Report['referrals'][number]): string[] => [
  x.kind,
  x.id,
  x.basis,
  x.routes.join('; '),
  x.status,
  x.grounds.join('; '),
  x.applicationIds.join('; '),
  x.staffId ?? '',
  x.referBy,
  x.referredAt ?? '',
  x.iopcReference ?? '',
  x.suggested ?? '',
  x.reasons.join('; '),
];

const guarded = (s: string): string => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

describe('csv', () => {
  it('writes findings.csv and referrals.csv with a BOM and CRLF line ends', () => {
    const out = files(realisticReport);
    expect(Object.keys(out)).toEqual(['findings.csv', 'referrals.csv', 'safeguarding.csv']);
    for (const content of Object.values(out)) {
      expect(content.startsWith('\uFEFF')).toBe(true);
      expect(content.endsWith('\r\n')).toBe(true);
      expect(content.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    }
  });

  it('has one row per finding and per referral, in the report order', () => {
    const out = files(realisticReport);
    const f = rows(out['findings.csv']!);
    expect(f[0]).toEqual(['fingerprint', 'rule', 'severity', 'category', 'application', 'staff', 'first-seen', 'message', 'evidence', 'dismissed', 'handler', 'received', 'list']);
    expect(f.slice(1).map((r) => r[0])).toEqual(realisticReport.findings.map((x) => x.fingerprint));
    const first = realisticReport.findings[0]!;
    expect(f[1]).toEqual([first.fingerprint, first.ruleId, first.severity, first.category, first.applicationId ?? '', first.staffId ?? '', first.firstSeen, first.message, evidenceText(first.evidence), '', '', '2023-05-09', 'referral']);
    // (v2) handler, received (ISO, as in the JSON) and the list each finding lands on.
    const byFp = new Map(f.slice(1).map((row) => [row[0], row.slice(10)]));
    expect(byFp.get('f0000000000000000008')).toEqual(['PC-1187', '2023-06-01', 'referral']);
    expect(byFp.get('f0000000000000000006')).toEqual(['', '2024-02-29', 'safeguarding']);
    expect(byFp.get('f000000000000000000c')).toEqual(['', '2024-05-03T09:12', 'review']);
    expect(byFp.get('f000000000000000000f')).toEqual(['', '2021-11-08', 'data-quality']);
    expect(byFp.get('f0000000000000000003')).toEqual(['', '', 'review']);
    // (v2) dismissed: yes on the finding the review concluded no_failure, empty elsewhere.
    expect(f.slice(1).map((row) => [row[4], row[9]]).filter(([, d]) => d !== '')).toEqual([['APP-2023-0333', 'yes']]);
    expect(f[1]![8]).toBe('incidentId=INC-88213; occurredAt=2023-06-19; harm=serious_injury; receivedAt=2023-05-09; daysAfterRequest=41');
    expect(f[1]![6]).toBe(first.firstSeen);
    const r = rows(out['referrals.csv']!);
    expect(r[0]).toEqual(['kind', 'id', 'basis', 'routes', 'status', 'grounds', 'applications', 'staff', 'refer-by', 'referred-at', 'iopc-reference', 'suggested', 'reasons']);
    expect(r.slice(1)).toEqual(realisticReport.referrals.map(referralCells));
    // Every entry, assess included, with its route and status.
    expect(r.slice(1).map((x) => [x[1], x[2], x[3], x[4], x[8]])).toEqual([
      ['APP-2023-0142', 'mandatory', 'dsi-and-conduct; conduct-prior-referral', 'overdue', '2025-01-20'],
      ['APP-2022-0311', 'voluntary', 'conduct-gravity', 'due', '2025-02-03'],
      ['PC-1187', 'voluntary', 'conduct-prior-referral', 'referred', '2025-01-20'],
      ['APP-2024-0187', 'assess', 'dsi-assess', 'due', '2025-02-03'],
    ]);
    expect(r[3]!.slice(9, 12)).toEqual(['2025-01-28', 'IOPC-2025/0113', '']);
  });

  it('adds a status column with a baseline, before the dismissed column', () => {
    const f = rows(files(baselineReport)['findings.csv']!);
    expect(f[0]!.slice(-5)).toEqual(['status', 'dismissed', 'handler', 'received', 'list']);
    expect(f.slice(1).map((r) => r.at(-5))).toEqual(baselineReport.findings.map((x) => x.status));
  });

  it('is valid with headers only when there is nothing to report', () => {
    const out = files(emptyReport);
    expect(rows(out['findings.csv']!)).toHaveLength(1);
    expect(rows(out['referrals.csv']!)).toHaveLength(1);
    expect(rows(out['safeguarding.csv']!)).toEqual([[...SAFEGUARDING_HEADER]]);
  });

  it('(v2) writes safeguarding.csv: one row per person to safeguard, in priority order, ISO dates, no free text', () => {
    const s = rows(files(realisticReport)['safeguarding.csv']!);
    expect(s[0]).toEqual(['priority', 'application', 'person-at-risk', 'received', 'handler', 'harm-recorded', 'immediate-risk', 'reasons', 'action']);
    expect(s.slice(1).map((r) => r.slice(0, 7))).toEqual([
      ['1', 'APP-2022-0311', 'P-0090', '2022-10-03', 'PC-2044', 'yes', 'no'],
      ['2', 'APP-2024-0019', 'P-1733', '2024-02-29', '', 'no', 'yes'],
      ['3', 'APP-2023-0077', 'P-0655', '2023-01-20', '', 'no', 'no'],
      ['4', 'APP-2023-0458', 'P-0981', '2023-09-11', '', 'no', 'no'],
    ]);
    expect(s[1]!.slice(7)).toEqual(['no-outcome', 'Arrange an urgent face-to-face disclosure review.']);
  });

  it('guards every formula-looking cell and parses back to the same values', () => {
    const out = files(hostileReport);
    const f = rows(out['findings.csv']!);
    expect(f).toHaveLength(hostileReport.findings.length + 1);
    hostileReport.findings.forEach((x, i) => {
      expect(f[i + 1]).toEqual(
        [x.fingerprint, x.ruleId, x.severity, x.category, x.applicationId ?? '', x.staffId ?? '', x.firstSeen, x.message, evidenceText(x.evidence), x.dismissed === true ? 'yes' : '', '', '', ''].map(guarded),
      );
    });
    const r = rows(out['referrals.csv']!);
    expect(r).toHaveLength(hostileReport.referrals.length + 1);
    hostileReport.referrals.forEach((x, i) => {
      expect(r[i + 1]).toEqual(referralCells(x).map(guarded));
    });
    // No cell of either file starts a formula once read back.
    for (const cell of [...f, ...r].flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    const ids = f.slice(1).map((row) => row[4]);
    expect(ids).toContain(`'${HOSTILE.formula}`);
    expect(ids).toContain(`'${HOSTILE.plus}`);
    expect(ids).toContain(`'${HOSTILE.minus}`);
    expect(ids).toContain(`'${HOSTILE.at}`);
    expect(ids).toContain(`'${HOSTILE.tab}`);
    expect(ids).toContain(`'${HOSTILE.cr}`);
    expect(ids).toContain(HOSTILE.nul);
  });

  it('(issue 15 item 9) quotes ; tab and line breaks and guards each ;/tab part in every file, so no spreadsheet splitting on ; sees a formula', () => {
    const id = "x;=cmd|' /C calc'!A0;y";
    const report: Report = {
      ...realisticReport,
      findings: realisticReport.findings.map((f) => ({ ...f, applicationId: id, message: `a\tb\n=c;@d` })),
      referrals: realisticReport.referrals.map((r) => ({ ...r, id, applicationIds: [id, '+1'] })),
      safeguarding: realisticReport.safeguarding.map((e) => ({ ...e, applicationId: id, personAtRiskId: '-1;+2', handlerId: '\t@h' })),
    };
    for (const [name, content] of Object.entries(files(report))) {
      for (const delimiter of [',', ';']) {
        const records: string[][] = parse(content, { bom: true, delimiter, relax_column_count: true, relax_quotes: true });
        for (const cell of records.flat()) {
          for (const part of cell.split(/[;\t]/)) expect(part, `${name} split on ${delimiter}: ${JSON.stringify(cell)}`).not.toMatch(/^[=+\-@\r]/);
        }
      }
      expect(content, name).toContain(`"x;'=cmd|' /C calc'!A0;y"`);
    }
  });
});
