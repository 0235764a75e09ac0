/**
 * A case decided (or closed) before the police had searched every system they must search about
 * the subject: the decision rested on checks that were never made.
 */
import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { compareText } from '../src/shared/compare.js';
import { type Application, CHECK_SYSTEMS, type Check, DECISIONS } from '../src/model/records.js';
import { JUDGED_AT_FIELDS, judgedAt } from '../src/model/outcome.js';


/** Decided (other than withdrawn) or closed: the cases where the checks should all have been made. */
function concluded(app: Application): boolean {
  if (app.decision === 'withdrawn') return false;
  return app.decision !== null || app.closed_at !== null;
}


/** A check about the subject: `about` empty reads as the subject (BRIEF section 2). */
export function aboutSubject(c: Check): boolean {
  return c.about === null || c.about === 'subject';
}

export default defineRule({
  id: 'checks-missing',
  title: 'Decided or closed before every required system was searched about the subject',
  firesWhen:
    'a decided (not withdrawn) or closed case with no check about the subject on a required system (default pnc, pnd, local) on or before the decision date, else the closure date',
  category: 'safeguarding',
  severity: 'high',
  failureType: 'service',
  serviceFailure: true,
  decisionBasis: true,
  rationale:
    'The DVDS guidance lists the checks to complete before a decision (West Midlands Police, 2014: PNC, PND, VISOR and force intelligence as ' +
    'the minimum). In the Wiltshire case (IOPC recommendation, September 2021) the researcher had no PND access, so a system was never ' +
    'searched. A decision made before a required system was searched rests on what the police had not looked at. The systems required ' +
    'are an option (default PNC, PND, local systems).',
  requires: ['checks'],
  options: z.strictObject({
    systems: z
      .array(z.enum(CHECK_SYSTEMS))
      .min(1)
      .max(CHECK_SYSTEMS.length)
      .default(['pnc', 'pnd', 'local'])
      .describe('the systems that must each have a check about the subject before the decision'),
  }),
  evidence: z.strictObject({
    decision: z.enum([...DECISIONS, 'none']),
    decisionDate: z.string().describe('the date the checks are judged at'),
    decisionDateField: z.enum(JUDGED_AT_FIELDS),
    subjectId: z.string(),
    missingSystems: z.array(z.enum(CHECK_SYSTEMS)).describe('required systems with no check about the subject by that date, sorted'),
    checkIds: z.array(z.string()).describe('the checks about the subject made by that date, sorted'),
  }),
  check(ctx, { systems }) {
    const required = [...new Set(systems)].sort(compareText);
    for (const app of ctx.dataset.applications) {
      if (!concluded(app)) continue;
      const at = judgedAt(app, ctx.asOf);
      // checksOf is sorted by check id, so the evidence list is too.
      const made = ctx.dataset.checksOf(app.application_id).filter((c) => aboutSubject(c) && c.performed_at.day <= at.day);
      const searched = new Set(made.map((c) => c.system));
      const missing = required.filter((s) => !searched.has(s));
      if (missing.length === 0) continue;
      const decision = app.decision ?? 'none';
      const what = app.decision === null ? 'was closed with no decision' : `was decided ${decision}`;
      ctx.report({
        applicationId: app.application_id,
        describe: () => ({
          message:
            `Application ${app.application_id} ${what} (${at.field} ${at.text}) with no check of subject ${app.subject_id} ` +
            `on ${missing.join(', ')} by then.`,
          evidence: {
            decision,
            decisionDate: at.text,
            decisionDateField: at.field,
            subjectId: app.subject_id,
            missingSystems: missing,
            checkIds: made.map((c) => c.check_id),
          },
        }),
      });
    }
  },
});
