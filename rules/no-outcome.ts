import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { formatDateValue, formatDay } from '../src/time/london.js';
import { describeLimit, LimitSchedule, limitFor } from '../src/time/limits.js';

/** An application with no decision: closed without one, or still open past the overall limit. */
export default defineRule({
  id: 'no-outcome',
  title: 'No decision: closed without one, or open past the time limit',
  firesWhen: 'no decision, and the case is closed or past the limit (as-of date more than limit days after receipt)',
  category: 'safeguarding',
  severity: 'high',
  failureType: 'service',
  serviceFailure: true,
  decisionBasis: false,
  rationale:
    'Every application must end in a decision within the overall limit: 35 calendar days under the DVDS guidance (2014, 2016), ' +
    '28 from 5 April 2023 under the statutory guidance issued under s.77 Domestic Abuse Act 2021. A case closed with no ' +
    'decision, or left open past the limit, leaves the person at risk without the information they asked for ' +
    '(IOPC learning, Avon and Somerset, March 2025). Withdrawn applications have no deadline.',
  // Without `decision` every case reads undecided and would fire; without `closed_at` a case closed with no decision would read as open.
  columns: { applications: ['decision', 'closed_at'] },
  options: z.strictObject({
    schedule: LimitSchedule.describe('overall limit in calendar days, by received date'),
  }),
  evidence: z.strictObject({
    reason: z.enum(['closed without a decision', 'open past the limit']),
    receivedAt: z.string(),
    limitDays: z.number().int(),
    limit: z.string(),
    deadline: z.string(),
    closedAt: z.string().optional().describe('closed cases'),
    daysToClosure: z.number().int().optional().describe('closed cases'),
    asOf: z.string().optional().describe('open cases'),
    daysOpen: z.number().int().optional().describe('open cases'),
    daysOver: z.number().int().optional().describe('open cases'),
  }),
  check(ctx, { schedule }) {
    for (const app of ctx.dataset.applications) {
      if (app.decision !== null) continue;
      const received = app.received_at;
      const limit = limitFor(received, schedule);
      const deadline = received.day + limit.days;
      // Built when the finding is described, as the rest of its evidence.
      const common = () => ({
        receivedAt: formatDateValue(received),
        limitDays: limit.days,
        limit: describeLimit(limit),
        deadline: formatDay(deadline),
      });
      const closed = app.closed_at;
      if (closed !== null) {
        ctx.report({
          applicationId: app.application_id,
          describe: () => ({
            message: `Application ${app.application_id} was closed on ${formatDay(closed.day)} with no decision recorded.`,
            evidence: {
              reason: 'closed without a decision',
              ...common(),
              closedAt: formatDateValue(closed),
              daysToClosure: closed.day - received.day,
            },
          }),
        });
      } else if (ctx.asOf > deadline) {
        const days = ctx.asOf - received.day;
        ctx.report({
          applicationId: app.application_id,
          describe: () => ({
            message:
              `Application ${app.application_id} has no decision ${days} days after it was received on ${formatDay(received.day)}, ` +
              `past the ${limit.days}-day limit that ended on ${formatDay(deadline)}.`,
            evidence: {
              reason: 'open past the limit',
              ...common(),
              asOf: formatDay(ctx.asOf),
              daysOpen: days,
              daysOver: days - limit.days,
            },
          }),
        });
      }
    }
  },
});
