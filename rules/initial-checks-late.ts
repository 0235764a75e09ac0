import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { formatDateValue, hoursBetween } from '../src/time/london.js';

function formatElapsed(ms: number): string {
  const totalSeconds = Math.round(ms / 1000);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  return `${h}h ${String(m).padStart(2, '0')}m${s === 0 ? '' : ` ${String(s).padStart(2, '0')}s`}`;
}

/** Initial checks and risk assessment done more than 24 hours after receipt. */
export default defineRule({
  id: 'initial-checks-late',
  title: 'Initial checks more than 24 hours after receipt',
  firesWhen: 'initial checks more than 24 real hours after receipt (more than 1 calendar day when a value has no time); high with immediate risk',
  category: 'timeliness',
  severity: 'medium',
  failureType: 'administrative',
  serviceFailure: false,
  decisionBasis: false,
  rationale:
    'The 2014 national scheme (Home Office briefing, March 2014) sets initial checks and an initial risk assessment within ' +
    '24 hours of receipt, to find any immediate risk; "if there is an imminent risk of harm, action taken immediately". ' +
    'Real elapsed hours are counted (clock changes included); when either date has no time, more than one calendar day is late. ' +
    'High when immediate risk was identified.',
  // Not `immediate_risk`: without it a late check is still late, reported at medium; skipping the
  // rule would hide it.
  columns: { applications: ['initial_checks_at'] },
  options: z.strictObject({
    hours: z.number().positive().max(8760).default(24).describe('hours allowed from receipt to initial checks'),
  }),
  evidence: z.strictObject({
    receivedAt: z.string(),
    initialChecksAt: z.string(),
    immediateRisk: z.boolean().nullable(),
    measuredIn: z.enum(['elapsed hours', 'calendar days (a date without a time)']),
    hours: z.number().optional().describe('when both values have a time'),
    elapsed: z.string().optional().describe('when both values have a time'),
    days: z.number().int().optional().describe('when a value has no time'),
    limit: z.string(),
  }),
  check(ctx, { hours: limitHours }) {
    const limitDays = Math.ceil(limitHours / 24);
    for (const app of ctx.dataset.applications) {
      const checks = app.initial_checks_at;
      if (checks === null) continue;
      const received = app.received_at;
      const risk = app.immediate_risk === true;
      // Built when the finding is described, as the rest of its evidence.
      const common = () => ({
        receivedAt: formatDateValue(received),
        initialChecksAt: formatDateValue(checks),
        immediateRisk: app.immediate_risk,
      });
      if (received.instant !== null && checks.instant !== null) {
        const elapsedMs = checks.instant - received.instant;
        const hours = hoursBetween(received.instant, checks.instant);
        if (hours <= limitHours) continue;
        ctx.report({
          applicationId: app.application_id,
          ...(risk ? { severity: 'high' as const } : {}),
          describe: () => ({
            message:
              `Application ${app.application_id} had its initial checks ${formatElapsed(elapsedMs)} after receipt, ` +
              `over the ${limitHours}-hour limit${risk ? ', with immediate risk identified' : ''}.`,
            evidence: {
              ...common(),
              measuredIn: 'elapsed hours',
              hours: Math.round(hours * 100) / 100,
              elapsed: formatElapsed(elapsedMs),
              limit: `${limitHours} hours (initial checks, 2014 national scheme)`,
            },
          }),
        });
      } else {
        const days = checks.day - received.day;
        if (days <= limitDays) continue;
        ctx.report({
          applicationId: app.application_id,
          ...(risk ? { severity: 'high' as const } : {}),
          describe: () => ({
            message:
              `Application ${app.application_id} had its initial checks ${days} calendar days after receipt, ` +
              `over the ${limitHours}-hour limit (read as ${limitDays} day${limitDays === 1 ? '' : 's'} for a date without a time)` +
              `${risk ? ', with immediate risk identified' : ''}.`,
            evidence: {
              ...common(),
              measuredIn: 'calendar days (a date without a time)',
              days,
              limit: `${limitHours} hours (initial checks, 2014 national scheme): more than ${limitDays} calendar day${limitDays === 1 ? '' : 's'} when a date has no time`,
            },
          }),
        });
      }
    }
  },
});
