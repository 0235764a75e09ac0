/**
 * A decision-maker record changed after the case was closed: the record of what was decided is
 * no longer the one the case closed on (Wiltshire's Decision Maker Record was saved over).
 */
import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { formatDateValue } from '../src/time/london.js';

export default defineRule({
  id: 'decision-record-altered',
  title: 'Decision-maker record changed after the case was closed',
  firesWhen: 'needs the column `decision_record_modified_at`: the record was modified on a later London date than `closed_at` (both present; withdrawn cases ignored)',
  category: 'records',
  severity: 'medium',
  failureType: 'administrative',
  serviceFailure: false,
  decisionBasis: false,
  rationale:
    'IOPC recommendation to Wiltshire Police (September 2021) and the Swindon Advertiser report of it: the Decision Maker Record of a failed ' +
    'case had been saved over, so the research and rationale the case was closed on could not be recovered. A record changed after the ' +
    'case was closed no longer shows what the decision was made on.',
  // Without the column no record could be seen as altered: skipped, not reported clean.
  columns: { applications: ['decision_record_modified_at'] },
  options: z.strictObject({}),
  evidence: z.strictObject({
    closedAt: z.string(),
    decisionRecordModifiedAt: z.string(),
    daysAfterClosure: z.number().int(),
  }),
  check(ctx) {
    for (const app of ctx.dataset.applications) {
      // BRIEF section 5: the new rules ignore withdrawn cases (no decision was made to record).
      if (app.decision === 'withdrawn') continue;
      const closed = app.closed_at;
      const modified = app.decision_record_modified_at;
      if (closed === null || modified === null) continue;
      // London calendar dates: an edit later on the closing day is part of closing the case.
      const days = modified.day - closed.day;
      if (days < 1) continue;
      ctx.report({
        applicationId: app.application_id,
        describe: () => ({
          message:
            `The decision-maker record of application ${app.application_id} was changed on ${formatDateValue(modified)}, ` +
            `${days} day${days === 1 ? '' : 's'} after the case was closed on ${formatDateValue(closed)}.`,
          evidence: { closedAt: formatDateValue(closed), decisionRecordModifiedAt: formatDateValue(modified), daysAfterClosure: days },
        }),
      });
    }
  },
});
