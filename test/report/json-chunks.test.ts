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

  it('gives pieces of bounded length for a large report', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => ({ ...realisticReport.findings[0]!, fingerprint: String(i).padStart(20, '0') }));
    const report = { ...realisticReport, findings: many } as Report;
    const pieces = [...reportJsonChunks(report)];
    expect(pieces.length).toBeGreaterThan(1);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan((1 << 20) + 10_000);
    expect(pieces.join('')).toBe(reportJson(report));
  });

  it('renderJson offers the pieces beside the whole text', () => {
    const [file] = renderJson(realisticReport, { color: false });
    expect([...file!.chunks!()].join('')).toBe(file!.content);
  });
});
