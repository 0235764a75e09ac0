import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/engine/fingerprint.js';

describe('fingerprint', () => {
  it('is 20 hex characters and stable', () => {
    const fp = fingerprint({ ruleId: 'no-outcome', applicationId: 'A1' });
    expect(fp).toMatch(/^[0-9a-f]{20}$/);
    expect(fingerprint({ ruleId: 'no-outcome', applicationId: 'A1' })).toBe(fp);
  });

  it('changes with each part', () => {
    const base = { ruleId: 'harm-after-request', applicationId: 'A1', key: ['I1'] };
    const all = [
      fingerprint(base),
      fingerprint({ ...base, ruleId: 'no-outcome' }),
      fingerprint({ ...base, applicationId: 'A2' }),
      fingerprint({ ...base, staffId: 'S1' }),
      fingerprint({ ...base, key: ['I2'] }),
      fingerprint({ ...base, key: [] }),
    ];
    expect(new Set(all).size).toBe(all.length);
  });

  it('keeps parts apart: joined strings do not collide', () => {
    expect(fingerprint({ ruleId: 'r', applicationId: 'a-b', key: ['c'] })).not.toBe(fingerprint({ ruleId: 'r', applicationId: 'a', key: ['b-c'] }));
    expect(fingerprint({ ruleId: 'r', applicationId: 'x' })).not.toBe(fingerprint({ ruleId: 'r', staffId: 'x' }));
  });
});

describe('fingerprints of the sample', () => {
  // Recorded from a run before the evidence keys were renamed to camelCase: the same findings must
  // keep the same fingerprints, so baselines from earlier runs still match. If fixtures/sample is
  // regenerated on purpose, this list is recorded again from the new sample.
  it('are those recorded before the evidence keys were renamed', async () => {
    const { readFile } = await import('node:fs/promises');
    const { audit } = await import('../../src/audit.js');
    const recorded = JSON.parse(await readFile('test/engine/sample-fingerprints.json', 'utf8')) as { asOf: string; findings: [string, string, string][] };
    const report = await audit({ cwd: process.cwd(), dir: 'fixtures/sample', asOf: recorded.asOf });
    const now = report.findings.map((f) => [f.fingerprint, f.ruleId, f.applicationId ?? f.staffId]).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
    expect(now).toEqual(recorded.findings);
  });
});
