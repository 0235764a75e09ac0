import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { DECISIONS, DISCLOSURE_METHODS } from '../src/model/records.js';
import { formatDateValue, formatDay } from '../src/time/london.js';

/** A disclosure made by telephone, in writing or otherwise, rather than in person. */
export default defineRule({
  id: 'disclosure-not-in-person',
  title: 'Disclosure made other than in person',
  firesWhen: 'a disclosure made by telephone, in writing or otherwise',
  category: 'safeguarding',
  severity: 'low',
  failureType: 'administrative',
  serviceFailure: false,
  decisionBasis: false,
  rationale:
    'DVDS practice is to disclose in person, with nothing in writing, so the disclosure comes with a safety plan and leaves ' +
    'no document the subject could find (DVDS guidance 2016; force guidance, e.g. Northumbria Police and Bexley Domestic ' +
    'Abuse Services on Clare\'s Law).',
  // Without `disclosure_method` no disclosure can be seen not in person: a clean result would mean nothing.
  columns: { applications: ['disclosure_at', 'disclosure_method'] },
  options: z.strictObject({}),
  evidence: z.strictObject({
    disclosureAt: z.string(),
    disclosureMethod: z.enum(DISCLOSURE_METHODS),
    decision: z.enum(DECISIONS).nullable(),
  }),
  check(ctx) {
    for (const app of ctx.dataset.applications) {
      const method = app.disclosure_method;
      const disclosure = app.disclosure_at;
      if (disclosure === null || method === null || method === 'in_person') continue;
      ctx.report({
        applicationId: app.application_id,
        describe: () => ({
          message: `Application ${app.application_id} had its disclosure made on ${formatDay(disclosure.day)} by ${method.replace('_', ' ')}, not in person.`,
          evidence: {
            disclosureAt: formatDateValue(disclosure),
            disclosureMethod: method,
            decision: app.decision,
          },
        }),
      });
    }
  },
});
