/**
 * A finding's identity: rule id, the application and staff it concerns, and the business keys the
 * rule names (e.g. an incident id). Never a row position or line, so the fingerprint survives a
 * re-sorted or re-exported file and a baseline can match on it.
 */
import crypto from 'node:crypto';

export const FINGERPRINT_LENGTH = 20;

type HashFn = (algorithm: string, data: string, encoding: 'hex') => string;
// One-shot `crypto.hash` (Node >= 20.12) skips the Hash object a finding would otherwise allocate
// (1M applications: ~780k fingerprints); the same sha256 hex either way.
const oneShot = (crypto as unknown as { hash?: HashFn }).hash;
const sha256Hex: (text: string) => string =
  typeof oneShot === 'function'
    ? (text) => oneShot('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

export function fingerprint(parts: {
  readonly ruleId: string;
  readonly applicationId?: string | undefined;
  readonly staffId?: string | undefined;
  readonly key?: readonly (string | number)[] | undefined;
}): string {
  // JSON keeps the parts apart, so ("a-b", "c") and ("a", "b-c") never hash alike.
  const material: unknown[] = [parts.ruleId, parts.applicationId ?? null, parts.staffId ?? null];
  const key = parts.key;
  if (Array.isArray(key)) for (let i = 0; i < key.length; i++) material.push(key[i]);
  else if (key !== undefined && key !== null) material.push(...key);
  return sha256Hex(JSON.stringify(material)).slice(0, FINGERPRINT_LENGTH);
}
