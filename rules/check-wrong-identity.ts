/**
 * A check about the subject searched another date of birth or surname than the subject's own
 * person record: it may have looked up somebody else, and a "no trace" from it proves nothing.
 * The names and dates themselves never reach a finding (they are held for matching only).
 */
import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import type { Severity } from '../src/engine/types.js';
import { normaliseName } from '../src/model/identity.js';
import { CHECK_RESULTS, CHECK_SYSTEMS, type Check, DECISIONS, type Person } from '../src/model/records.js';
import { aboutSubject } from './checks-missing.js';
import { JUDGED_AT_FIELDS, judgedAt } from '../src/model/outcome.js';


const DIFFERENCES = ['date-of-birth', 'surname', 'date-of-birth+surname'] as const;
type Difference = (typeof DIFFERENCES)[number];


/** A name that normalises to nothing (another script, punctuation only) is no name to compare. */
function comparableName(text: string | null): string | null {
  if (text === null) return null;
  const name = normaliseName(text);
  return name === '' ? null : name;
}

/** Which part of the search differs from the person record, each compared only when both are present. */
function difference(check: Check, subject: Person, subjectSurname: string | null): Difference | null {
  const searchedBorn = check.searched_date_of_birth;
  const born = searchedBorn !== null && subject.date_of_birth !== null && searchedBorn.day !== subject.date_of_birth.day;
  const searchedName = comparableName(check.searched_surname);
  const name = searchedName !== null && subjectSurname !== null && searchedName !== subjectSurname;
  if (born && name) return 'date-of-birth+surname';
  if (born) return 'date-of-birth';
  if (name) return 'surname';
  return null;
}

export default defineRule({
  id: 'check-wrong-identity',
  title: 'A check about the subject searched another date of birth or surname than theirs',
  firesWhen:
    "a check about the subject, by the decision date (else closure, else as-of), searched a date of birth or normalised surname other than the subject's person record; high when such a check returned no_trace, else medium",
  category: 'safeguarding',
  severity: 'high',
  failureType: 'service',
  serviceFailure: true,
  decisionBasis: true,
  rationale:
    'IOPC learning (Wiltshire Police, April 2019, published June 2020): a PNC check for a 2018 application was run on a wrong date of birth, ' +
    'showed no trace, and the case was closed; the applicant was seriously assaulted a month later, and the operator who ran the check had a ' +
    'case to answer. A search on other details than the subject\'s own record does not check the subject. A no-trace result from such a check ' +
    'is high (the case may have been closed on it); a trace, medium.',
  requires: ['checks', 'persons'],
  options: z.strictObject({}),
  evidence: z.strictObject({
    decision: z.enum([...DECISIONS, 'none']),
    decisionDate: z.string().describe('the date the checks are judged at'),
    decisionDateField: z.enum(JUDGED_AT_FIELDS),
    subjectId: z.string(),
    checkIds: z.array(z.string()).describe('the checks concerned, sorted'),
    systems: z.array(z.enum(CHECK_SYSTEMS)).describe('the system of each check, in checkIds order'),
    results: z.array(z.enum(CHECK_RESULTS)).describe('the result of each check, in checkIds order'),
    differences: z.array(z.enum(DIFFERENCES)).describe('what each check searched differently from the person record, in checkIds order'),
    noTrace: z.boolean().describe('whether any of them returned no_trace'),
  }),
  check(ctx) {
    for (const app of ctx.dataset.applications) {
      if (app.decision === 'withdrawn') continue;
      const subject = ctx.dataset.person(app.subject_id);
      if (subject === undefined) continue;
      const subjectSurname = comparableName(subject.surname);
      const at = judgedAt(app, ctx.asOf);
      const concerned: { check: Check; difference: Difference }[] = [];
      // checksOf is sorted by check id, so the evidence lists are too.
      for (const c of ctx.dataset.checksOf(app.application_id)) {
        if (!aboutSubject(c) || c.performed_at.day > at.day) continue;
        const found = difference(c, subject, subjectSurname);
        if (found !== null) concerned.push({ check: c, difference: found });
      }
      if (concerned.length === 0) continue;
      const noTrace = concerned.some((x) => x.check.result === 'no_trace');
      const severity: Severity | undefined = noTrace ? undefined : 'medium';
      const n = concerned.length;
      ctx.report({
        applicationId: app.application_id,
        ...(severity === undefined ? {} : { severity }),
        describe: () => ({
          message:
            `Application ${app.application_id}: ${n} check${n === 1 ? '' : 's'} about subject ${app.subject_id} by ${at.field} ${at.text} ` +
            `searched details other than the subject's person record${noTrace ? '; at least one returned no trace' : ''}.`,
          evidence: {
            decision: app.decision ?? 'none',
            decisionDate: at.text,
            decisionDateField: at.field,
            subjectId: app.subject_id,
            checkIds: concerned.map((x) => x.check.check_id),
            systems: concerned.map((x) => x.check.system),
            results: concerned.map((x) => x.check.result),
            differences: concerned.map((x) => x.difference),
            noTrace,
          },
        }),
      });
    }
  },
});
