/**
 * Issue 13 item 2: `--baseline` read lean, a window of the file at a time. The scanner against
 * JSON.parse on arbitrary objects and window sizes down to one byte; the lean baseline against the
 * report read whole, and its refusals.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBaselineFile } from '../../src/baseline/baseline-file.js';
import { baselineOfReport } from '../../src/baseline/index.js';
import { scanReport } from '../../src/baseline/report-scanner.js';
import { InputError } from '../../src/errors.js';
import { reportJson } from '../../src/report/json.js';
import type { Report } from '../../src/report/model.js';
import { finding, seen } from '../decide/support.js';
import { emptyReport } from '../fixtures/report-empty.js';
import { realisticReport } from '../fixtures/report-realistic.js';
import { tempDir } from '../support/temp.js';

const dir = await tempDir('baseline-file');
let files = 0;
async function file(text: string | Buffer): Promise<string> {
  const path = join(dir, `r${files++}.json`);
  await writeFile(path, text);
  return path;
}

describe('scanReport', () => {
  it('gives each member and each element of findings as JSON.parse does, whatever the window size', async () => {
    const doc = fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'findings')), fc.oneof(fc.jsonValue(), fc.array(fc.jsonValue())));
    await fc.assert(
      fc.asyncProperty(doc, fc.constantFrom(0, 2), fc.integer({ min: 1, max: 64 }), async (value, indent, windowBytes) => {
        const text = JSON.stringify(value, null, indent);
        const parsed = JSON.parse(text) as Record<string, unknown>;
        const elements: unknown[] = [];
        const out = scanReport(await file(text), { members: new Set(Object.keys(parsed)), wants: () => true, finding: (t) => elements.push(JSON.parse(t)) }, windowBytes);
        expect(out.isObject).toBe(true);
        const findings = Object.hasOwn(parsed, 'findings') && Array.isArray(parsed.findings) ? parsed.findings : undefined;
        expect(out.hasFindings).toBe(findings !== undefined);
        if (findings !== undefined) expect(elements).toStrictEqual(findings);
        const rest = Object.entries(parsed).filter(([k]) => k !== 'findings' || findings === undefined);
        expect([...out.members]).toStrictEqual(rest);
      }),
      { numRuns: 200 },
    );
  });

  it('passes over members not asked for and elements not wanted, and hashes the whole file', async () => {
    const path = await file(`\uFEFF{"a": {"deep": ["}", "\\"]"]}, "findings": [1, {"x": "]"}, 3], "b": 2}`);
    const got: string[] = [];
    const out = scanReport(path, { members: new Set(['b']), wants: (i) => i !== 1, finding: (t) => got.push(t) }, 3);
    expect(got).toEqual(['1', '3']);
    expect([...out.members]).toEqual([['b', 2]]);
    expect(out.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each(['{"a": [1, 2', '{"findings": [1 2]}', '{"findings": [1,]}', '{"a": 1} x', '{"a" 1}', '{"a": "x', '{"a": }', '{"findings": [], "findings": []}'])(
    'refuses %s',
    async (text) => {
      const path = await file(text);
      expect(() => scanReport(path, { members: new Set(['a']), wants: () => true, finding: (t) => JSON.parse(t) as unknown }, 4)).toThrow();
    },
  );
});

describe('readBaselineFile', () => {
  const findings = realisticReport.findings;
  const report: Report = { ...realisticReport, findings: [...findings, seen(finding('no-outcome', 'ZZ9', 'critical'), '2024-01-02')] };

  it('knows each finding and lists the resolved ones as the report read whole does, and the sha256 is the file’s', async () => {
    const text = reportJson(report);
    const lean = await readBaselineFile(await file(text), '/');
    const whole = baselineOfReport(JSON.parse(text) as Report);
    expect(lean.asOf).toBe(whole.asOf);
    expect(lean.sha256).toBe(whole.sha256);
    for (const f of report.findings) expect(lean.lookup(f.fingerprint)).toEqual(whole.lookup(f.fingerprint));
    expect(lean.lookup('no-such')).toBeUndefined();
    const current = new Set(report.findings.filter((_, i) => i % 3 !== 0).map((f) => f.fingerprint));
    expect(lean.resolved(current)).toEqual(whole.resolved(current));
    expect(lean.resolved(current).length).toBeGreaterThan(0);
    expect(lean.resolved(new Set(report.findings.map((f) => f.fingerprint)))).toEqual([]);
  });

  it('reads a v1 report, its findings first seen on its as-of date, whichever member comes first', async () => {
    const v1 = { findings: [{ fingerprint: 'f1', ruleId: 'no-outcome', severity: 'high', category: 'timeliness', applicationId: 'A1', message: 'm', evidence: {} }], asOf: '2024-06-30', tool: { name: 'dvds-audit', version: '0.0.1' }, schemaVersion: 1 };
    const lean = await readBaselineFile(await file(JSON.stringify(v1)), '/');
    expect(lean.lookup('f1')).toEqual({ severity: 'high', firstSeen: undefined });
    expect(lean.resolved(new Set())).toEqual([{ ...v1.findings[0], firstSeen: '2024-06-30' }]);
  });

  const refusals: [string, (r: Record<string, unknown>) => unknown, RegExp][] = [
    ['another schema version', (r) => ({ ...r, schemaVersion: 3 }), /r\d+\.json is not a dvds-audit report of schemaVersion 1 or 2 \(schemaVersion: /],
    ['a v2 finding without firstSeen', (r) => ({ ...r, findings: [{ ...emptyFinding(), firstSeen: undefined }] }), /\(findings\[0\]\.firstSeen: /],
    ['a finding of an unknown severity', (r) => ({ ...r, findings: [emptyFinding(), { ...emptyFinding(), severity: 'dire' }] }), /\(findings\[1\]\.severity: /],
    ['no findings', (r) => ({ ...r, findings: undefined }), /\(findings: /],
    ['not an object', () => [1, 2], /is not a dvds-audit report of schemaVersion 1 or 2/],
  ];
  function emptyFinding(): Record<string, unknown> {
    return JSON.parse(JSON.stringify(finding('no-outcome', 'A1', 'high'))) as Record<string, unknown>;
  }
  it.each(refusals)('refuses %s, naming the file and where', async (_name, edit, message) => {
    const text = JSON.stringify(edit(JSON.parse(reportJson(emptyReport)) as Record<string, unknown>));
    const path = await file(text);
    await expect(readBaselineFile(path, '/')).rejects.toThrow(message);
    await expect(readBaselineFile(path, '/')).rejects.toBeInstanceOf(InputError);
  });

  it('refuses a file cut short as not valid JSON', async () => {
    const text = reportJson(report);
    await expect(readBaselineFile(await file(text.slice(0, text.length - 40)), '/')).rejects.toThrow(/is not a dvds-audit report: not valid JSON \(/);
  });

  it('refuses a file that changed between its two reads', async () => {
    const path = await file(reportJson(report));
    const lean = await readBaselineFile(path, '/');
    await writeFile(path, reportJson({ ...report, asOf: '2025-01-30' }));
    expect(() => lean.resolved(new Set())).toThrow(/changed while it was read/);
  });
});
