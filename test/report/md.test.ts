import { describe, expect, it } from 'vitest';
import { MD_LIST_LIMIT, renderMd } from '../../src/report/md.js';
import type { Report } from '../../src/report/model.js';
import { emptyReport } from '../fixtures/report-empty.js';
import { RAW_MARKUP, hostileReport } from '../fixtures/report-hostile.js';
import { baselineReport, realisticReport } from '../fixtures/report-realistic.js';
import { withoutCodeSpans } from '../support/markdown.js';

const render = (report: Report): string => {
  const files = renderMd(report, { color: false });
  expect(files.map((f) => f.name)).toEqual(['report.md']);
  return files[0]!.content;
};

/** Pipes that end a cell: not preceded by an odd run of backslashes. */
const cellBreaks = (line: string): number => (line.match(/(?<!\\)(?:\\\\)*\|/g) ?? []).length;

describe('md', () => {
  it('has the sections a review board reads, in order', () => {
    const md = render(realisticReport);
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual(['## Summary', '## IOPC referrals', '## DSI matters to record and assess', '## Safeguarding now', '## Review', '## Data quality', '## Method and provenance']);
    expect(md.startsWith('# DVDS audit report as of 31/01/2025\n')).toBe(true);
  });

  it('gives each referral its grounds, reasons, evidence and findings', () => {
    const md = render(realisticReport);
    expect(md).toContain('### 1. Application `APP-2023-0142` (mandatory)');
    expect(md).toContain('### 3. Staff member `PC-1187` (voluntary)');
    expect(md).toContain('- **Grounds:** deadline-missed, handler-prior-referral');
    expect(md).toContain('- **Refer by:** 03/02/2025');
    expect(md).toContain('  - Handled service failures on applications received after a conduct referral (2022-08-30).');
    // Plain labels and London dates, ids as code spans; json and csv keep the keys and ISO 8601.
    expect(md).toContain('- **Evidence:** Conduct referrals: `CR-0031`; Conduct referral dates: 30/08/2022; Applications: `APP-2023-0142`, `APP-2023-0201`');
    expect(md).toContain('medium · handler-prior-referral · application `APP-2023-0201`, staff `PC-1187`: Handler `PC-1187` had a conduct referral');
    expect(md).toContain('Incident: `INC-88213`; Incident date: 19/06/2023; Harm: serious\\_injury; Received: 09/05/2023; Days after request: 41');
  });

  it('gives each referral its basis, routes, status and refer-by, and lists assess entries apart', () => {
    const md = render(realisticReport);
    const referrals = md.slice(md.indexOf('## IOPC referrals'), md.indexOf('## DSI matters to record and assess'));
    const assess = md.slice(md.indexOf('## DSI matters to record and assess'), md.indexOf('## Safeguarding now'));
    expect(referrals).toContain('3 referrals to the Independent Office for Police Conduct.');
    expect(referrals).toContain('- **Basis:** mandatory\n- **Routes:** dsi-and-conduct, conduct-prior-referral\n- **Status:** overdue\n- **Refer by:** 20/01/2025');
    expect(referrals).toContain('- **Routes:** conduct-gravity\n- **Status:** due\n- **Refer by:** 03/02/2025');
    expect(referrals).toContain('- **Status:** referred\n- **Referred at:** 28/01/2025\n- **IOPC reference:** `IOPC-2025/0113`\n- **Refer by:** 20/01/2025');
    expect(referrals).toContain('- **Suggested type:** harm');
    expect(referrals).not.toContain('APP-2024-0187');
    expect(referrals).not.toContain('dsi-assess');
    expect(assess).toContain('### 1. Application `APP-2024-0187` (assess)');
    expect(assess).toContain('- **Basis:** assess\n- **Routes:** dsi-assess\n- **Status:** due\n- **Refer by:** 03/02/2025');
    expect(md).toContain('| IOPC referrals | **3**: 1 mandatory, 2 voluntary |');
    expect(md).toContain('| DSI matters to record and assess | **1** |');
    expect(md).toContain('| Referral status | 2 due, 1 overdue, 1 referred (entries: 3 applications, 1 staff) |');
    expect(md).toContain('| Suggested failure type | 2 harm, 3 service, 3 administrative, 993 none |');
  });

  it("names the staff by the register's display name and role and lists the chronology on each card", () => {
    const md = render(realisticReport);
    const card = md.slice(md.indexOf('### 1. Application `APP-2023-0142`'), md.indexOf('### 2.'));
    expect(card).toContain('- **Staff:** `PC-1187`, PC Dana Reeve (officer)');
    expect(card).toContain(
      [
        '- **Chronology:**',
        '  - 30/08/2022 Conduct referral: `CR-0031 (psd)`',
        '  - 03/04/2023 09:30 Received',
        '  - 04/04/2023 Check: `CHK-5501 (pnc)`',
        '  - 18/05/2023 Limit ended',
        '  - 19/06/2023 Incident: `INC-88213 (serious_injury)`',
      ].join('\n'),
    );
    // No staff register entry: the id alone; no chronology: no heading.
    const second = md.slice(md.indexOf('### 2.'), md.indexOf('### 3.'));
    expect(second).not.toContain('Chronology');
  });

  it('lists the data-quality cases by id, not only their count', () => {
    const md = render(realisticReport);
    const section = md.slice(md.indexOf('### Data-quality findings'), md.indexOf('## Method'));
    expect(section).toContain('| date-order | 1 | application `APP-2021-0904` |');
    expect(section).toContain('| future-date | 1 | application `APP-2024-0230` |');
    const many: Report = {
      ...realisticReport,
      findings: Array.from({ length: 103 }, (_, i) => ({ ...realisticReport.findings.find((f) => f.ruleId === 'date-order')!, applicationId: `APP-${String(i).padStart(3, '0')}`, fingerprint: `dq${i}` })),
    };
    const capped = render(many);
    expect(capped).toContain('application `APP-099`; +3 more |');
    expect(capped).not.toContain('APP-100');
  });

  it('lists safeguarding in priority order and the review by severity', () => {
    const md = render(realisticReport);
    expect(md).toContain('| 1 | `APP-2022-0311` | `P-0090` | 03/10/2022 | yes | no | no-outcome | Arrange an urgent face-to-face disclosure review. |');
    const order = ['| 1 | `APP-2022-0311`', '| 2 | `APP-2024-0019`', '| 3 | `APP-2023-0077`', '| 4 | `APP-2023-0458`', '### High (1)', '### Medium (1)', '### Low (3)', '### Info (1)'];
    const at = order.map((m) => md.indexOf(m));
    expect(at.every((x) => x >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // The review list shows only the review fingerprints, not referred or safeguarding findings.
    const review = md.slice(md.indexOf('## Review'), md.indexOf('## Data quality'));
    for (const f of realisticReport.findings) expect(review.includes(f.fingerprint)).toBe(realisticReport.review.includes(f.fingerprint));
  });

  it('states method and provenance', () => {
    const md = render(realisticReport);
    expect(md).toContain('- **Config sha256:** 3f2a9c0d1e4b5a6978c1d2e3f40516273849a0b1c2d3e4f5061728394a5b6c7d');
    expect(md).toContain('| applications | dvds\\_cases.csv | a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90 | 1004 | 1001 | 3 |');
    expect(md).toContain('| unknown-handler | Handler not in the staff register | data-quality | info | yes | none | no | no | - | table staff is absent |');
    expect(md).toContain('| face-to-face-late | Right to Ask meeting later than 10 working days | timeliness | low | no | administrative | no | no | - |   |');
    expect(md).toContain('| withheld-despite-history | Disclosure withheld despite a domestic abuse history | safeguarding | high | yes | service | yes | yes | 1 |   |');
    expect(md).toContain('| applications | dvds\\_cases.csv | 214 | Date Received | "31/02/2023" is not a date in dd/MM/yyyy |');
    expect(render(emptyReport)).toContain('- **Config sha256:** none (built-in defaults)');
  });

  it('caps a long review list and says how many were left out and where they are', () => {
    const extra = Array.from({ length: MD_LIST_LIMIT + 7 }, (_, i) => ({ ...realisticReport.findings.at(-2)!, severity: 'low' as const, fingerprint: `x${String(i).padStart(19, '0')}` }));
    const report: Report = { ...realisticReport, findings: [...realisticReport.findings, ...extra], review: [...realisticReport.review, ...extra.map((f) => f.fingerprint)] };
    const md = render(report);
    expect(md).toContain(`### Low (${MD_LIST_LIMIT + 10})`);
    expect(md).toContain('10 more low findings not shown here; the full list is in `--format json` (report.json) and `--format csv` (findings.csv).');
  });

  it('shows baseline status and resolved findings', () => {
    const md = render(baselineReport);
    expect(md).toContain('| Against the baseline | 6 new, 10 unchanged, 1 resolved |');
    expect(md).toContain('## Resolved since the baseline');
    expect(md).toContain('APP-2022-0007');
    expect(md).toContain('| Rule | Application | Staff | Message | Evidence | Status | Fingerprint |');
  });

  it('renders an empty audit', () => {
    const md = render(emptyReport);
    expect(md).toContain('## IOPC referrals\n\nNone.');
    expect(md).toContain('## DSI matters to record and assess\n\nNone.');
    expect(md).toContain('## Safeguarding now\n\nNone.');
    expect(md).toContain('## Review\n\nNothing else to review.');
  });

  it('keeps hostile values inert: no markup, no broken table rows, no controls', () => {
    const md = render(hostileReport);
    // Inside a code span markup is text (a renderer escapes it); outside one it must be escaped.
    const outside = withoutCodeSpans(md);
    for (const raw of RAW_MARKUP) expect(outside).not.toContain(raw);
    expect(md).toContain('&lt;script&gt;window.\\_\\_pwned=1;alert(1)&lt;/script&gt;');
    expect(md).toContain('`<script>window.__pwned=1;alert(1)</script>`');
    expect(md).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    // Every table keeps its column count: no value adds a cell or ends a row early.
    const lines = md.split('\n');
    let columns = 0;
    for (const line of lines) {
      if (!line.startsWith('|')) {
        columns = 0;
        continue;
      }
      if (columns === 0) columns = cellBreaks(line);
      expect(cellBreaks(line), line).toBe(columns);
      expect(line.endsWith('|')).toBe(true);
    }
    // No unescaped Markdown that would start code, emphasis or a link.
    for (const line of withoutCodeSpans(md).split('\n').filter((l) => !l.startsWith('#'))) {
      const body = line.replace(/\*\*([A-Za-z0-9 ]+:|[0-9]+)\*\*/g, '').replace(/^\s*- /, '');
      expect(body, line).not.toMatch(/(?<!\\)(?:\\\\)*[`[\]*_]/);
    }
  });

  it('writes ids as code spans, so a linkifying renderer leaves a URL-like id as text and a backtick cannot end the span (issue 15 item 9)', () => {
    const url = 'https://evil.example/x?a=1';
    const tick = 'DV`00`000255';
    const base = realisticReport.findings.find((f) => f.ruleId === 'initial-checks-late')!;
    const report: Report = {
      ...realisticReport,
      findings: [
        { ...base, applicationId: url, fingerprint: 'u1', message: `Application ${url} was late.` },
        { ...base, applicationId: tick, fingerprint: 'u2', message: `Application ${tick} was late.` },
      ],
      review: ['u1', 'u2'],
      safeguarding: [{ ...realisticReport.safeguarding[0]!, applicationId: url, personAtRiskId: 'www.evil.example' }],
    };
    const md = render(report);
    expect(md).toContain('| 1 | `https://evil.example/x?a=1` | `www.evil.example` |');
    expect(md).toContain('| `https://evil.example/x?a=1` |   | Application `https://evil.example/x?a=1` was late. |');
    expect(md).toContain('| ``DV`00`000255`` |   | Application ``DV`00`000255`` was late. |');
    // Outside code spans, no id is left for a renderer to link.
    const outside = withoutCodeSpans(md);
    expect(outside).not.toContain('evil.example');
    expect(outside).not.toContain('000255');
  });
});

describe('md: written in pieces (issue 13 item 2)', () => {
  it('its pieces joined are the file, ending in one line break, a referral card never one piece with the rest', () => {
    const many: Report = {
      ...realisticReport,
      referrals: Array.from({ length: 500 }, (_, i) => ({ ...realisticReport.referrals[0]!, id: `APP-${i}`, applicationIds: [`APP-${i}`] })),
    };
    for (const report of [realisticReport, emptyReport, baselineReport, many]) {
      const [file] = renderMd(report, { color: false });
      const pieces = [...file!.chunks!()];
      expect(pieces.join('')).toBe(file!.content);
      expect(file!.content).toMatch(/[^\n]\n$/);
      if (report === many) expect(Math.max(...pieces.map((p) => p.length)) * 50).toBeLessThan(file!.content.length);
    }
  });
});

describe('md at a national size', () => {
  // 265,696 safeguarding entries at 1M overflowed the stack when the table's lines were spread into a call.
  it('lists 200,000 safeguarding entries', () => {
    const entry = realisticReport.safeguarding[0]!;
    const report: Report = { ...realisticReport, safeguarding: Array.from({ length: 200_000 }, (_, i) => ({ ...entry, priority: i + 1 })) };
    const [file] = renderMd(report, { color: false });
    expect([...file!.chunks!()].join('')).toContain('| 200000 |');
  });
});
