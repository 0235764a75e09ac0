import { describe, expect, it } from 'vitest';
import { renderCsv } from '../../src/report/csv.js';
import { renderHtml } from '../../src/report/html.js';
import { renderJunit } from '../../src/report/junit.js';
import { renderMd } from '../../src/report/md.js';
import type { Report } from '../../src/report/model.js';
import { statementText } from '../../src/report/statement.js';
import { renderTable } from '../../src/report/table.js';
import { emptyReport } from '../fixtures/report-empty.js';
import { realisticReport } from '../fixtures/report-realistic.js';
import { parseXml } from './xml-check.js';

const REALISTIC =
  'Review progress: 1001 applications screened, 44 reviewed; failures concluded: harm 1, service 1, administrative 2 (no failure 40); ' +
  'referrals to the IOPC: 1 made, 1 due, 1 overdue; DSI matters to assess: 0 assessed, 1 due, 0 overdue; ' +
  '4 suggested failures awaiting a conclusion; 2 disagreements; 1 worklist row no longer in the export';

const one: Report = {
  ...emptyReport,
  worklist: { ...emptyReport.worklist, screened: 1, reviewed: 1, awaiting: 1, disagreements: 1, missingFromExport: 2, rows: realisticReport.worklist.rows! },
};

describe('the review statement', () => {
  it.each([
    ['realistic', realisticReport, REALISTIC],
    [
      'empty',
      emptyReport,
      'Review progress: 0 applications screened, 0 reviewed; failures concluded: harm 0, service 0, administrative 0 (no failure 0); referrals to the IOPC: 0 made, 0 due, 0 overdue; DSI matters to assess: 0 assessed, 0 due, 0 overdue; 0 suggested failures awaiting a conclusion; 0 disagreements',
    ],
    ['singular', one, 'Review progress: 1 application screened, 1 reviewed;'],
  ])('words the %s report exactly, on one line', (_name, report, expected) => {
    const text = statementText(report.worklist);
    expect(text.startsWith(expected)).toBe(true);
    expect(text).not.toContain('\n');
  });

  it('says singular and plural right', () => {
    const text = statementText(one.worklist);
    expect(text).toContain('1 suggested failure awaiting');
    expect(text).toContain('; 1 disagreement;');
    expect(text).toContain('2 worklist rows no longer');
  });

  it('counts worklist rows no longer in the export only when a worklist was read (--review)', () => {
    expect(statementText(emptyReport.worklist)).not.toContain('no longer in the export');
    expect(statementText({ ...emptyReport.worklist, rows: realisticReport.worklist.rows! })).toMatch(/; 0 worklist rows no longer in the export$/);
  });

  it.each([60, 80, 100, 160])('table at %i columns breaks the statement only between its parts', (width) => {
    const content = renderTable(realisticReport, { color: false, width })[0]!.content.split('\n');
    const start = content.findIndex((l) => l.startsWith('Review progress:'));
    const end = content.findIndex((l, i) => i > start && !l.startsWith('  '));
    const lines = content.slice(start, end);
    expect(lines.join(' ').replace(/ {2,}/g, ' ')).toBe(REALISTIC);
    // Where every part fits a line, lines end only between parts.
    if (width >= 80) for (const line of lines.slice(0, -1)) expect(line).toMatch(/;$/);
    for (const line of lines.slice(1)) expect(line).toMatch(/^ {2}\S/);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(width);
  });

  const flat = (s: string): string => s.replace(/\s+/g, ' ');
  const formats: [string, (r: Report) => string][] = [
    ['table', (r) => flat(renderTable(r, { color: false })[0]!.content)],
    ['md', (r) => renderMd(r, { color: false })[0]!.content],
    ['html', (r) => renderHtml(r, { color: false })[0]!.content],
  ];
  it.each(formats)('%s shows the statement and the worklist row accounting', (_name, render) => {
    expect(render(realisticReport)).toContain(REALISTIC);
    expect(render(realisticReport)).toContain('Worklist ../2024-12/worklist.csv: 46 rows read, 45 accepted, 1 rejected');
    expect(render(emptyReport)).toContain('Review progress: 0 applications screened');
    expect(render(emptyReport)).not.toContain('Worklist ');
  });

  it('junit carries the statement as a property', () => {
    const root = parseXml(renderJunit(realisticReport, { color: false })[0]!.content);
    const props = root.children[0]!.children.find((c) => c.name === 'properties')!.children;
    expect(props.find((p) => p.attrs['name'] === 'review')?.attrs['value']).toBe(REALISTIC);
  });
});

describe('dismissed findings', () => {
  it('table: the statement is the first summary line, then Dismissed after Findings', () => {
    const lines = renderTable(realisticReport, { color: false })[0]!.content.split('\n');
    expect(lines[0]).toMatch(/^DVDS audit as of 31\/01\/2025/);
    expect(lines[1]).toBe('');
    expect(lines[2]).toMatch(/^Review progress: 1001 applications screened/);
    const findings = lines.findIndex((l) => l.startsWith('Findings '));
    expect(lines.findIndex((l) => l.startsWith('Applications '))).toBeGreaterThan(2);
    expect(lines[findings + 1]).toBe('Dismissed         1 (the review concluded no_failure)');
    expect(renderTable(emptyReport, { color: false })[0]!.content).not.toContain('Dismissed');
  });

  it('md and html mark the dismissed finding, and only it', () => {
    const md = renderMd(realisticReport, { color: false })[0]!.content;
    const html = renderHtml(realisticReport, { color: false })[0]!.content;
    for (const text of [md, html]) {
      expect(text.match(/dismissed: concluded no\\?_failure/g)).toHaveLength(1);
      expect(text).toMatch(/Disclosure made by telephone\.(<\/[a-z]+>)?\s*(<span class="dismissed">)?\(dismissed: concluded no\\?_failure\)/);
    }
    expect(md).toContain('| Dismissed | 1 (the review concluded no\\_failure) |');
  });

  it('csv: dismissed is yes on that finding only', () => {
    const csv = renderCsv(realisticReport, { color: false })[0]!.content;
    const lines = csv.split('\r\n').filter((l) => l !== '');
    expect(lines[0]).toMatch(/,evidence,dismissed,handler,received,list$/);
    const dismissedRows = lines.filter((l) => /,yes,[^,]*,[^,]*,[^,]*$/.test(l));
    expect(dismissedRows).toHaveLength(1);
    expect(dismissedRows[0]).toContain('APP-2023-0333');
  });

  it('junit: a rule whose findings are all dismissed is skipped, not failed', () => {
    const root = parseXml(renderJunit(realisticReport, { color: false })[0]!.content);
    const tc = root.children[0]!.children.find((c) => c.attrs['name'] === 'disclosure-not-in-person')!;
    expect(tc.children.map((c) => [c.name, c.attrs['message']])).toEqual([['skipped', 'dismissed: the review concluded no_failure']]);
  });
});

describe('review progress chart', () => {
  it('draws concluded and awaiting per suggested type, with its data table', () => {
    const html = renderHtml(realisticReport, { color: false })[0]!.content;
    const svg = html.slice(html.indexOf('<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="chart-review-progress"'));
    expect(svg.length).toBeLessThan(html.length);
    const chart = svg.slice(0, svg.indexOf('</svg>'));
    expect(chart.match(/class="mark concluded"/g)).toHaveLength(4);
    expect(chart.match(/class="mark awaiting"/g)).toHaveLength(4);
    expect(chart).toContain('<title>none: 953 awaiting a conclusion</title>');
    expect(chart).toContain('>1 of 2 concluded</text>');
    expect(html).toContain('<td class="key">service</td><td class="num">3</td><td class="num">1</td><td class="num">2</td>');
  });
});
