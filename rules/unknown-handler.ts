/**
 * A handler id that the staff register does not know: the handler cannot be checked for earlier
 * conduct referrals nor traced for a referral of their own.
 */
import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'unknown-handler',
  title: 'Handler not in the staff register',
  firesWhen: '`handler_id` not in `staff.csv` (when supplied)',
  category: 'data-quality',
  severity: 'info',
  failureType: 'none',
  serviceFailure: false,
  decisionBasis: false,
  rationale:
    'Police Reform Act 2002 Part 2 (s.12) covers every person serving with the police, officers and staff, and Sch.3 para 13 referrals name them; ' +
    'a handler id missing from the staff register cannot be traced or checked for earlier conduct referrals (IOPC learning, Wiltshire Police, 2019–2024).',
  requires: ['staff'],
  // Without `handler_id` no handler can be seen unknown: a clean result would mean nothing.
  columns: { applications: ['handler_id'] },
  options: z.strictObject({}),
  evidence: z.strictObject({ handlerId: z.string(), staffRegisterSize: z.number().int() }),
  check(ctx) {
    const { dataset } = ctx;
    for (const app of dataset.applications) {
      const handler = app.handler_id;
      if (handler === null || dataset.staffById(handler) !== undefined) continue;
      ctx.report({
        applicationId: app.application_id,
        describe: () => ({
          message: `Application ${app.application_id} names handler ${handler}, who is not in the staff register.`,
          evidence: { handlerId: handler, staffRegisterSize: dataset.staff?.length ?? 0 },
        }),
        key: [handler],
      });
    }
  },
});
