/**
 * A finding's identity: rule id, the application and staff it concerns, and the business keys the
 * rule names (e.g. an incident id). Never a row position or line, so the fingerprint survives a
 * re-sorted or re-exported file and a baseline can match on it.
 */
import crypto from 'node:crypto';

export const FINGERPRINT_LENGTH = 20;

type HashFn = (algorithm: string, data: string, encoding: 'buffer') => Buffer;
// One-shot `crypto.hash` (Node >= 20.12) skips the Hash object a finding would otherwise allocate
// (1M applications: ~780k fingerprints); the same sha256 either way.
const oneShot = (crypto as unknown as { hash?: HashFn }).hash;
const sha256: (text: string) => Buffer =
  typeof oneShot === 'function'
    ? (text) => oneShot('sha256', text, 'buffer')
    : (text) => crypto.createHash('sha256').update(text, 'utf8').digest();

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
  // Only the leading bytes are written as hex: a slice of the full 64-character hex would be a
  // view keeping that whole string alive for as long as the finding lives (~780k at 1M).
  return sha256(JSON.stringify(material)).toString('hex', 0, FINGERPRINT_LENGTH / 2);
}
