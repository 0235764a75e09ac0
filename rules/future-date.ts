/**
 * A date of the application after the audit date: mistyped, or the export was taken later than
 * the audit claims. Either way the case's timings cannot be read as they stand.
 */
import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { formatDateValue, formatDay } from '../src/time/london.js';

const DATE_FIELDS = ['received_at', 'initial_checks_at', 'face_to_face_at', 'decision_at', 'disclosure_at', 'closed_at'] as const;
type DateField = (typeof DATE_FIELDS)[number];

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

const date = (field: DateField) => z.string().optional().describe(`${field}, when it is after the audit date`);

export default defineRule({
  id: 'future-date',
  title: 'Date after the audit date',
  firesWhen: 'a date of the application after the as-of date (London calendar dates)',
  category: 'data-quality',
  severity: 'low',
  failureType: 'none',
  serviceFailure: false,
  decisionBasis: false,
  rationale:
    'DVDS guidance (2016) and statutory guidance (April 2023, s.77 Domestic Abuse Act 2021) measure every time limit from recorded dates; ' +
    'a date after the audit (as-of) date cannot have happened yet, so it is an entry error and the case\'s timings cannot be relied on.',
  // Declares no columns: each date it compares is judged only where the export has it; a column the export lacks cannot be in the future.
  options: z.strictObject({}),
  evidence: z.strictObject({
    fields: z.array(z.string()).describe('the columns dated after the audit date, in field order'),
    asOf: z.string().describe('the audit date'),
    receivedAt: date('received_at'),
    initialChecksAt: date('initial_checks_at'),
    faceToFaceAt: date('face_to_face_at'),
    decisionAt: date('decision_at'),
    disclosureAt: date('disclosure_at'),
    closedAt: date('closed_at'),
  }),
  check(ctx) {
    const asOf = ctx.asOf;
    for (const app of ctx.dataset.applications) {
      const fields = DATE_FIELDS.filter((f) => {
        const v = app[f];
        return v !== null && v.day > asOf;
      });
      if (fields.length === 0) continue;
      const dates: Partial<Record<DateKey, string>> = {};
      for (const f of fields) dates[EVIDENCE_KEY[f]] = formatDateValue(app[f]!);
      ctx.report({
        applicationId: app.application_id,
        describe: () => ({
          message: `Application ${app.application_id} has ${fields.join(', ')} after the audit date ${formatDay(asOf)}.`,
          evidence: { fields: [...fields], asOf: formatDay(asOf), ...dates },
        }),
        key: [...fields],
      });
    }
  },
});
