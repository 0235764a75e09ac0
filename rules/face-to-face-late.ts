import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { formatDateValue, formatDay } from '../src/time/london.js';
import { addWorkingDays, bankHolidaysBetween, workingDaysBetween } from '../src/time/working-days.js';

/** A Right to Ask face-to-face meeting after the 10th England and Wales working day from receipt. */
export default defineRule({
  id: 'face-to-face-late',
  title: 'Right to Ask face-to-face meeting later than 10 working days',
  firesWhen: 'a Right to Ask meeting after the 10th England and Wales working day from receipt',
  category: 'timeliness',
  severity: 'low',
  failureType: 'administrative',
  serviceFailure: false,
  decisionBasis: false,
  rationale:
    'The 2014 national scheme (Home Office briefing, March 2014; DVDS guidance 2016, Step 2) sets the Right to Ask ' +
    'face-to-face meeting within 10 working days of the initial contact. Working days are England and Wales working days: ' +
    'no weekends and no bank or public holidays (from the date-holidays library). Right to Know cases have no such meeting.',
  // Without `face_to_face_at` no meeting can be seen late: a clean result would mean nothing.
  columns: { applications: ['face_to_face_at'] },
  options: z.strictObject({
    workingDays: z.number().int().positive().max(2500).default(10).describe('working days allowed from receipt to the meeting'),
  }),
  evidence: z.strictObject({
    receivedAt: z.string(),
    faceToFaceAt: z.string(),
    workingDays: z.number().int(),
    calendarDays: z.number().int(),
    limit: z.string(),
    deadline: z.string(),
    bankHolidays: z.array(z.string()),
  }),
  check(ctx, { workingDays }) {
    for (const app of ctx.dataset.applications) {
      const meeting = app.face_to_face_at;
      if (app.route !== 'right_to_ask' || meeting === null) continue;
      const received = app.received_at.day;
      const deadline = addWorkingDays(received, workingDays);
      if (meeting.day <= deadline) continue;
      const taken = workingDaysBetween(received, meeting.day);
      ctx.report({
        applicationId: app.application_id,
        describe: () => ({
          message:
            `Application ${app.application_id} had its face-to-face meeting on ${formatDay(meeting.day)}, ${taken} working days ` +
            `after receipt on ${formatDay(received)}, after the deadline of ${formatDay(deadline)}.`,
          evidence: {
            receivedAt: formatDateValue(app.received_at),
            faceToFaceAt: formatDateValue(meeting),
            workingDays: taken,
            calendarDays: meeting.day - received,
            limit: `${workingDays} England and Wales working days (RtA face-to-face meeting, 2014 national scheme)`,
            deadline: formatDay(deadline),
            bankHolidays: bankHolidaysBetween(received, meeting.day).map(formatDay),
          },
        }),
      });
    }
  },
});
