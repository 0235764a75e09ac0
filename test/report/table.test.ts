import { describe, expect, it } from 'vitest';
import { fit, layout, renderTable } from '../../src/report/table.js';
import type { Report } from '../../src/report/model.js';
import { emptyReport } from '../fixtures/report-empty.js';
import { hostileReport } from '../fixtures/report-hostile.js';
import { baselineReport, realisticReport } from '../fixtures/report-realistic.js';

const ANSI = /\x1b\[[0-9;]*m/;
const render = (report: Report, color = false): string => {
  const files = renderTable(report, { color });
  expect(files.map((f) => f.name)).toEqual(['report.txt']);
  return files[0]!.content;
};
const width = (line: string): number => [...line.replace(/\x1b\[[0-9;]*m/g, '')].length;

describe('table', () => {
  it('writes no escape codes without colour, and some with it', () => {
    expect(render(realisticReport, false)).not.toMatch(/\x1b/);
    expect(render(realisticReport, true)).toMatch(ANSI);
    expect(render(realisticReport, true).replace(/\x1b\[[0-9;]*m/g, '')).toBe(render(realisticReport, false));
  });

  it('starts with the summary, then referrals, safeguarding, counts by rule and the pointer to the full report', () => {
    const text = render(realisticReport);
    const order = [
      'DVDS audit as of 31/01/2025',
      'Findings          17 (critical 2, high 7, medium 4, low 3, info 1)',
      'IOPC referrals    3 (mandatory 1, voluntary 2)',
      'DSI to assess     1',
      'Referral status   due 2, overdue 1, referred 1 (entries: applications 3, staff 1)',
      'Safeguarding now  4',
      'Suggested type    harm 2, service 3, administrative 3, none 993',
      'Rejected rows     5',
      'dvds_cases.csv',
      'IOPC referrals (3)',
      'DSI matters to record and assess (1)',
      'Safeguarding now (4)',
      'Findings by rule',
      '--format md|html|json',
    ];
    let at = -1;
    for (const marker of order) {
      const next = text.indexOf(marker, at + 1);
      expect(next, marker).toBeGreaterThan(at);
      at = next;
    }
    for (const r of realisticReport.referrals) expect(text).toContain(r.id);
    for (const s of realisticReport.safeguarding) expect(text).toContain(s.applicationId);
    expect(text).toMatch(/│ unknown-handler +│ info +│ +- │ skipped: table staff is absent +│/);
    expect(text).toMatch(/│ face-to-face-late +│ low +│ +- │ off +│/);
    expect(text).toMatch(/│ deadline-missed +│ medium +│ +3 │ ran +│/);
    expect(text).toMatch(/│ +1 │ APP-2022-0311 +│ P-0090 +│ 03\/10\/2022 +│ harm recorded +│ no-outcome +│/);
  });

  it('keeps every line within 100 columns, even with hostile ids', () => {
    for (const report of [realisticReport, hostileReport, emptyReport]) {
      for (const line of render(report, true).split('\n')) expect(width(line), line).toBeLessThanOrEqual(100);
    }
  });

  it('lets no terminal escape or control character from the data through', () => {
    const text = render(hostileReport, false);
    expect(text).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    expect(text).toContain('ctl\uFFFD\uFFFD\uFFFD[31mred');
  });

  it('shows basis, status, routes and refer-by of each referral, and lists assess entries apart', () => {
    const text = render(realisticReport);
    const referrals = text.slice(text.indexOf('IOPC referrals (3)'), text.indexOf('DSI matters to record and assess (1)'));
    const assess = text.slice(text.indexOf('DSI matters to record and assess (1)'), text.indexOf('Safeguarding now (4)'));
    expect(referrals).toMatch(/│ application +│ mandatory +│ dsi-and-conduct +│ 20\/01\/2025 +│ deadline-missed +│\n│ APP-2023-0142 +│ overdue +│ conduct-prior-referral +│/);
    expect(referrals).toMatch(/│ APP-2022-0311 +│ due +│ +│ +│ no-outcome +│/);
    expect(referrals).toMatch(/│ PC-1187 +│ referred +│ +│ made +│/);
    expect(referrals).toContain('IOPC-2025/');
    expect(referrals).not.toContain('APP-2024-0187');
    expect(referrals).not.toContain('dsi-assess');
    expect(assess).toMatch(/│ application +│ assess +│ dsi-assess +│ 03\/02\/2025 +│ harm-after-request +│\n│ APP-2024-0187 +│ due +│/);
    expect(assess).toContain('record the DSI');
  });

  it('says None for empty lists and shows the baseline counts', () => {
    const text = render(emptyReport);
    expect(text).toContain('IOPC referrals (0)\nNone.');
    expect(text).toContain('DSI matters to record and assess (0)\nNone.');
    expect(text).toContain('Safeguarding now (0)\nNone.');
    expect(render(baselineReport)).toContain('Against baseline  new 6, unchanged 10, resolved 1');
  });

  it('shows a received date-time as the London date and time, breaking at its time', () => {
    const report: Report = { ...realisticReport, safeguarding: [{ ...realisticReport.safeguarding[0]!, receivedAt: '2021-07-08T08:38+01:00' }] };
    const text = render(report);
    expect(text).toMatch(/│ 08\/07\/2021 +│/);
    expect(text).toMatch(/│ 08:38 +│/);
    expect(text).not.toContain('2021-07-08');
  });

  it('shows the first 40 safeguarding entries and says how many more there are', () => {
    const many: Report = {
      ...realisticReport,
      safeguarding: Array.from({ length: 45 }, (_, i) => ({ ...realisticReport.safeguarding[0]!, applicationId: `APP-${String(i + 1).padStart(3, '0')}`, priority: i + 1 })),
    };
    const text = render(many);
    expect(text).toContain('APP-040');
    expect(text).not.toContain('APP-041');
    expect(text).toContain('5 more not shown');
  });
});

describe('table: a screenful per list at any size (issue 13 item 5)', () => {
  const [mandatory, , assess] = [realisticReport.referrals[0]!, realisticReport.referrals[1]!, realisticReport.referrals.find((r) => r.basis === 'assess')!];
  function sized(n: number): Report {
    const id = (prefix: string, i: number) => `${prefix}-${String(i + 1).padStart(5, '0')}`;
    return {
      ...realisticReport,
      referrals: [
        ...Array.from({ length: n }, (_, i) => ({ ...mandatory, id: id('REF', i), applicationIds: [id('REF', i)] })),
        ...Array.from({ length: n }, (_, i) => ({ ...assess, id: id('DSI', i), applicationIds: [id('DSI', i)] })),
      ],
      safeguarding: Array.from({ length: n }, (_, i) => ({ ...realisticReport.safeguarding[0]!, applicationId: id('SG', i), priority: i + 1 })),
    };
  }

  it('lists the first 40 referrals and DSI matters to assess, and says how many more there are', () => {
    const text = render(sized(1000));
    expect(text).toContain('REF-00040');
    expect(text).not.toContain('REF-00041');
    expect(text).toContain('DSI-00040');
    expect(text).not.toContain('DSI-00041');
    expect(text.match(/960 more not shown: the full list is in --format md, html, csv or json \(with --out DIR\)\./g)).toHaveLength(3);
  });

  it('is the same length for 50 entries per list as for 5,000: its cost does not grow with the export', () => {
    const lengths = [50, 5000].map((n) => render(sized(n)).replace(/\d+/g, '#').length);
    expect(lengths[0]).toBe(lengths[1]);
  });

  it('shows no "more" line for a list that fits', () => {
    expect(render(sized(40))).not.toContain('more not shown');
  });
});

describe('table layout', () => {
  // Longer than the Entry and Application columns were (13 and 14 inside): once split as `DVDS-2022-087` / `7`.
  const LONG = 'DVDS-2022-0877-REF/00042';
  const long: Report = {
    ...realisticReport,
    referrals: realisticReport.referrals.map((r, i) => (i === 0 ? { ...r, id: LONG, applicationIds: [LONG] } : r)),
    safeguarding: realisticReport.safeguarding.map((e, i) => (i === 0 ? { ...e, applicationId: LONG } : e)),
  };
  const at = (columns: number): string => renderTable(long, { color: false, width: columns })[0]!.content;

  it.each([80, 100, 160])('keeps a long id whole on one line at %i columns', (columns) => {
    const lines = at(columns).split('\n');
    // Once in the referrals' Entry column, once in the safeguarding list.
    expect(lines.filter((line) => line.includes(LONG))).toHaveLength(2);
    for (const r of realisticReport.referrals.slice(1)) expect(lines.some((line) => line.includes(r.id)), r.id).toBe(true);
    for (const rule of realisticReport.rules) expect(lines.some((line) => line.includes(rule.id)), rule.id).toBe(true);
  });

  it('fits the width it is given when whole words allow, else is as narrow as they allow', () => {
    for (const line of at(160).split('\n')) expect(width(line), line).toBeLessThanOrEqual(160);
    for (const line of render(realisticReport).split('\n')) expect(width(line), line).toBeLessThanOrEqual(100);
    // The referral table's whole words (the long id, routes, rule ids) need 107 columns: at 80 and at
    // 100 it is exactly that wide, and only table lines go past the width.
    for (const columns of [80, 100]) {
      const lines = at(columns).split('\n');
      expect(Math.max(...lines.map(width))).toBe(107);
      expect(lines.filter((line) => width(line) > columns && !/^[│┌├└]/.test(line))).toEqual([]);
    }
  });

  it('still breaks a hostile value it does not widen for, so no line runs off', () => {
    for (const line of renderTable(hostileReport, { color: false, width: 80 })[0]!.content.split('\n')) {
      expect(width(line), line).toBeLessThanOrEqual(100);
    }
  });
});

describe('layout', () => {
  it('widens a column to its longest word and takes the room from the widest slack', () => {
    expect(layout([6, 20], [['abcdefghij', 'x']], 40)).toEqual([12, 20]);
    expect(layout([6, 20], [['abcdefghij', 'x']], 30)).toEqual([12, 15]);
    // Nothing left to take: wider than the budget rather than split.
    expect(layout([6, 6], [['abcdefghij', 'abcdefghij']], 20)).toEqual([12, 12]);
  });
});

describe('fit', () => {
  it.each([
    ['harm-after-request no-outcome', 20, 'harm-after-request\nno-outcome'],
    ['abcdefghij', 4, 'abcd\nefgh\nij'],
    ['a b\nc', 10, 'a b\nc'],
    ['', 5, ''],
  ])('%j at %i', (text, w, expected) => expect(fit(text, w)).toBe(expected));
});
