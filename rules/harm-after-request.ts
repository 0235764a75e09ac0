/**
 * Harm to the person at risk, by the subject, after they or someone for them asked the police,
 * before any disclosure was made.
 */
import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { byDayThenId } from '../src/model/order.js';
import type { Harm, Incident } from '../src/model/records.js';
import { formatDateValue } from '../src/time/london.js';

// Death or serious injury after police contact is a mandatory IOPC referral (Sch.3 para 13(1)(a)).
const CRITICAL_HARMS: ReadonlySet<Harm> = new Set(['death', 'serious_injury']);

const byOccurredThenId = byDayThenId<Incident>((r) => r.occurred_at, (r) => r.incident_id);

export default defineRule({
  id: 'harm-after-request',
  title: 'Person at risk harmed by the subject after the request, before any disclosure',
  category: 'safeguarding',
  severity: 'high',
  rationale:
    'Police Reform Act 2002 Sch.3 para 13(1)(a): a death or serious injury after contact with the police is a mandatory IOPC referral; ' +
    'IOPC learning (Wiltshire Police, April 2019: an applicant seriously assaulted a month after an application closed on a wrong check; ' +
    'Avon and Somerset, March 2025; Home Office, September 2024) treats harm after an unanswered DVDS request as a failure to protect.',
  requires: ['incidents'],
  options: z.strictObject({
    /** Incidents up to this many calendar days after receipt count (inclusive). */
    windowDays: z.number().int().positive().default(365),
  }),
  check(ctx, options) {
    const { dataset } = ctx;
    for (const app of dataset.applications) {
      const incidents = dataset.incidentsByPair(app.person_at_risk_id, app.subject_id);
      if (incidents.length === 0) continue;
      const received = app.received_at.day;
      const disclosure = app.disclosure_at;
      // Texts of the application's own dates, made once for all its incidents.
      let receivedText: string | null = null;
      let disclosureText: string | null = null;
      for (const incident of incidents.length === 1 ? incidents : [...incidents].sort(byOccurredThenId)) {
        const daysAfter = incident.occurred_at.day - received;
        if (daysAfter < 1 || daysAfter > options.windowDays) continue;
        // A disclosure made on or before the incident's day was made in time to protect.
        if (disclosure && disclosure.day <= incident.occurred_at.day) continue;
        receivedText ??= formatDateValue(app.received_at);
        if (disclosure) disclosureText ??= formatDateValue(disclosure);
        const message =
          `Person at risk ${app.person_at_risk_id} was the victim of incident ${incident.incident_id} (harm: ${incident.harm}) by subject ` +
          `${app.subject_id} ${daysAfter} day${daysAfter === 1 ? '' : 's'} after application ${app.application_id} was received, ` +
          `${disclosureText !== null ? `before the disclosure of ${disclosureText}` : 'with no disclosure made'}.`;
        const evidence = {
          incidentId: incident.incident_id,
          occurredAt: formatDateValue(incident.occurred_at),
          harm: incident.harm,
          receivedAt: receivedText,
          daysAfterReceipt: daysAfter,
          windowDays: options.windowDays,
          personAtRiskId: app.person_at_risk_id,
          subjectId: app.subject_id,
          disclosureAt: disclosureText,
        };
        const key = [incident.incident_id];
        // Two literals rather than a spread of a one-key object per finding; same keys, same order.
        ctx.report(
          CRITICAL_HARMS.has(incident.harm)
            ? { applicationId: app.application_id, severity: 'critical', message, evidence, key }
            : { applicationId: app.application_id, message, evidence, key },
        );
      }
    }
  },
});
