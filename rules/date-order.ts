/**
 * Steps dated before the application was received, or a disclosure dated before its decision:
 * an entry error that also makes every time-limit reading of the case unreliable.
 */
import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import type { Application } from '../src/model/records.js';
import { type DateValue, formatDateValue } from '../src/time/london.js';

// In process order, so the evidence reads as the case ran.
const STEP_FIELDS = ['initial_checks_at', 'face_to_face_at', 'decision_at', 'disclosure_at', 'closed_at'] as const;
type DateField = (typeof STEP_FIELDS)[number] | 'received_at';

/** The evidence key of each date field: the export's column, in the report's case. */
const EVIDENCE_KEY = {
  received_at: 'receivedAt',
  initial_checks_at: 'initialChecksAt',
  face_to_face_at: 'faceToFaceAt',
  decision_at: 'decisionAt',
  disclosure_at: 'disclosureAt',
  closed_at: 'closedAt',
} as const satisfies Record<DateField, string>;
type DateKey = (typeof EVIDENCE_KEY)[DateField];

const date = (field: DateField) => z.string().optional().describe(`${field}, when it is one of the pair`);

/** "later before earlier" pairs, each naming two fields whose London dates are out of order. */
function violations(app: Application): [DateField, DateField][] {
  const out: [DateField, DateField][] = [];
  const before = (a: DateValue | null, b: DateValue | null) => a !== null && b !== null && a.day < b.day;
  for (const field of STEP_FIELDS) {
    if (before(app[field], app.received_at)) out.push([field, 'received_at']);
  }
  if (before(app.disclosure_at, app.decision_at)) out.push(['disclosure_at', 'decision_at']);
  return out;
}

export default defineRule({
  id: 'date-order',
  title: 'Step dated before receipt, or disclosure before decision',
  firesWhen: 'a step date before receipt, or a disclosure before its decision (London calendar dates)',
  category: 'data-quality',
  severity: 'low',
  failureType: 'none',
  serviceFailure: false,
  decisionBasis: false,
  rationale:
    'DVDS guidance (2016) and statutory guidance (April 2023, s.77 Domestic Abuse Act 2021) set the order of the steps: receipt, initial checks, ' +
    'face-to-face meeting (Right to Ask), decision, disclosure, closure; a step dated before receipt, or a disclosure before its decision, ' +
    'is an entry error that makes the time-limit findings of the case unreliable.',
  // Declares no columns: each date it compares is judged only where the export has it; a column the export lacks cannot be out of order.
  options: z.strictObject({}),
  evidence: z.strictObject({
    violations: z.array(z.string()).describe('each "later before earlier" pair, by column name, in process order'),
    receivedAt: date('received_at'),
    initialChecksAt: date('initial_checks_at'),
    faceToFaceAt: date('face_to_face_at'),
    decisionAt: date('decision_at'),
    disclosureAt: date('disclosure_at'),
    closedAt: date('closed_at'),
  }),
  check(ctx) {
    for (const app of ctx.dataset.applications) {
      const pairs = violations(app);
      if (pairs.length === 0) continue;
      const described = pairs.map(([later, earlier]) => `${later} before ${earlier}`);
      const fields = [...new Set(pairs.flat())];
      const dates: Partial<Record<DateKey, string>> = {};
      for (const field of ['received_at', ...STEP_FIELDS] as const) {
        const value = app[field];
        if (value !== null && fields.includes(field)) dates[EVIDENCE_KEY[field]] = formatDateValue(value);
      }
      ctx.report({
        applicationId: app.application_id,
        describe: () => ({
          message: `Application ${app.application_id} has ${described.join(', ')}.`,
          evidence: { violations: described, ...dates },
        }),
        key: described,
      });
    }
  },
});
