/**
 * A finding's identity: rule id, the application and staff it concerns, and the business keys the
 * rule names (e.g. an incident id). Never a row position or line, so the fingerprint survives a
 * re-sorted or re-exported file and a baseline can match on it.
 */
import { createHash } from 'node:crypto';

export const FINGERPRINT_LENGTH = 20;

export function fingerprint(parts: {
  readonly ruleId: string;
  readonly applicationId?: string | undefined;
  readonly staffId?: string | undefined;
  readonly key?: readonly (string | number)[] | undefined;
}): string {
  // JSON keeps the parts apart, so ("a-b", "c") and ("a", "b-c") never hash alike.
  const material = JSON.stringify([parts.ruleId, parts.applicationId ?? null, parts.staffId ?? null, ...(parts.key ?? [])]);
  return createHash('sha256').update(material, 'utf8').digest('hex').slice(0, FINGERPRINT_LENGTH);
}
