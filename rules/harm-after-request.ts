/**
 * Harm to the person at risk (or, v2, a child of theirs recorded in the household table), by the
 * subject, after they or someone for them asked the police, before any disclosure was made.
 */
import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { byDayThenId } from '../src/model/order.js';
import type { Dataset } from '../src/model/dataset.js';
import { type Harm, HARMS, type Incident } from '../src/model/records.js';
import { MAX_LIMIT_DAYS } from '../src/time/limits.js';
import { formatDateValue } from '../src/time/london.js';

// Death or serious injury after police contact is a DSI matter (PRA 2002 Sch.3 Part 2A).
const CRITICAL_HARMS: ReadonlySet<Harm> = new Set(['death', 'serious_injury']);

const byOccurredThenId = byDayThenId<Incident>((r) => r.occurred_at, (r) => r.incident_id);

type VictimRelation = 'person_at_risk' | 'child';
interface Harmed {
  readonly incident: Incident;
  readonly relation: VictimRelation;
}
/** Incidents of the subject against the person at risk, then against each of their children, each in date order. */
function incidentsOf(dataset: Dataset, personAtRisk: string, subject: string): Harmed[] {
  const inDateOrder = (victim: string) => [...dataset.incidentsByPair(victim, subject)].sort(byOccurredThenId);
  return [
    ...inDateOrder(personAtRisk).map((incident): Harmed => ({ incident, relation: 'person_at_risk' })),
    ...dataset.childrenOf(personAtRisk).flatMap((child) => inDateOrder(child).map((incident): Harmed => ({ incident, relation: 'child' }))),
  ];
}

export default defineRule({
  id: 'harm-after-request',
  title: 'Person at risk harmed by the subject after the request, before any disclosure',
  firesWhen:
    'the subject harmed the person at risk, or a `child` of theirs in `household.csv`, after receipt, within 365 days, before any disclosure; critical for death or serious injury',
  category: 'safeguarding',
  severity: 'high',
  failureType: 'harm',
  serviceFailure: false,
  decisionBasis: false,
  rationale:
    'Police Reform Act 2002 Sch.3 para 13(1)(a): a death or serious injury after contact with the police is a mandatory IOPC referral; ' +
    'IOPC learning (Wiltshire Police, April 2019: an applicant seriously assaulted a month after an application closed on a wrong check; ' +
    'Avon and Somerset, March 2025; Home Office, September 2024) treats harm after an unanswered DVDS request as a failure to protect.',
  requires: ['incidents'],
  // Without `disclosure_at` every incident would read as harm before any disclosure.
  columns: { applications: ['disclosure_at'] },
  options: z.strictObject({
    windowDays: z.number().int().positive().max(MAX_LIMIT_DAYS).default(365).describe('incidents up to this many calendar days after receipt count (inclusive)'),
  }),
  evidence: z.strictObject({
    incidentId: z.string(),
    occurredAt: z.string(),
    harm: z.enum(HARMS),
    receivedAt: z.string(),
    daysAfterReceipt: z.number().int(),
    windowDays: z.number().int(),
    personAtRiskId: z.string(),
    subjectId: z.string(),
    disclosureAt: z.string().nullable(),
    victimId: z.string(),
    victimRelation: z.enum(['person_at_risk', 'child']),
  }),
  check(ctx, options) {
    const { dataset } = ctx;
    for (const app of dataset.applications) {
      const received = app.received_at.day;
      const disclosure = app.disclosure_at;
      for (const { incident, relation } of incidentsOf(dataset, app.person_at_risk_id, app.subject_id)) {
        const daysAfter = incident.occurred_at.day - received;
        if (daysAfter < 1 || daysAfter > options.windowDays) continue;
        // A disclosure made on or before the incident's day was made in time to protect.
        if (disclosure && disclosure.day <= incident.occurred_at.day) continue;
        ctx.report({
          applicationId: app.application_id,
          ...(CRITICAL_HARMS.has(incident.harm) ? { severity: 'critical' as const } : {}),
          describe: () => {
            const disclosureText = disclosure ? formatDateValue(disclosure) : null;
            const victim =
              relation === 'person_at_risk' ? `Person at risk ${app.person_at_risk_id}` : `${incident.victim_id}, a child of person at risk ${app.person_at_risk_id},`;
            return {
              message:
                `${victim} was the victim of incident ${incident.incident_id} (harm: ${incident.harm}) by subject ` +
                `${app.subject_id} ${daysAfter} day${daysAfter === 1 ? '' : 's'} after application ${app.application_id} was received, ` +
                `${disclosureText !== null ? `before the disclosure of ${disclosureText}` : 'with no disclosure made'}.`,
              evidence: {
                incidentId: incident.incident_id,
                occurredAt: formatDateValue(incident.occurred_at),
                harm: incident.harm,
                receivedAt: formatDateValue(app.received_at),
                daysAfterReceipt: daysAfter,
                windowDays: options.windowDays,
                personAtRiskId: app.person_at_risk_id,
                subjectId: app.subject_id,
                disclosureAt: disclosureText,
                victimId: incident.victim_id,
                victimRelation: relation,
              },
            };
          },
          // A child's incident may share the parent's incident id: the victim tells them apart
          // (the person at risk's key stays as in v1, so v1 baselines still match).
          key: relation === 'person_at_risk' ? [incident.incident_id] : [incident.incident_id, incident.victim_id],
        });
      }
    }
  },
});
