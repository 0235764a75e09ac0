import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { type Application, DECISIONS } from '../src/model/records.js';
import type { Severity } from '../src/engine/types.js';
import { outcomeDate } from '../src/model/outcome.js';
import { formatDateValue, formatDay } from '../src/time/london.js';
import { DeadlineMissedOptions, describeLimit, limitFor } from '../src/time/limits.js';

function outcomeField(app: Application): 'disclosure_at' | 'decision_at' | 'closed_at' {
  if (app.decision === 'disclose') return 'disclosure_at';
  return app.decision_at !== null ? 'decision_at' : 'closed_at';
}

/** An outcome reached later than the overall limit (plus any grace days the force allows). */
export default defineRule({
  id: 'deadline-missed',
  title: 'Outcome later than the overall time limit',
  firesWhen:
    'the outcome date is more than limit (+ `graceDays`) days after receipt; high over twice the limit, info with exceptional circumstances recorded',
  category: 'timeliness',
  severity: 'medium',
  failureType: 'administrative',
  serviceFailure: true,
  decisionBasis: false,
  rationale:
    'The overall limit from application to outcome is 35 calendar days under the DVDS guidance (2014, 2016) and 28 calendar ' +
    'days from 5 April 2023, when s.77 Domestic Abuse Act 2021 put the guidance on a statutory footing, "unless there are ' +
    'exceptional circumstances". The outcome is the disclosure for a decision to disclose, else the decision (or closure). ' +
    'More than twice the limit is high; a recorded exceptional circumstance lowers the finding to info (not a service failure).',
  // The outcome date reads the decision and its dates. Not `exceptional_circumstances`: an export
  // without it records no justification, and a late outcome with none is a failure at full
  // severity; skipping the rule instead would hide every late case.
  columns: { applications: ['decision', 'decision_at', 'disclosure_at', 'closed_at'] },
  options: DeadlineMissedOptions,
  evidence: z.strictObject({
    receivedAt: z.string(),
    decision: z.enum(DECISIONS).nullable(),
    outcomeField: z.enum(['disclosure_at', 'decision_at', 'closed_at']),
    outcomeAt: z.string(),
    days: z.number().int(),
    limitDays: z.number().int(),
    limit: z.string(),
    graceDays: z.number().int(),
    deadline: z.string(),
    daysOver: z.number().int(),
    overTwiceLimit: z.boolean(),
    exceptionalCircumstances: z.boolean(),
  }),
  check(ctx, { schedule, graceDays }) {
    for (const app of ctx.dataset.applications) {
      const outcome = outcomeDate(app);
      if (outcome === null) continue;
      const received = app.received_at;
      const days = outcome.day - received.day;
      const limit = limitFor(received, schedule);
      if (days <= limit.days + graceDays) continue;
      const overTwice = days > 2 * limit.days;
      const severity: Severity | undefined = app.exceptional_circumstances ? 'info' : overTwice ? 'high' : undefined;
      const field = outcomeField(app);
      const excuse = app.exceptional_circumstances ? ', with exceptional circumstances recorded' : '';
      ctx.report({
        applicationId: app.application_id,
        ...(severity === undefined ? {} : { severity }),
        describe: () => ({
          message:
            `Application ${app.application_id} reached its outcome (${field}) on ${formatDay(outcome.day)}, ${days} days after ` +
            `receipt on ${formatDay(received.day)}, over the ${limit.days}-day limit${excuse}.`,
          evidence: {
            receivedAt: formatDateValue(received),
            decision: app.decision,
            outcomeField: field,
            outcomeAt: formatDateValue(outcome),
            days,
            limitDays: limit.days,
            limit: describeLimit(limit),
            graceDays,
            deadline: formatDay(received.day + limit.days + graceDays),
            daysOver: days - limit.days,
            overTwiceLimit: overTwice,
            exceptionalCircumstances: app.exceptional_circumstances,
          },
        }),
      });
    }
  },
});
