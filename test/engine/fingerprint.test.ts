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
