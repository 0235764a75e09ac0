import { describe, expect, it } from 'vitest';
import { renderJson, reportJson, reportJsonChunks } from '../../src/report/json.js';
import type { Report } from '../../src/report/model.js';
import { realisticReport } from '../fixtures/report-realistic.js';

const joined = (report: Report): string => [...reportJsonChunks(report)].join('');

describe('reportJsonChunks: the canonical JSON in pieces', () => {
  it('is byte for byte reportJson on a realistic report', () => {
    expect(joined(realisticReport)).toBe(reportJson(realisticReport));
  });

  it('is byte for byte reportJson with empty arrays, an unknown key and a baseline', () => {
    const report = {
      ...realisticReport,
      findings: [],
      rejectedRows: [],
      zExtra: { b: 1, a: [1, { y: 'x\ny' }] },
      baseline: { sha256: 'f'.repeat(64), resolved: realisticReport.findings.slice(0, 2) },
    } as unknown as Report;
    expect(joined(report)).toBe(reportJson(report));
  });

  it('gives a large report in flat pieces of at most one finding or referral each, as many as there are findings', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => ({ ...realisticReport.findings[i % realisticReport.findings.length]!, fingerprint: String(i).padStart(20, '0') }));
    const report = { ...realisticReport, findings: many } as Report;
    const pieces = [...reportJsonChunks(report)];
    expect(pieces.join('')).toBe(reportJson(report));
    // A piece is one element with its separator (written at a deeper indent than JSON.stringify's 4 here
    // gives, hence the slack), or a small member: never a chunk of many findings joined.
    const longest = Math.max(...[...many, ...report.referrals].map((f) => JSON.stringify(f, null, 4).length));
    for (const piece of pieces) expect(piece.length).toBeLessThan(longest + 64);
    expect(pieces.length).toBeGreaterThanOrEqual(many.length);
  });

  it('renderJson offers the pieces beside the whole text', () => {
    const [file] = renderJson(realisticReport, { color: false });
    expect([...file!.chunks!()].join('')).toBe(file!.content);
  });
});
