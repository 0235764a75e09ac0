import { describe, expect, it } from 'vitest';
import { HOSTILE, RAW_MARKUP, hostileReport } from '../fixtures/report-hostile.js';
import { emptyReport } from '../fixtures/report-empty.js';
import { baselineReport, realisticReport } from '../fixtures/report-realistic.js';
import { CSP, HTML_LIST_LIMIT, renderHtml } from '../../src/report/html.js';
import { escapeHtml } from '../../src/report/escape.js';
import { niceScale } from '../../src/report/charts.js';
import type { Report } from '../../src/report/model.js';

const render = (report: Report): string => {
  const files = renderHtml(report, { color: false });
  expect(files.map((f) => f.name)).toEqual(['report.html']);
  return files[0]!.content;
};

describe('html', () => {
  it('is one self-contained file: strict CSP, no script, no external reference', () => {
    for (const report of [realisticReport, hostileReport, emptyReport, baselineReport]) {
      const html = render(report);
      expect(CSP).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
      expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${CSP}">`);
      expect(html.toLowerCase()).not.toContain('<script');
      // No tag (data never makes one: its `<` is escaped) carries a fetching or scripting attribute.
      const tags = html.match(/<[a-zA-Z][^>]*>/g) ?? [];
      for (const tag of tags) expect(tag).not.toMatch(/\s(src|srcset|action|formaction|poster|data|on[a-z]+)\s*=/i);
      expect(tags.map((t) => /^<([a-zA-Z]+)/.exec(t)![1]!.toLowerCase()).filter((n) => ['script', 'img', 'link', 'iframe', 'object', 'embed', 'x'].includes(n))).toEqual([]);
      // Links only to the page's own sections, and the SVG namespace declaration.
      const refs = [...html.matchAll(/\b(?:href|xlink:href)="([^"]*)"/g)].map((m) => m[1]);
      for (const ref of refs) expect(ref).toMatch(/^#[a-z-]+$/);
      expect(html).not.toMatch(/url\((?!#funnel-clip\))/);
      expect(html).not.toMatch(/@import/);
    }
  });

  it('is byte-identical on a second render', () => {
    expect(render(realisticReport)).toBe(render(realisticReport));
  });

  it('has the sections, three charts with titles, and the data behind them', () => {
    const html = render(realisticReport);
    const ids = [...html.matchAll(/<section id="([a-z-]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(['summary', 'referrals', 'assess', 'safeguarding', 'charts', 'review', 'data-quality', 'provenance']);
    const svgs = [...html.matchAll(/<svg [^>]*class="chart"[^>]*role="img"[^>]*aria-label="([^"]+)"[^>]*>/g)].map((m) => m[1]);
    expect(svgs).toHaveLength(4);
    expect(html).toContain('<title id="chart-outcome-days-title">Days from receipt to outcome by year received, against the time limit</title>');
    // The limit lines: 2023 had both limits.
    expect((html.match(/<line class="limit"/g) ?? []).length).toBe(5);
    expect((html.match(/<circle class="mark"/g) ?? []).length).toBe(realisticReport.statistics.handlerFunnel.handlers.length);
    expect(html).toContain('<td class="key">2023</td><td>35, 28</td><td class="num">265</td>');
    expect(html).toContain('<caption class="note">Overall rate p0 = 17.2%</caption>');
    expect(html).toContain('<span class="basis-mandatory">mandatory</span>');
    expect(html).toContain('<td class="num">1</td><td class="key">APP-2022-0311</td><td class="key">P-0090</td><td class="key">03/10/2022</td><td>yes</td><td>no</td>');
  });

  it('shows basis, routes, status and refer-by of each referral, and lists assess entries apart', () => {
    const html = render(realisticReport);
    const referrals = html.slice(html.indexOf('<section id="referrals">'), html.indexOf('<section id="assess">'));
    const assess = html.slice(html.indexOf('<section id="assess">'), html.indexOf('<section id="safeguarding">'));
    expect(referrals).toContain('<p>3 referrals to the Independent Office for Police Conduct.</p>');
    expect(referrals).toContain(
      '<dt>Basis</dt><dd><span class="basis-mandatory">mandatory</span></dd><dt>Routes</dt><dd>dsi-and-conduct, conduct-prior-referral</dd><dt>Status</dt><dd><span class="status-overdue">overdue</span></dd><dt>Refer by</dt><dd>20/01/2025</dd>',
    );
    expect(referrals).toContain('<dt>Routes</dt><dd>conduct-gravity</dd><dt>Status</dt><dd><span class="status-due">due</span></dd>');
    expect(referrals).toContain('<span class="status-referred">referred</span> on 28/01/2025 (IOPC reference IOPC-2025/0113)');
    expect(referrals).not.toContain('APP-2024-0187');
    expect(referrals).not.toContain('dsi-assess');
    expect(assess).toContain('<h2>DSI matters to record and assess</h2>');
    expect(assess).toContain('<article class="referral assess"><h3>1. Application APP-2024-0187</h3>');
    expect(assess).toContain('<dt>Routes</dt><dd>dsi-assess</dd><dt>Status</dt><dd><span class="status-due">due</span></dd><dt>Refer by</dt><dd>03/02/2025</dd>');
    expect(html).toContain('<tr><td>IOPC referrals</td><td>1 mandatory, 2 voluntary</td></tr>');
    expect(html).toContain('<tr><td>Referral status</td><td>2 due, 1 overdue, 1 referred (entries: 3 applications, 1 staff)</td></tr>');
    expect(html).toContain('<tr><td>Suggested failure type</td><td>2 harm, 3 service, 3 administrative, 993 none</td></tr>');
    expect(html).toContain('<td class="key">withheld-despite-history</td><td>Disclosure withheld despite a domestic abuse history</td><td>safeguarding</td><td><span class="sev sev-high">high</span></td><td>yes</td><td>service</td><td>yes</td><td>yes</td>');
  });

  it("names the staff and draws each card's chronology as an inline SVG beside the same entries as a table", () => {
    const html = render(realisticReport);
    const start = html.indexOf('<article class="referral mandatory">');
    const card = html.slice(start, html.indexOf('</article>', start));
    expect(card).toContain('<dt>Staff</dt><dd>PC-1187, PC Dana Reeve (officer)</dd>');
    const svg = card.slice(card.indexOf('<svg'), card.indexOf('</svg>') + 6);
    expect(svg).toContain('class="timeline" id="chronology-mandatory-1" role="img" aria-label="Chronology, 30/08/2022 to 19/06/2023"');
    // One mark per entry, the limit as a line: four circles and one line besides the axis.
    expect(svg.match(/<circle /g)).toHaveLength(4);
    expect(svg.match(/<line /g)).toHaveLength(2);
    expect(svg).toContain('<title>19/06/2023 Incident: INC-88213 (serious_injury)</title>');
    // Evidence with plain labels and London dates, ids in the id face; json and csv keep the keys.
    expect(html).toContain('Conduct referrals: <span class="mono">CR-0031</span>; Conduct referral dates: 30/08/2022; Applications: <span class="mono">APP-2023-0142, APP-2023-0201</span>');
    expect(html).not.toContain('conductReferralDates=');
    expect(card).toContain('<tr><td class="key">18/05/2023</td><td>Limit ended</td><td></td></tr>');
    expect(card).toContain('<td>Check</td><td>CHK-5501 (pnc)</td>');
    expect(html.match(/id="chronology-/g)).toHaveLength(2);
  });

  it('lists the data-quality cases by id, not only their count', () => {
    const html = render(realisticReport);
    const section = html.slice(html.indexOf('<section id="data-quality">'), html.indexOf('</section>', html.indexOf('<section id="data-quality">')));
    expect(section).toContain('<th scope="col">Cases</th>');
    expect(section).toMatch(/<td[^>]*>date-order<\/td><td[^>]*>1<\/td><td>application APP-2021-0904<\/td>/);
  });

  it('draws "No data" charts for an empty audit and says None', () => {
    const html = render(emptyReport);
    expect((html.match(/<svg [^>]*role="img"/g) ?? []).length).toBe(4);
    expect((html.match(/>No data</g) ?? []).length).toBe(4);
    expect(html).toContain('<section id="referrals"><h2>IOPC referrals</h2><p>None.</p></section>');
    expect(html).toContain('<section id="assess"><h2>DSI matters to record and assess</h2><p>None.</p></section>');
    expect(html).toContain('Config sha256</dt><dd>none (built-in defaults)');
  });

  it('shows baseline status and resolved findings', () => {
    const html = render(baselineReport);
    expect(html).toContain('<section id="resolved">');
    expect(html).toContain('APP-2022-0007');
    expect(html).toContain('6 new, 10 unchanged, 1 resolved');
  });

  it('caps a long review list and says where the rest is', () => {
    const extra = Array.from({ length: HTML_LIST_LIMIT + 3 }, (_, i) => ({ ...realisticReport.findings.at(-2)!, severity: 'low' as const, fingerprint: `x${String(i).padStart(19, '0')}` }));
    const report: Report = { ...realisticReport, findings: [...realisticReport.findings, ...extra], review: [...realisticReport.review, ...extra.map((f) => f.fingerprint)] };
    expect(render(report)).toContain('6 more low findings not shown here; the full list is in report.json (--format json) and findings.csv (--format csv).');
  });

  it('escapes every hostile value, in text, attributes and charts', () => {
    const html = render(hostileReport);
    for (const raw of RAW_MARKUP) expect(html).not.toContain(raw);
    expect(html).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/);
    for (const value of Object.values(HOSTILE)) expect(html).toContain(escapeHtml(value));
    expect(html).toContain('&lt;script&gt;window.__pwned=1;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=&quot;window.__pwned=1;alert(1)&quot;&gt;');
    // Hostile staff ids reach the funnel chart only as escaped text.
    const funnel = html.slice(html.indexOf('<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="chart-handler-funnel"'), html.indexOf('</svg>', html.indexOf('id="chart-handler-funnel"')));
    expect(funnel).toContain('&lt;script&gt;');
  });
});

describe('niceScale', () => {
  it.each([
    [46 * 1.1, 60, 20],
    [26, 30, 10],
    [0.45, 0.5, 0.1],
    [96, 100, 20],
    [0, 1, 0.2],
  ])('%d -> top %d', (max, top, step) => {
    const s = niceScale(max);
    expect(s.top).toBeCloseTo(top, 9);
    expect(s.step).toBeCloseTo(step, 9);
  });
});

describe('html: written in pieces (issue 13 item 2)', () => {
  it('its pieces joined are the page, and each referral card is a piece of its own', () => {
    const many: Report = {
      ...realisticReport,
      referrals: Array.from({ length: 500 }, (_, i) => ({ ...realisticReport.referrals[0]!, id: `APP-${i}`, applicationIds: [`APP-${i}`] })),
    };
    for (const report of [realisticReport, emptyReport, baselineReport, many]) {
      const [file] = renderHtml(report, { color: false });
      const pieces = [...file!.chunks!()];
      expect(pieces.join('')).toBe(file!.content);
      if (report === many) {
        // No piece holds more than a card or a section other than the referrals: the page is never one string.
        const longest = Math.max(...pieces.map((p) => p.length));
        expect(longest * 50).toBeLessThan(file!.content.length);
      }
    }
  });
});
