/**
 * A decided application with no decision-maker record: the rationale of the decision was never
 * written down, so nobody can later say on what the police decided.
 */
import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { formatDateValue } from '../src/time/london.js';

export default defineRule({
  id: 'decision-record-missing',
  title: 'Decision made with no decision-maker record',
  firesWhen: 'needs the column `decision_record_at`: decision `disclose`, `no_disclosure` or `not_proceeded` with `decision_record_at` empty',
  category: 'records',
  severity: 'medium',
  failureType: 'administrative',
  serviceFailure: false,
  decisionBasis: false,
  rationale:
    'In the Wiltshire case (IOPC recommendation, September 2021; Swindon Advertiser) the Decision Maker Record holding the research and the ' +
    'rationale had been saved over and could not be recovered: without that record nobody can later show on what the decision was made. ' +
    'A decided case with no decision-maker record has the same gap.',
  // Without the column every decided case would read as unrecorded: the engine skips the rule instead.
  columns: { applications: ['decision_record_at'] },
  options: z.strictObject({}),
  evidence: z.strictObject({
    decision: z.enum(['disclose', 'no_disclosure', 'not_proceeded']),
    decisionAt: z.string().nullable(),
    decisionMakerId: z.string().nullable(),
  }),
  check(ctx) {
    for (const app of ctx.dataset.applications) {
      const { decision } = app;
      // A withdrawal is the applicant's act, not a decision resting on a recorded rationale.
      if (decision === null || decision === 'withdrawn') continue;
      if (app.decision_record_at !== null) continue;
      const decisionAt = app.decision_at ? formatDateValue(app.decision_at) : null;
      ctx.report({
        applicationId: app.application_id,
        describe: () => ({
          message:
            `Application ${app.application_id} was decided ${decision}${decisionAt !== null ? ` on ${decisionAt}` : ''} ` +
            `with no decision-maker record (decision_record_at empty).`,
          evidence: { decision, decisionAt, decisionMakerId: app.decision_maker_id },
        }),
      });
    }
  },
});
