/**
 * A Right to Ask withdrawn while police already held a domestic abuse record of the subject, and
 * no Right to Know followed: the withdrawal ended the applicant's request, not the police's duty
 * to consider telling the person at risk themselves.
 */
import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import type { Dataset } from '../src/model/dataset.js';
import { isCountingRecord } from '../src/model/outcome.js';
import type { Application } from '../src/model/records.js';
import { compareText } from '../src/shared/compare.js';
import { formatDateValue, formatDay } from '../src/time/london.js';

type DateField = 'decision_at' | 'closed_at' | 'as_of';

/** The withdrawal date: decision date, else closure date, else the audit date. */
function withdrawnAt(app: Application, asOf: number): { day: number; text: string; field: DateField } {
  if (app.decision_at) return { day: app.decision_at.day, text: formatDateValue(app.decision_at), field: 'decision_at' };
  if (app.closed_at) return { day: app.closed_at.day, text: formatDateValue(app.closed_at), field: 'closed_at' };
  return { day: asOf, text: formatDay(asOf), field: 'as_of' };
}

/**
 * A Right to Know for the same person at risk and subject received on or after this one: the
 * police did take the case up themselves. One received before it does not answer what was known
 * at the withdrawal. Through the person-at-risk index: a person at risk has few applications.
 */
function followedByRightToKnow(dataset: Dataset, app: Application): boolean {
  return dataset
    .applicationsByPersonAtRisk(app.person_at_risk_id)
    .some((o) => o.route === 'right_to_know' && o.subject_id === app.subject_id && o.received_at.day >= app.received_at.day);
}

export default defineRule({
  id: 'withdrawn-with-history',
  title: 'Right to Ask withdrawn while police held a domestic abuse record of the subject, with no Right to Know',
  firesWhen:
    'a `right_to_ask` withdrawn while `history` held a counting domestic abuse record of the subject on or before the withdrawal (`decision_at`, else `closed_at`, else as-of), ' +
    'and no `right_to_know` for the same person at risk and subject was received on or after it',
  category: 'safeguarding',
  severity: 'medium',
  failureType: 'service',
  serviceFailure: true,
  decisionBasis: true,
  rationale:
    'Under the Right to Know the police disclose on their own initiative when they hold information that the person at risk should know ' +
    '(the scheme\'s two routes). A Right to Ask withdrawn by the applicant does not end the police\'s duty to consider a Right to Know ' +
    'disclosure where they hold a domestic abuse record of the subject (an inference from that route).',
  requires: ['history'],
  options: z.strictObject({}),
  evidence: z.strictObject({
    withdrawalDate: z.string(),
    withdrawalDateField: z.enum(['decision_at', 'closed_at', 'as_of']),
    subjectId: z.string(),
    historyRecordIds: z.array(z.string()),
  }),
  check(ctx) {
    const { dataset } = ctx;
    for (const app of dataset.applications) {
      if (app.route !== 'right_to_ask' || app.decision !== 'withdrawn') continue;
      const at = withdrawnAt(app, ctx.asOf);
      const held = dataset
        .historyBySubject(app.subject_id)
        .filter((h) => h.recorded_at.day <= at.day && isCountingRecord(h))
        .map((h) => h.record_id)
        .sort(compareText);
      if (held.length === 0) continue;
      if (followedByRightToKnow(dataset, app)) continue;
      ctx.report({
        applicationId: app.application_id,
        describe: () => ({
          message:
            `Right to Ask ${app.application_id} was withdrawn (${at.field} ${at.text}) while ${held.length} domestic abuse ` +
            `record${held.length === 1 ? '' : 's'} of subject ${app.subject_id} ${held.length === 1 ? 'was' : 'were'} held, and no Right to Know followed for person at risk ${app.person_at_risk_id}.`,
          evidence: { withdrawalDate: at.text, withdrawalDateField: at.field, subjectId: app.subject_id, historyRecordIds: held },
        }),
      });
    }
  },
});
