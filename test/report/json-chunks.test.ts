import { describe, expect, it } from 'vitest';
import { CHUNK_CHARS, renderJson, reportJson, reportJsonChunks } from '../../src/report/json.js';
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

  it('is written in chunks of 32K characters, as measured best', () => {
    // The size the writer's comment justifies by measurement; changing it means measuring again.
    expect(CHUNK_CHARS).toBe(32 * 1024);
  });

  it('gives a large report in chunks of about CHUNK_CHARS: each full one at least that, past it by less than one finding or referral', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => ({ ...realisticReport.findings[i % realisticReport.findings.length]!, fingerprint: String(i).padStart(20, '0') }));
    const report = { ...realisticReport, findings: many } as Report;
    const pieces = [...reportJsonChunks(report)];
    const whole = reportJson(report);
    expect(pieces.join('')).toBe(whole);
    // A chunk is handed on once it reaches the size, after the member or element that took it
    // there; the longest finding (written at a deeper indent than it has here) bounds the overshoot.
    // A referral with its chronology can be longer than any finding: it bounds the overshoot too.
    const longest = Math.max(...[...many, ...report.referrals].map((f) => JSON.stringify(f, null, 4).length));
    expect(longest).toBeLessThan(CHUNK_CHARS / 8);
    const last = pieces.pop()!;
    for (const piece of pieces) {
      expect(piece.length).toBeGreaterThanOrEqual(CHUNK_CHARS);
      expect(piece.length).toBeLessThan(CHUNK_CHARS + longest);
    }
    expect(last.length).toBeLessThan(CHUNK_CHARS + longest);
    expect(pieces.length + 1).toBeGreaterThanOrEqual(Math.floor(whole.length / (CHUNK_CHARS + longest)));
  });

  it('renderJson offers the pieces beside the whole text', () => {
    const [file] = renderJson(realisticReport, { color: false });
    expect([...file!.chunks!()].join('')).toBe(file!.content);
  });
});
