/**
 * A decision not to disclose (or a case closed with no decision) while police already held a
 * domestic abuse record of the subject: the "should have disclosed, or research was inadequate"
 * service failure.
 */
import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { byDayThenId } from '../src/model/order.js';
import { isCountingRecord, JUDGED_AT_FIELDS, judgedAt } from '../src/model/outcome.js';
import { type Application, DECISIONS, HISTORY_CATEGORIES, type HistoryRecord } from '../src/model/records.js';
import { formatDateValue } from '../src/time/london.js';



function withholds(app: Application): boolean {
  if (app.decision === 'no_disclosure' || app.decision === 'not_proceeded') return true;
  return app.decision === null && app.closed_at !== null;
}

const byRecordedThenId = byDayThenId<HistoryRecord>((r) => r.recorded_at, (r) => r.record_id);

export default defineRule({
  id: 'withheld-despite-history',
  title: 'No disclosure although police held a domestic abuse record of the subject',
  firesWhen:
    'no disclosure while `history` held a counting domestic abuse record of the subject (role empty, offender or suspect) on or before the decision',
  category: 'safeguarding',
  severity: 'high',
  failureType: 'service',
  serviceFailure: true,
  decisionBasis: true,
  rationale:
    'DVDS guidance (2016) and DVDS statutory guidance (April 2023, s.77 Domestic Abuse Act 2021): the decision rests on the checks of what police hold about the subject; ' +
    'a decision not to disclose, or a case closed with none, while a domestic abuse record was already held is the "should have disclosed, or research was inadequate" ' +
    'service failure of the Wiltshire review and IOPC learning (Wiltshire Police, April 2019 and September 2021).',
  requires: ['history'],
  // The decision and its date (else closure) judge what was held; history's `subject_role` is not listed: an empty role counts, so an
  // export without that column reads every record as counting, as the brief defines it.
  columns: { applications: ['decision', 'decision_at', 'closed_at'] },
  options: z.strictObject({}),
  evidence: z.strictObject({
    decision: z.enum([...DECISIONS, 'none']),
    decisionDate: z.string(),
    decisionDateField: z.enum(JUDGED_AT_FIELDS),
    subjectId: z.string(),
    historyRecordIds: z.array(z.string()),
    historyCategories: z.array(z.enum(HISTORY_CATEGORIES)),
    historyRecordedAt: z.array(z.string()),
  }),
  check(ctx) {
    const { dataset } = ctx;
    for (const app of dataset.applications) {
      if (!withholds(app)) continue;
      const at = judgedAt(app, ctx.asOf);
      // The subject's counting domestic abuse records held by the day the decision is judged at.
      const held = dataset
        .historyBySubject(app.subject_id)
        .filter((h) => h.recorded_at.day <= at.day && isCountingRecord(h))
        .sort(byRecordedThenId);
      const first = held[0];
      if (!first) continue;
      const decision = app.decision ?? 'none';
      const what = app.decision === null ? 'was closed with no decision' : `was decided ${decision}`;
      ctx.report({
        applicationId: app.application_id,
        describe: () => ({
          message:
            `Application ${app.application_id} ${what} (${at.field} ${at.text}) although ${held.length} domestic abuse ` +
            `record${held.length === 1 ? '' : 's'} of subject ${app.subject_id} had been held since ${formatDateValue(first.recorded_at)}.`,
          evidence: {
            decision,
            decisionDate: at.text,
            decisionDateField: at.field,
            subjectId: app.subject_id,
            historyRecordIds: held.map((h) => h.record_id),
            historyCategories: held.map((h) => h.category),
            historyRecordedAt: held.map((h) => formatDateValue(h.recorded_at)),
          },
        }),
        key: [first.record_id],
      });
    }
  },
});
