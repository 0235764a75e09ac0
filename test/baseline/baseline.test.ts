import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyBaseline, checkReport, diffReports, parseJsonInPieces, reportSha256 } from '../../src/baseline/index.js';
import type { Finding } from '../../src/engine/types.js';
import { InputError } from '../../src/errors.js';
import { reportJson } from '../../src/report/json.js';
import type { Report } from '../../src/report/model.js';
import { emptyReport } from '../fixtures/report-empty.js';
import { finding } from '../decide/support.js';
import { validReport } from '../support/report-schema.js';

const a = finding('no-outcome', 'A1', 'high');
const b = finding('deadline-missed', 'A2', 'medium');
const c = finding('harm-after-request', 'A3', 'critical', { incidentId: 'I3' }, ['I3']);

/** A v2 report holding these findings, checked against the report schema. */
function reportWith(findings: Finding[]): Report {
  const report = { ...emptyReport, findings };
  validReport(reportJson(report));
  return report;
}

describe('baseline', () => {
  it('marks new and unchanged by fingerprint and lists resolved ones without a status', () => {
    const old = reportWith([{ ...a, status: 'new' }, b]);
    const result = applyBaseline([c, a], old);
    expect(result.findings.map((f) => [f.applicationId, f.status])).toEqual([
      ['A3', 'new'],
      ['A1', 'unchanged'],
    ]);
    expect(result.resolved).toEqual([b]);
    expect(result.counts).toEqual({ new: 1, unchanged: 1, resolved: 1 });
    const marked = { ...emptyReport, findings: result.findings, baseline: { sha256: 'a'.repeat(64), resolved: result.resolved } };
    expect(() => validReport(reportJson(marked))).not.toThrow();
  });

  it('reads a v2 report of another build: unknown members are passed over, and dropped from resolved findings', () => {
    const old = { ...reportWith([b]), worklist: { screened: 1 }, findings: [{ ...b, reviewNote: 'x' }] } as unknown as Report;
    expect(checkReport(old, 'old.json')).toBe(old);
    const { resolved } = applyBaseline([], old);
    expect(resolved).toEqual([b]);
    expect(() => validReport(reportJson({ ...emptyReport, baseline: { sha256: 'a'.repeat(64), resolved } }))).not.toThrow();
  });

  it('matches on the fingerprint only, not the message or position', () => {
    const old = reportWith([{ ...a, message: 'worded differently' }]);
    expect(applyBaseline([a], old).counts).toEqual({ new: 0, unchanged: 1, resolved: 0 });
  });

  it.each([
    ['not an object', 42, /\(top level\)/],
    ['another tool', { ...emptyReport, tool: { name: 'other', version: '1' } }, /tool\.name/],
    ['another schema version', { ...emptyReport, schemaVersion: 3 }, /schemaVersion/],
    ['findings missing', { schemaVersion: 1, tool: { name: 'dvds-audit', version: '0' }, asOf: '2025-01-31' }, /findings/],
    ['a finding without a fingerprint', { ...emptyReport, findings: [{ ...a, fingerprint: undefined }] }, /findings\[0\]\.fingerprint/],
    ['a v2 finding without firstSeen', { ...emptyReport, findings: [{ ...a, firstSeen: undefined }] }, /findings\[0\]\.firstSeen/],
    ['a v1 finding of an unknown severity', { ...emptyReport, schemaVersion: 1, findings: [{ ...a, severity: 'urgent' }] }, /findings\[0\]\.severity/],
  ])('rejects %s, naming the file', (_name, value, detail) => {
    expect(() => checkReport(value, 'old.json')).toThrow(InputError);
    expect(() => checkReport(value, 'old.json')).toThrow(/^old\.json is not a dvds-audit report of schemaVersion 1 or 2/);
    expect(() => checkReport(value, 'old.json')).toThrow(detail);
  });

  it('v2: firstSeen comes from a v2 baseline, or from a v1 baseline\'s asOf; a new finding keeps this run\'s', () => {
    const today = { ...a, firstSeen: '2025-06-30' };
    const fresh = { ...c, firstSeen: '2025-06-30' };
    const v2 = { ...reportWith([{ ...a, firstSeen: '2024-11-04' }]), asOf: '2025-01-31' };
    expect(applyBaseline([today, fresh], v2).findings.map((f) => [f.applicationId, f.firstSeen, f.status])).toEqual([
      ['A1', '2024-11-04', 'unchanged'],
      ['A3', '2025-06-30', 'new'],
    ]);
    const { firstSeen: _none, ...v1Finding } = a;
    const v1 = { ...emptyReport, findings: [v1Finding], schemaVersion: 1, asOf: '2024-12-02' } as unknown as Report;
    expect(checkReport(v1, 'v1.json')).toBe(v1);
    expect(applyBaseline([today], v1).findings.map((f) => f.firstSeen)).toEqual(['2024-12-02']);
    // A resolved v1 finding is listed with its report's date.
    expect(applyBaseline([], v1).resolved.map((f) => f.firstSeen)).toEqual(['2024-12-02']);
  });

  it('v2: a finding whose severity rose since the baseline counts as new, first seen when it was first seen', () => {
    const old = reportWith([{ ...b, firstSeen: '2024-01-01' }]);
    const rose = applyBaseline([{ ...b, severity: 'high', firstSeen: '2025-01-31' }], old);
    expect(rose.findings.map((f) => [f.status, f.firstSeen])).toEqual([['new', '2024-01-01']]);
    expect(rose.counts).toEqual({ new: 1, unchanged: 0, resolved: 0 });
    const fell = applyBaseline([{ ...b, severity: 'low', firstSeen: '2025-01-31' }], old);
    expect(fell.findings.map((f) => f.status)).toEqual(['unchanged']);
  });

  it('sha256 of the canonical JSON', () => {
    expect(reportSha256(emptyReport)).toMatch(/^[0-9a-f]{64}$/);
    expect(reportSha256(JSON.parse(reportJson(emptyReport)) as Report)).toBe(reportSha256(emptyReport));
  });

  it('diff: new, resolved and unchanged, each in report order', () => {
    const diff = diffReports(reportWith([a, b]), reportWith([{ ...a, status: 'unchanged' }, c]));
    expect(diff.new).toEqual([c]);
    expect(diff.resolved).toEqual([b]);
    expect(diff.unchanged).toEqual([a]);
  });
});

describe('a report too long for one string, parsed in pieces', () => {
  const pieces = (text: string, limit = 1 << 20): unknown => parseJsonInPieces(Buffer.from(text, 'utf8'), 0, limit, 0);

  it('gives what JSON.parse gives, for any JSON object with arrays in it', () => {
    const doc = fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'findings')), fc.oneof(fc.jsonValue(), fc.array(fc.jsonValue())));
    fc.assert(
      fc.property(doc, fc.constantFrom(0, 2), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        expect(pieces(text)).toStrictEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it('reads a whole report as JSON.parse does', () => {
    const text = reportJson({ ...emptyReport, findings: [a, b, c] });
    expect(pieces(text)).toStrictEqual(JSON.parse(text));
  });

  it.each(['{"a": [1 2]}', '{"a": [1,]}', '{"a": 1} x', '{"a" 1}', '{"a": "x', '{"a": [1, {"b": 2]}'])('rejects %s', (text) => {
    expect(() => pieces(text)).toThrow();
  });

  it('names a value too long for a string rather than crash', () => {
    expect(() => pieces(`{"a": "${'x'.repeat(100)}"}`, 8)).toThrow(/too large to read: one value of 0 MB/);
  });
});
