/**
 * IOPC referrals (BRIEF section 6): application entries (mandatory for death or serious injury
 * after the request; voluntary for failure to protect and for a previously referred handler's
 * service failure) and staff entries (a handler with a service failure on an application received
 * after one of their conduct referrals). One entry per application or staff member; mandatory wins.
 */
import type { Evidence, Finding } from '../engine/types.js';
import { isServiceFailure } from '../engine/service-failure.js';
import type { Dataset } from '../model/dataset.js';
import { outcomeDate } from '../model/outcome.js';
import type { Application, ConductReferral, Incident } from '../model/records.js';
import type { Referral, ReferralBasis } from '../report/model.js';
import { formatDateValue, formatDay } from '../time/london.js';
import { nextWorkingDay } from '../time/working-days.js';
import { failureExistedOn } from './failure-existed.js';
import { compareText, type FindingsByApplication, sortedUnique } from './findings-index.js';
import { type DeadlineSettings, effectiveLimit } from './limit.js';

export const HARM_RULE = 'harm-after-request';
export const WITHHELD_RULE = 'withheld-despite-history';
export const PRIOR_REFERRAL_RULE = 'handler-prior-referral';
const TIMELINESS_FAILURE_RULES: ReadonlySet<string> = new Set(['no-outcome', 'disclosure-not-made', 'deadline-missed']);

export interface ReferralInput {
  readonly dataset: Dataset;
  readonly byApplication: FindingsByApplication;
  readonly asOf: number;
  readonly deadline: DeadlineSettings;
}

/** The refer-by date: the next England and Wales working day after the audit date. */
export function referByDate(asOf: number): string {
  return formatDay(nextWorkingDay(asOf));
}

export function decideReferrals(input: ReferralInput): Referral[] {
  const referBy = referByDate(input.asOf);
  const out: Referral[] = [];
  // Any order will do: the referrals are sorted below by kind and id, one per application.
  for (const entry of input.byApplication.applications(input.dataset)) {
    if (!mayRefer(entry.findings)) continue;
    const referral = applicationReferral(entry.app, entry.findings, input, referBy);
    if (referral) out.push(referral);
  }
  out.push(...staffReferrals(input, referBy));
  return out.sort(compareReferrals);
}

const BASIS_RANK: Readonly<Record<ReferralBasis, number>> = { mandatory: 0, voluntary: 1 };
const KIND_RANK = { application: 0, staff: 1 } as const;

/** Mandatory first, applications before staff, then by id. */
export function compareReferrals(a: Referral, b: Referral): number {
  return BASIS_RANK[a.basis] - BASIS_RANK[b.basis] || KIND_RANK[a.kind] - KIND_RANK[b.kind] || compareText(a.id, b.id);
}

interface IncidentGround {
  readonly incident: Incident;
  readonly finding: Finding;
}

/** Only a harm-after-request or a handler-prior-referral finding can ground an application's referral. */
function mayRefer(findings: readonly Finding[]): boolean {
  for (const f of findings) if (f.ruleId === HARM_RULE || f.ruleId === PRIOR_REFERRAL_RULE) return true;
  return false;
}

function applicationReferral(app: Application, findings: readonly Finding[], input: ReferralInput, referBy: string): Referral | null {
  const { dataset } = input;
  const limit = effectiveLimit(app, input.deadline);
  const failures = findings.filter(isServiceFailure);
  const withheld = failures.filter((f) => f.ruleId === WITHHELD_RULE);
  const timelinessFailures = failures.filter((f) => TIMELINESS_FAILURE_RULES.has(f.ruleId));

  let basis: ReferralBasis | null = null;
  const grounds = new Set<string>();
  const behind = new Set<string>();
  const reasons: string[] = [];
  const incidents: IncidentGround[] = [];
  const failureKinds = new Set<string>();

  for (const finding of findings) {
    if (finding.ruleId !== HARM_RULE) continue;
    const incident = incidentOf(finding, app, dataset);
    const when = formatDateValue(incident.occurred_at);
    if (finding.severity === 'critical') {
      basis = 'mandatory';
      grounds.add(HARM_RULE);
      behind.add(finding.fingerprint);
      incidents.push({ incident, finding });
      reasons.push(
        `Mandatory: person at risk ${app.person_at_risk_id} suffered ${harmWords(incident)} (incident ${incident.incident_id}, ${when}) ` +
          `by subject ${app.subject_id} after application ${app.application_id} was received; a death or serious injury after ` +
          'police contact must be referred (Police Reform Act 2002, Sch.3 para 13(1)(a)).',
      );
    } else if (finding.severity === 'high') {
      const existed = failureExistedOn(app, incident.occurred_at.day, limit, withheld.length > 0);
      if (existed.phrases.length === 0) continue;
      basis ??= 'voluntary';
      grounds.add(HARM_RULE);
      behind.add(finding.fingerprint);
      incidents.push({ incident, finding });
      if (existed.limitPassed) {
        failureKinds.add('limit-passed');
        for (const f of timelinessFailures) {
          grounds.add(f.ruleId);
          behind.add(f.fingerprint);
        }
      }
      if (existed.withheldDecision) {
        failureKinds.add('withheld-decision');
        for (const f of withheld) {
          grounds.add(f.ruleId);
          behind.add(f.fingerprint);
        }
      }
      reasons.push(
        `Failure to protect: person at risk ${app.person_at_risk_id} suffered ${harmWords(incident)} (incident ${incident.incident_id}, ${when}) ` +
          `by subject ${app.subject_id} when ${existed.phrases.join(', and ')}.`,
      );
    }
  }

  const prior = findings.filter((f) => f.ruleId === PRIOR_REFERRAL_RULE);
  const conductReferrals = app.handler_id === null ? [] : referralsBefore(dataset, app.handler_id, app.received_at.day);
  if (prior.length > 0 && failures.length > 0) {
    basis ??= 'voluntary';
    for (const f of [...prior, ...failures]) {
      grounds.add(f.ruleId);
      behind.add(f.fingerprint);
    }
    const referralText = conductReferrals.length > 0 ? ` (${conductReferrals.map((r) => `${r.referral_id} on ${formatDay(r.referred_at.day)}`).join(', ')})` : '';
    reasons.push(
      `Conduct: handler ${app.handler_id ?? 'unknown'} had been referred for conduct${referralText} before application ${app.application_id} ` +
        `was received, and the application has a service failure (${sortedUnique(failures.map((f) => f.ruleId)).join(', ')}).`,
    );
  }

  if (basis === null) return null;
  incidents.sort((a, b) => a.incident.occurred_at.day - b.incident.occurred_at.day || compareText(a.incident.incident_id, b.incident.incident_id));
  const outcome = outcomeDate(app);
  const evidence: Evidence = {
    personAtRiskId: app.person_at_risk_id,
    subjectId: app.subject_id,
    handlerId: app.handler_id,
    receivedAt: formatDateValue(app.received_at),
    decision: app.decision,
    outcomeAt: outcome === null ? null : formatDateValue(outcome),
    exceptionalCircumstances: app.exceptional_circumstances,
    limitDays: limit.days,
    limit: limit.description,
    limitFrom: input.deadline.source === 'default' ? 'default schedule (deadline-missed is off)' : 'deadline-missed options',
    limitEnds: formatDay(limit.lastDay),
    serviceFailureRules: sortedUnique(failures.map((f) => f.ruleId)),
    // Only the evidence of the grounds this referral has.
    ...(incidents.length === 0
      ? {}
      : {
          incidentIds: incidents.map((g) => g.incident.incident_id),
          incidentDates: incidents.map((g) => formatDateValue(g.incident.occurred_at)),
          incidentHarms: incidents.map((g) => g.incident.harm),
        }),
    ...(failureKinds.size === 0 ? {} : { failureBeforeIncident: [...failureKinds].sort(compareText) }),
    ...(prior.length === 0
      ? {}
      : {
          conductReferralIds: conductReferrals.map((r) => r.referral_id),
          conductReferralDates: conductReferrals.map((r) => formatDay(r.referred_at.day)),
        }),
  };
  return {
    kind: 'application',
    id: app.application_id,
    basis,
    grounds: sortedUnique(grounds),
    applicationIds: [app.application_id],
    ...(app.handler_id === null ? {} : { staffId: app.handler_id }),
    referBy,
    reasons,
    findings: sortedUnique(behind),
    evidence,
  };
}

function harmWords(incident: Incident): string {
  switch (incident.harm) {
    case 'death':
      return 'fatal harm';
    case 'serious_injury':
      return 'serious injury';
    case 'injury':
      return 'injury';
    case 'no_injury':
      return 'an incident without injury';
  }
}

/**
 * The incident a harm-after-request finding is about. The finding names it in its evidence; the
 * dates are read from the Dataset, through the (person at risk, subject) index.
 */
function incidentOf(finding: Finding, app: Application, dataset: Dataset): Incident {
  const id = finding.evidence['incidentId'];
  if (typeof id === 'string') {
    const match = dataset.incidentsByPair(app.person_at_risk_id, app.subject_id).filter((i) => i.incident_id === id);
    if (match.length === 1) return match[0]!;
    if (match.length > 1) {
      // The same incident id twice for one pair: the finding's own date tells them apart.
      const at = finding.evidence['occurredAt'];
      const dated = match.find((i) => formatDateValue(i.occurred_at) === at);
      if (dated) return dated;
      return match.sort((a, b) => a.occurred_at.day - b.occurred_at.day)[0]!;
    }
  }
  throw new Error(
    `finding ${finding.fingerprint} (${HARM_RULE}) on application ${app.application_id} names no incident of its person at risk and subject`,
  );
}

/** The staff member's conduct referrals dated strictly before a day, by date then id. */
function referralsBefore(dataset: Dataset, staffId: string, day: number): ConductReferral[] {
  return dataset
    .referralsByStaff(staffId)
    .filter((r) => r.referred_at.day < day)
    .sort((a, b) => a.referred_at.day - b.referred_at.day || compareText(a.referral_id, b.referral_id));
}

function staffReferrals(input: ReferralInput, referBy: string): Referral[] {
  const { dataset, byApplication } = input;
  if (dataset.conductReferrals === null) return [];
  const out: Referral[] = [];
  for (const staffId of dataset.handlerIds()) {
    const referrals = dataset.referralsByStaff(staffId);
    if (referrals.length === 0) continue;
    const earliest = Math.min(...referrals.map((r) => r.referred_at.day));
    const apps: Application[] = [];
    const grounds = new Set<string>([PRIOR_REFERRAL_RULE]);
    const behind = new Set<string>();
    let latestReceived = -Infinity;
    for (const app of dataset.applicationsByHandler(staffId)) {
      if (app.received_at.day <= earliest) continue;
      const findings = byApplication.of(app.application_id);
      const failures = findings.filter(isServiceFailure);
      if (failures.length === 0) continue;
      apps.push(app);
      latestReceived = Math.max(latestReceived, app.received_at.day);
      for (const f of failures) {
        grounds.add(f.ruleId);
        behind.add(f.fingerprint);
      }
      for (const f of findings) if (f.ruleId === PRIOR_REFERRAL_RULE) behind.add(f.fingerprint);
    }
    if (apps.length === 0) continue;
    const applicationIds = sortedUnique(apps.map((a) => a.application_id));
    const earlier = referralsBefore(dataset, staffId, latestReceived);
    out.push({
      kind: 'staff',
      id: staffId,
      basis: 'voluntary',
      grounds: sortedUnique(grounds),
      applicationIds,
      staffId,
      referBy,
      reasons: [
        `Conduct: staff member ${staffId} handled ${applicationIds.length} application${applicationIds.length === 1 ? '' : 's'} with a service failure ` +
          `(${applicationIds.join(', ')}) received after their conduct referral${earlier.length === 1 ? '' : 's'} ` +
          `${earlier.map((r) => `${r.referral_id} of ${formatDay(r.referred_at.day)}`).join(', ')}.`,
      ],
      findings: sortedUnique(behind),
      evidence: {
        staffId,
        role: dataset.staffById(staffId)?.role ?? null,
        conductReferralIds: earlier.map((r) => r.referral_id),
        conductReferralDates: earlier.map((r) => formatDay(r.referred_at.day)),
        conductReferralBodies: earlier.map((r) => r.body),
        applicationIds,
        serviceFailureRules: sortedUnique([...grounds].filter((g) => g !== PRIOR_REFERRAL_RULE)),
      },
    });
  }
  return out;
}
