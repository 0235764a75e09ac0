/**
 * A date of the application after the audit date: mistyped, or the export was taken later than
 * the audit claims. Either way the case's timings cannot be read as they stand.
 */
import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { formatDateValue, formatDay } from '../src/time/london.js';

const DATE_FIELDS = ['received_at', 'initial_checks_at', 'face_to_face_at', 'decision_at', 'disclosure_at', 'closed_at'] as const;

export default defineRule({
  id: 'future-date',
  title: 'Date after the audit date',
  category: 'data-quality',
  severity: 'low',
  failureType: 'none',
  serviceFailure: false,
  decisionBasis: false,
  rationale:
    'DVDS guidance (2016) and statutory guidance (April 2023, s.77 Domestic Abuse Act 2021) measure every time limit from recorded dates; ' +
    'a date after the audit (as-of) date cannot have happened yet, so it is an entry error and the case\'s timings cannot be relied on.',
  options: z.strictObject({}),
  check(ctx) {
    const asOf = ctx.asOf;
    for (const app of ctx.dataset.applications) {
      const fields = DATE_FIELDS.filter((f) => {
        const v = app[f];
        return v !== null && v.day > asOf;
      });
      if (fields.length === 0) continue;
      const dates: Record<string, string> = {};
      for (const f of fields) dates[f] = formatDateValue(app[f]!);
      ctx.report({
        applicationId: app.application_id,
        message: `Application ${app.application_id} has ${fields.join(', ')} after the audit date ${formatDay(asOf)}.`,
        evidence: { fields: [...fields], asOf: formatDay(asOf), ...dates },
        key: [...fields],
      });
    }
  },
});
