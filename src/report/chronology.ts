/**
 * Words for a referral card's staff line and chronology, shared by md and html so both say the
 * same. Plain text: each format escapes it.
 */
import type { ChronologyEvent, Referral } from './model.js';

export const CHRONOLOGY_LABELS: Readonly<Record<ChronologyEvent, string>> = {
  received: 'Received',
  'initial-checks': 'Initial checks',
  check: 'Check',
  'face-to-face': 'Face-to-face',
  'limit-ends': 'Limit ended',
  decision: 'Decision',
  disclosure: 'Disclosure',
  closed: 'Closed',
  incident: 'Incident',
  'conduct-referral': 'Conduct referral',
};

/** `E10001, PC Dana Reeve (officer)`: the register's display name and role where it has them. */
export function staffText(staff: NonNullable<Referral['staff']>): string {
  const name = staff.displayName === undefined ? '' : `, ${staff.displayName}`;
  const role = staff.role === undefined ? '' : ` (${staff.role})`;
  return `${staff.id}${name}${role}`;
}
