/**
 * The handler had already been referred for their conduct when the application came in.
 */
import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { byDayThenId } from '../src/model/order.js';
import type { ConductReferral } from '../src/model/records.js';
import { formatDateValue } from '../src/time/london.js';

const byReferredThenId = byDayThenId<ConductReferral>((r) => r.referred_at, (r) => r.referral_id);

export default defineRule({
  id: 'handler-prior-referral',
  title: 'Handler had an earlier conduct referral',
  category: 'conduct',
  severity: 'medium',
  rationale:
    'Police Reform Act 2002 Sch.3 para 13(2) (voluntary referral for gravity or exceptional circumstances) and IOPC learning ' +
    '(Wiltshire Police, April 2019 and September 2021): the staff member behind the 2023 review had been referred in 2019 and 2020 ' +
    'and kept handling DVDS applications; an application handled after a conduct referral needs a second look.',
  requires: ['conduct_referrals'],
  options: z.strictObject({}),
  check(ctx) {
    const { dataset } = ctx;
    for (const app of dataset.applications) {
      const handler = app.handler_id;
      if (handler === null) continue;
      const received = app.received_at.day;
      // Strictly before: a referral dated on the received day may postdate the application.
      const referrals = dataset.referralsByStaff(handler);
      if (referrals.length === 0) continue;
      const prior = referrals.filter((r) => r.referred_at.day < received);
      if (prior.length > 1) prior.sort(byReferredThenId);
      const first = prior[0];
      if (!first) continue;
      ctx.report({
        applicationId: app.application_id,
        message:
          `Application ${app.application_id}, received ${formatDateValue(app.received_at)}, was handled by ${handler}, ` +
          `who had ${prior.length} earlier conduct referral${prior.length === 1 ? '' : 's'}, the first on ${formatDateValue(first.referred_at)}.`,
        evidence: {
          handlerId: handler,
          receivedAt: formatDateValue(app.received_at),
          referralIds: prior.map((r) => r.referral_id),
          referralDates: prior.map((r) => formatDateValue(r.referred_at)),
          referralBodies: prior.map((r) => r.body),
        },
        key: [first.referral_id],
      });
    }
  },
});
