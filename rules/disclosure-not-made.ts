import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { formatDateValue, formatDay } from '../src/time/london.js';
import { describeLimit, LimitSchedule, limitFor } from '../src/time/limits.js';

/** A decision to disclose with no disclosure made, on a closed case or one past the limit. */
export default defineRule({
  id: 'disclosure-not-made',
  title: 'Decision to disclose, but no disclosure made',
  firesWhen: 'decision `disclose`, no `disclosure_at`, and the case closed or past the limit',
  category: 'safeguarding',
  severity: 'high',
  failureType: 'service',
  serviceFailure: true,
  decisionBasis: false,
  rationale:
    'Once the decision is to disclose, the disclosure must be made to the person at risk within the overall limit: ' +
    '35 calendar days under the DVDS guidance (2014, 2016), 28 from 5 April 2023 under the statutory guidance issued under ' +
    's.77 Domestic Abuse Act 2021. A disclosure decided but never delivered leaves the person as exposed as no decision at all.',
  // Without `disclosure_at` every decision to disclose would fire; `decision_at` only words the message and is not needed.
  columns: { applications: ['decision', 'disclosure_at', 'closed_at'] },
  options: z.strictObject({
    schedule: LimitSchedule.describe('overall limit in calendar days, by received date'),
  }),
  evidence: z.strictObject({
    reason: z.enum(['closed without a disclosure', 'open past the limit']),
    receivedAt: z.string(),
    decisionAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    asOf: z.string(),
    daysOpen: z.number().int().optional().describe('open cases'),
    daysToClosure: z.number().int().optional().describe('closed cases'),
    limitDays: z.number().int(),
    limit: z.string(),
    deadline: z.string(),
  }),
  check(ctx, { schedule }) {
    for (const app of ctx.dataset.applications) {
      if (app.decision !== 'disclose' || app.disclosure_at !== null) continue;
      const received = app.received_at;
      const limit = limitFor(received, schedule);
      const deadline = received.day + limit.days;
      const closed = app.closed_at;
      if (closed === null && ctx.asOf <= deadline) continue;
      const decisionAt = app.decision_at;
      const asOf = ctx.asOf;
      ctx.report({
        applicationId: app.application_id,
        describe: () => {
          const decided = decisionAt === null ? '' : ` on ${formatDay(decisionAt.day)}`;
          return {
            message:
              closed !== null
                ? `Application ${app.application_id} was closed on ${formatDay(closed.day)} after a decision to disclose${decided}, with no disclosure recorded.`
                : `Application ${app.application_id} has a decision to disclose${decided} but no disclosure ${asOf - received.day} days ` +
                  `after receipt on ${formatDay(received.day)}, past the ${limit.days}-day limit that ended on ${formatDay(deadline)}.`,
            evidence: {
              reason: closed !== null ? 'closed without a disclosure' : 'open past the limit',
              receivedAt: formatDateValue(received),
              decisionAt: decisionAt === null ? null : formatDateValue(decisionAt),
              closedAt: closed === null ? null : formatDateValue(closed),
              asOf: formatDay(asOf),
              ...(closed === null ? { daysOpen: asOf - received.day } : { daysToClosure: closed.day - received.day }),
              limitDays: limit.days,
              limit: describeLimit(limit),
              deadline: formatDay(deadline),
            },
          };
        },
      });
    }
  },
});
