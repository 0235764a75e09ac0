/**
 * The handler held the case after they had been referred for their conduct: a referral dated
 * strictly before the application's end date (v2), before receipt or during handling.
 */
import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { byDayThenId } from '../src/model/order.js';
import { endDay } from '../src/model/outcome.js';
import { type ConductReferral, REFERRAL_BODIES } from '../src/model/records.js';
import { formatDateValue, formatDay } from '../src/time/london.js';

const byReferredThenId = byDayThenId<ConductReferral>((r) => r.referred_at, (r) => r.referral_id);

export default defineRule({
  id: 'handler-prior-referral',
  title: 'Handler had an earlier conduct referral',
  firesWhen:
    "the handler had a conduct referral dated before the application's end date (outcome date; withdrawal date; else closure; else as-of): before receipt or during handling",
  category: 'conduct',
  severity: 'medium',
  failureType: 'none',
  serviceFailure: false,
  decisionBasis: false,
  rationale:
    'Police Reform Act 2002 Sch.3 para 13(2) (voluntary referral for gravity or exceptional circumstances) and IOPC learning ' +
    '(Wiltshire Police, April 2019 and September 2021): the staff member behind the 2023 review had been referred in 2019 and 2020 ' +
    'and kept handling DVDS applications; an application handled after a conduct referral needs a second look.',
  requires: ['conduct_referrals'],
  // The end date reads the decision and the three dates: without them every case would end on the audit date and later referrals would fire.
  columns: { applications: ['handler_id', 'decision', 'decision_at', 'disclosure_at', 'closed_at'] },
  options: z.strictObject({}),
  evidence: z.strictObject({
    handlerId: z.string(),
    receivedAt: z.string(),
    endDate: z.string(),
    referralIds: z.array(z.string()),
    referralDates: z.array(z.string()),
    referralBodies: z.array(z.enum(REFERRAL_BODIES)),
    firstReferral: z.enum(['before-receipt', 'during-handling']),
    referralsDuringHandling: z.number().int(),
  }),
  check(ctx) {
    const { dataset } = ctx;
    for (const app of dataset.applications) {
      const handler = app.handler_id;
      if (handler === null) continue;
      const received = app.received_at.day;
      const referrals = dataset.referralsByStaff(handler);
      if (referrals.length === 0) continue;
      // Strictly before the end date: a referral dated on the day the case ended came after it.
      const end = endDay(app, ctx.asOf);
      const prior = referrals.filter((r) => r.referred_at.day < end);
      if (prior.length > 1) prior.sort(byReferredThenId);
      const first = prior[0];
      if (!first) continue;
      // Dated on the received day or later: the handler was referred while they held the case.
      const when = first.referred_at.day < received ? 'before-receipt' : 'during-handling';
      const during = prior.filter((r) => r.referred_at.day >= received).length;
      ctx.report({
        applicationId: app.application_id,
        describe: () => ({
          message:
            `Application ${app.application_id}, received ${formatDateValue(app.received_at)} and ended ${formatDay(end)}, was handled by ${handler}, ` +
            `who had ${prior.length} conduct referral${prior.length === 1 ? '' : 's'} before it ended, the first on ${formatDateValue(first.referred_at)} ` +
            `(${when === 'before-receipt' ? 'before the application was received' : 'while they handled it'}).`,
          evidence: {
            handlerId: handler,
            receivedAt: formatDateValue(app.received_at),
            endDate: formatDay(end),
            referralIds: prior.map((r) => r.referral_id),
            referralDates: prior.map((r) => formatDateValue(r.referred_at)),
            referralBodies: prior.map((r) => r.body),
            firstReferral: when,
            referralsDuringHandling: during,
          },
        }),
        key: [first.referral_id],
      });
    }
  },
});
