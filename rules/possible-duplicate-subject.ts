/**
 * The subject's history may sit under another person record: a likely duplicate of the subject
 * (same normalised surname and initial, a near date of birth) holds a domestic abuse record, and
 * no disclosure was made. Checks on the subject's own record would not have found it.
 */
import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { duplicateKey, type LikelyDuplicate, likelyDuplicates, NEARNESS } from '../src/model/identity.js';
import { endDay, isCountingRecord } from '../src/model/outcome.js';
import { DECISIONS, type Person } from '../src/model/records.js';
import { compareText } from '../src/shared/compare.js';
import { formatDay } from '../src/time/london.js';

/** The shape `likelyDuplicates` compares: the date of birth as a London day number. */
function byDay(p: Person): { person_id: string; surname: string; forenames: string | null; date_of_birth: number | null } {
  return { person_id: p.person_id, surname: p.surname, forenames: p.forenames, date_of_birth: p.date_of_birth?.day ?? null };
}

export default defineRule({
  id: 'possible-duplicate-subject',
  title: "No disclosure while a likely duplicate of the subject's person record held a domestic abuse record",
  firesWhen:
    "decision not `disclose` (empty included, withdrawn too) while a likely duplicate of the subject's person record held a counting domestic abuse record on or before the end date",
  category: 'safeguarding',
  severity: 'high',
  failureType: 'service',
  serviceFailure: true,
  decisionBasis: true,
  rationale:
    'In the Wiltshire case (IOPC learning, April 2019) a check on a wrong date of birth showed no trace: a history can sit under a record ' +
    'whose details differ from the one searched. A person record with the same surname and initial and a date of birth a transposition, ' +
    'one digit or one year away is likely the same person (BRIEF section 5), and a domestic abuse record held under it by the end of the ' +
    'case was there to be found before deciding not to disclose.',
  requires: ['persons', 'history'],
  options: z.strictObject({}),
  evidence: z.strictObject({
    decision: z.enum([...DECISIONS, 'none']),
    endDate: z.string().describe("the application's end date (BRIEF section 5)"),
    subjectId: z.string(),
    duplicatePersonIds: z.array(z.string()).describe('the likely duplicates holding such a record, sorted'),
    nearness: z.array(z.enum(NEARNESS)).describe('how near each duplicate is, in duplicatePersonIds order'),
    historyRecordIds: z.array(z.string()).describe('their counting records by the end date: by duplicate, then record id'),
    historyPersonIds: z.array(z.string()).describe('the duplicate holding each record, in historyRecordIds order'),
  }),
  check(ctx) {
    const { dataset } = ctx;
    for (const app of dataset.applications) {
      if (app.decision === 'disclose') continue;
      const subject = dataset.person(app.subject_id);
      if (subject === undefined) continue;
      const key = duplicateKey(subject.surname, subject.forenames);
      if (key === null) continue;
      const end = endDay(app, ctx.asOf);
      // Only the persons sharing the subject's key can be duplicates: the index holds that group.
      const candidates = dataset.personsByDuplicateKey(key).map(byDay);
      const holding: { duplicate: LikelyDuplicate; recordIds: string[] }[] = [];
      for (const duplicate of likelyDuplicates(byDay(subject), candidates)) {
        const recordIds = dataset
          .historyBySubject(duplicate.personId)
          .filter((h) => isCountingRecord(h) && h.recorded_at.day <= end)
          .map((h) => h.record_id)
          .sort(compareText);
        if (recordIds.length > 0) holding.push({ duplicate, recordIds });
      }
      if (holding.length === 0) continue;
      const ids = holding.map((x) => x.duplicate.personId);
      const records = holding.reduce((n, x) => n + x.recordIds.length, 0);
      const decision = app.decision ?? 'none';
      ctx.report({
        applicationId: app.application_id,
        describe: () => ({
          message:
            `Application ${app.application_id} (decision ${decision}) made no disclosure although person record${ids.length === 1 ? '' : 's'} ` +
            `${ids.join(', ')}, a likely duplicate of subject ${app.subject_id}, held ${records} domestic abuse record${records === 1 ? '' : 's'} ` +
            `by ${formatDay(end)}.`,
          evidence: {
            decision,
            endDate: formatDay(end),
            subjectId: app.subject_id,
            duplicatePersonIds: ids,
            nearness: holding.map((x) => x.duplicate.nearness),
            historyRecordIds: holding.flatMap((x) => x.recordIds),
            historyPersonIds: holding.flatMap((x) => x.recordIds.map(() => x.duplicate.personId)),
          },
        }),
      });
    }
  },
});
